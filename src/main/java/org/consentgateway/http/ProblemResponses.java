package org.consentgateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.regex.Pattern;
import org.consentgateway.db.DatabaseFailure;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single failure handler: every error becomes RFC 9457 {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status}, {@code detail} and the stable {@code code}. A
 * database that cannot answer (down, frozen, out of connections; see {@link DatabaseFailure}) is
 * 503 {@code unavailable}, whichever route met it. An unexpected failure is logged with a
 * reference and answered 500 without internal detail. Every 503 carries {@code Retry-After}.
 */
public final class ProblemResponses {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://consent-gateway.local/problems/";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
  /** What a 503 asks the client to wait: long enough for a pool to reconnect, short enough to notice recovery. */
  static final int RETRY_AFTER_SECONDS = 5;
  static final String DATABASE_UNAVAILABLE = "The database is not answering; try again shortly.";
  /**
   * A path segment that is not a word a route could have: lower-case letters, '-' and '.', or a
   * version such as {@code v1}. Ids hold digits, and so do ID numbers: both are masked.
   */
  private static final Pattern NOT_A_WORD = Pattern.compile("/(?!(?:v[0-9]{1,3}|[.a-z][a-z.-]{0,39})(?:/|$))[^/]*");

  private ProblemResponses() {}

  public static void handle(RoutingContext context) {
    Throwable failure = context.failure();
    if (ClientDisconnect.is(context, failure)) {
      // Nobody to answer, and no news for the operator.
      LOG.debug("client closed the connection during {} {}: {}", context.request().method(), context.normalizedPath(),
          failure == null ? "no failure" : failure.getClass().getName());
      context.response().reset();
    } else if (failure instanceof ProblemException problem) {
      ObjectNode extensions = JsonNodeFactory.instance.objectNode();
      problem.extensions().forEach(extensions::put);
      send(context, problem.code(), problem.detail(), extensions);
    } else if (failure != null && DatabaseFailure.unavailable(failure)) {
      // Debug only: an outage is one event for the operator, not one line per request.
      LOG.debug("database unavailable on {} {}: {}", context.request().method(), context.normalizedPath(),
          DatabaseFailure.of(failure).map(Enum::name).orElse("?"));
      send(context, ErrorCode.UNAVAILABLE, DATABASE_UNAVAILABLE);
    } else if (failure instanceof HttpException http) {
      send(context, ErrorCode.forStatus(http.getStatusCode()), detailFor(http.getStatusCode()));
    } else if ((failure == null && context.statusCode() > 0) || isClientError(context.statusCode())) {
      // A framework's refusal; one with a cause (BodyHandler: a body it could not decode) is still the client's.
      send(context, ErrorCode.forStatus(context.statusCode()), detailFor(context.statusCode()));
    } else {
      String reference = Long.toHexString(System.nanoTime());
      // Exceptions are logged by class and message only where they are ours; the full trace goes to debug.
      // A standard method name and the path's shape: the method and path as sent are the client's text.
      LOG.error("unexpected failure on {} {} (reference {}): {}", MetricLabels.method(context.request().method().name()),
          pathShape(context.normalizedPath()), reference, failure == null ? "unknown" : failure.getClass().getName());
      LOG.debug("unexpected failure (reference {})", reference, failure);
      send(context, ErrorCode.INTERNAL_ERROR, "An unexpected error occurred (reference " + reference + ").");
    }
  }

  /**
   * The router's error handler for {@code status}. The router calls it for failures it never
   * records on the context too (a path it cannot decode, such as {@code /a%zz}: 400), so the status
   * is taken from the registration when the context has none.
   */
  static void handle(RoutingContext context, int status) {
    if (context.failure() == null && context.statusCode() <= 0 && isClientError(status)) {
      send(context, ErrorCode.forStatus(status), detailFor(status));
    } else {
      handle(context);
    }
  }

  public static void send(RoutingContext context, ErrorCode code, String detail) {
    send(context, code, detail, JsonNodeFactory.instance.objectNode());
  }

  /** A problem with extension members (RFC 9457 §3.2), e.g. the RFC 6749 {@code error} of an OAuth failure. */
  public static void send(RoutingContext context, ErrorCode code, String detail, ObjectNode extensions) {
    write(context.response(), code, detail, extensions);
  }

  /**
   * Answers the problem, then closes the connection: after framing the gateway cannot trust, or a
   * request that never finished arriving, nothing more on the connection can be read safely
   * (RFC 9112 §6.3, §9.6). An HTTP/2 stream ends alone; its connection carries other streams.
   */
  static void sendAndClose(HttpServerRequest request, ErrorCode code, String detail) {
    closeAfter(request, () -> write(request.response(), code, detail, JsonNodeFactory.instance.objectNode()));
  }

  /** Runs {@code answer} with the answer marked as the connection's last, then closes the connection (flushing the answer). */
  static void closeAfter(HttpServerRequest request, Runnable answer) {
    boolean http1 = request.version() != HttpVersion.HTTP_2;
    if (http1 && !request.response().headWritten()) {
      request.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
    }
    answer.run();
    if (http1) {
      request.connection().close();
    }
  }

  private static void write(HttpServerResponse response, ErrorCode code, String detail, ObjectNode extensions) {
    if (response.ended() || response.closed()) {
      return;
    }
    if (response.headWritten()) {
      response.reset();
      return;
    }
    if (code == ErrorCode.UNAUTHENTICATED) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    if (code == ErrorCode.UNAVAILABLE) {
      response.putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    }
    ObjectNode body = extensions.deepCopy()
        .put("type", TYPE_BASE + code.code())
        .put("title", code.title())
        .put("status", code.status())
        .put("detail", detail)
        .put("code", code.code());
    JsonRoutes.send(response.setStatusCode(code.status()), CONTENT_TYPE, JsonRoutes.encode(body));
  }

  private static boolean isClientError(int status) {
    return status >= 400 && status < 500;
  }

  /**
   * {@code path} with every segment that is not a lower-case word replaced by {@code *}: ids, and
   * whatever else a client put there, become {@code /v1/me/records/*}{@code /statement}.
   */
  static String pathShape(String path) {
    return path == null ? "" : NOT_A_WORD.matcher(path).replaceAll(segment -> "/*");
  }

  private static String detailFor(int status) {
    return switch (status) {
      case 400 -> "The request is malformed.";
      case 404 -> "No such resource.";
      case 405 -> "This method is not allowed on this resource.";
      case 413 -> "The request body is over the size limit.";
      case 415 -> "The request body must be JSON.";
      case 503 -> "The gateway could not answer in time; try again shortly.";
      case 417 -> "The only expectation served is 100-continue.";
      default -> "The request could not be served.";
    };
  }
}
