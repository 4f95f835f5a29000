package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/** What every JSON route does the same way: read the body and a path id, answer or fail as a problem. */
public final class JsonRoutes {

  private JsonRoutes() {}

  /** Answers {@code status} with the JSON object or array {@code body} completes with; a failure goes to the failure handler. */
  public static void reply(RoutingContext context, int status, Future<?> body) {
    body.onSuccess(json -> context.response().setStatusCode(status).putHeader("Content-Type", "application/json")
            .end(json instanceof JsonArray array ? array.encode() : ((JsonObject) json).encode()))
        .onFailure(context::fail);
  }

  /** The JSON object body; empty when there is none. Malformed JSON is refused by the failure handler. */
  public static Optional<JsonObject> jsonBody(RoutingContext context) {
    // No body at all is a null buffer (length -1), an empty one has length 0: both are "none".
    if (context.body() == null || context.body().buffer() == null || context.body().length() <= 0) {
      return Optional.empty();
    }
    // Malformed JSON throws DecodeException, which the failure handler answers with 400.
    Object value = Json.decodeValue(context.body().buffer());
    if (!(value instanceof JsonObject object)) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "The body must be a JSON object.");
    }
    return Optional.of(object);
  }

  /** The JSON object body, else 400 {@code invalid_request}. */
  public static JsonObject requiredBody(RoutingContext context) {
    return jsonBody(context).orElseThrow(() -> new ProblemException(ErrorCode.INVALID_REQUEST, "The body must be a JSON object."));
  }

  /**
   * The path parameter {@code name} as a UUID. One that is not a UUID names nothing: 404 with
   * {@code notFound} as detail, exactly like an id the caller may not see.
   */
  public static UUID pathId(RoutingContext context, String name, String notFound) {
    requireNonNull(notFound, "notFound is null");
    try {
      return UUID.fromString(context.pathParam(name));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ProblemException(ErrorCode.NOT_FOUND, notFound);
    }
  }
}
