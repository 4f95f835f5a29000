package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.ContentDigest;
import org.consentgateway.crypto.SignedResponse;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * What every route does the same way: read the body and a path id, answer or fail as a problem.
 * Every answer leaves through here (ArchitectureTest holds it so). Bodies in and out are Jackson
 * trees ({@link JsonNode}), the one JSON model of the gateway (the policy projection, the records
 * and RFC 8785 canonicalisation use it too); an {@link ObjectNode} keeps its members in the order
 * they were put, and that is the order sent.
 */
public final class JsonRoutes {

  public static final String CONTENT_TYPE = "application/json";
  public static final String MERGE_PATCH_TYPE = "application/merge-patch+json";
  private static final String NOT_AN_OBJECT = "The body must be a JSON object.";
  /**
   * Reads RFC 8259 and nothing more: no comments, nothing after the value. Writes characters
   * outside the BMP as their UTF-8 bytes, as a text encoder and RFC 8785 do, not as the pair of
   * {@code \}{@code u} escapes Jackson's byte writer would otherwise emit.
   */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .build();

  private JsonRoutes() {}

  /** Answers {@code status} with the JSON {@code body} completes with; a failure goes to the failure handler. */
  public static void reply(RoutingContext context, int status, Future<? extends JsonNode> body) {
    replyEncoded(context, status, body.map(JsonRoutes::encode));
  }

  /** Answers {@code status} with {@code body}, a value at hand. */
  public static void reply(RoutingContext context, int status, JsonNode body) {
    reply(context, status, Future.succeededFuture(body));
  }

  /**
   * Answers {@code status} with JSON already {@link #encode encoded}: for an answer whose exact
   * bytes are hashed into the audit log before they are sent.
   */
  public static void replyEncoded(RoutingContext context, int status, Future<byte[]> body) {
    body.onSuccess(bytes -> {
      if (!context.response().ended()) {
        send(context.response().setStatusCode(status), CONTENT_TYPE, bytes);
      }
    }).onFailure(context::fail);
  }

  /** Answers 200 with bytes that are not JSON (a tile of the log), once {@code body} completes. */
  public static void replyBytes(RoutingContext context, String contentType, Future<byte[]> body) {
    requireNonNull(contentType, "contentType is null");
    body.onSuccess(bytes -> send(context.response().setStatusCode(200), contentType, bytes)).onFailure(context::fail);
  }

  /**
   * Answers 200 with a signed answer: exactly its bytes, with {@code Content-Type},
   * {@code Content-Digest}, {@code Signature-Input} and {@code Signature} as signed (docs/consents.md
   * "Signed answers"). The covered status is 200, so no other status may carry these headers.
   */
  public static void replySigned(RoutingContext context, Future<SignedResponse> answer) {
    answer.onSuccess(signed -> {
      HttpServerResponse response = context.response();
      if (!response.ended()) {
        response.setStatusCode(200)
            .putHeader(ContentDigest.HEADER, signed.contentDigest())
            .putHeader(SignedResponse.SIGNATURE_INPUT, signed.signatureInput())
            .putHeader(SignedResponse.SIGNATURE, signed.signature());
        send(response, signed.contentType(), signed.body());
      }
    }).onFailure(context::fail);
  }

  /** {@link #replySigned}, as a file to save under {@code fileName} (RFC 6266; the disposition is not covered). */
  public static void downloadSigned(RoutingContext context, String fileName, Future<SignedResponse> answer) {
    String disposition = attachment(fileName);
    replySigned(context, answer.map(signed -> {
      context.response().putHeader("Content-Disposition", disposition);
      return signed;
    }));
  }

  private static String attachment(String fileName) {
    return "attachment; filename=\"" + requireNonNull(fileName, "fileName is null") + "\"";
  }

  /** Answers 200 with the JSON {@code body} as a file to save under {@code fileName} (RFC 6266). */
  public static void download(RoutingContext context, String fileName, Future<? extends JsonNode> body) {
    String disposition = attachment(fileName);
    reply(context, 200, body.map(json -> {
      context.response().putHeader("Content-Disposition", disposition);
      return json;
    }));
  }

  /** A file to download: its name, its media type and its bytes. */
  public record FileBody(String fileName, String contentType, byte[] bytes) {
    public FileBody {
      requireNonNull(fileName, "fileName is null");
      requireNonNull(contentType, "contentType is null");
      requireNonNull(bytes, "bytes is null");
    }
  }

  /** Answers 200 with the file {@code body} completes with, to save under its name (RFC 6266); a failure goes to the failure handler. */
  public static void downloadFile(RoutingContext context, Future<FileBody> body) {
    body.onSuccess(file -> {
      if (!context.response().ended()) {
        context.response().putHeader("Content-Disposition", "attachment; filename=\"" + file.fileName() + "\"");
        send(context.response().setStatusCode(200), file.contentType(), file.bytes());
      }
    }).onFailure(context::fail);
  }

  /** Answers 204 with no body once {@code done} completes; a failure goes to the failure handler. */
  public static void noContent(RoutingContext context, Future<?> done) {
    done.onSuccess(ignored -> {
      if (!context.response().ended()) {
        context.response().setStatusCode(204).end();
      }
    }).onFailure(context::fail);
  }

  /**
   * Answers 200 with a body that is not a JSON tree of ours: a signed note, a key, or the JWKS as
   * the JOSE library writes it.
   */
  public static void replyText(RoutingContext context, String contentType, String body) {
    context.response().putHeader("Content-Type", requireNonNull(contentType, "contentType is null")).end(body);
  }

  /** The UTF-8 JSON text of {@code json}, members in their order. */
  public static byte[] encode(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a JSON tree could not be written", e);
    }
  }

  /** Parses JSON the gateway wrote itself (such as an audit entry's canonical form); malformed text is a fault, not a request error. */
  static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("stored JSON could not be read", e);
    }
  }

  /**
   * The JSON object body; empty when there is none. A body not declared {@code application/json}
   * is 415 {@code unsupported_media_type}; malformed JSON, or a body that is not an object, is 400
   * {@code invalid_request}.
   */
  public static Optional<ObjectNode> jsonBody(RoutingContext context) {
    return body(context, List.of(CONTENT_TYPE));
  }

  /** The JSON object body, else 400 {@code invalid_request}. */
  public static ObjectNode requiredBody(RoutingContext context) {
    return jsonBody(context).orElseThrow(() -> new ProblemException(ErrorCode.INVALID_REQUEST, NOT_AN_OBJECT));
  }

  /** A JSON merge patch (RFC 7396), declared as such or as plain JSON; else as {@link #requiredBody}. */
  public static ObjectNode requiredMergePatch(RoutingContext context) {
    return body(context, List.of(MERGE_PATCH_TYPE, CONTENT_TYPE))
        .orElseThrow(() -> new ProblemException(ErrorCode.INVALID_REQUEST, NOT_AN_OBJECT));
  }

  private static Optional<ObjectNode> body(RoutingContext context, List<String> mediaTypes) {
    // No body at all is a null buffer, an empty one has length 0: both are "none".
    Buffer buffer = context.body() == null ? null : context.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      return Optional.empty();
    }
    if (mediaTypes.stream().noneMatch(type -> MediaTypes.declares(context.request(), type))) {
      throw new ProblemException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The request body must be " + String.join(" or ", mediaTypes) + " (UTF-8).");
    }
    JsonNode value;
    try {
      value = JSON.readTree(buffer.getBytes());
    } catch (IOException e) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "The request body is not valid JSON.");
    }
    if (!(value instanceof ObjectNode object)) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, NOT_AN_OBJECT);
    }
    return Optional.of(object);
  }

  /** Member {@code name} of {@code body}; empty when it is absent or JSON {@code null}, as if left out. */
  public static Optional<JsonNode> member(ObjectNode body, String name) {
    return Optional.ofNullable(body.get(name)).filter(value -> !value.isNull());
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

  static void send(HttpServerResponse response, String contentType, byte[] body) {
    if (response.ended()) {
      return; // answered already: the request's deadline passed (503) while this work went on
    }
    response.putHeader("Content-Type", contentType).end(Buffer.buffer(body));
  }
}
