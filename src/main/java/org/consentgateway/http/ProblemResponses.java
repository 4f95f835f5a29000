package org.consentgateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.regex.Pattern;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single failure handler: every error becomes RFC 9457 {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status}, {@code detail} and the stable {@code code}. An
 * unexpected failure is logged with a reference and answered 500 without internal detail.
 */
public final class ProblemResponses {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://consent-gateway.local/problems/";
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
  /**
   * A path segment that is not a word a route could have: lower-case letters, '-' and '.', or a
   * version such as {@code v1}. Ids hold digits, and so do ID numbers: both are masked.
   */
  private static final Pattern NOT_A_WORD = Pattern.compile("/(?!(?:v[0-9]{1,3}|[.a-z][a-z.-]{0,39})(?:/|$))[^/]*");

  private ProblemResponses() {}

  public static void handle(RoutingContext context) {
    Throwable failure = context.failure();
    if (failure instanceof ProblemException problem) {
      send(context, problem.code(), problem.detail());
    } else if (failure instanceof HttpException http) {
      send(context, ErrorCode.forStatus(http.getStatusCode()), detailFor(http.getStatusCode()));
    } else if (failure == null && context.statusCode() > 0) {
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

  public static void send(RoutingContext context, ErrorCode code, String detail) {
    send(context, code, detail, JsonNodeFactory.instance.objectNode());
  }

  /** A problem with extension members (RFC 9457 §3.2), e.g. the RFC 6749 {@code error} of an OAuth failure. */
  public static void send(RoutingContext context, ErrorCode code, String detail, ObjectNode extensions) {
    if (context.response().ended()) {
      return;
    }
    if (context.response().headWritten()) {
      context.response().reset();
      return;
    }
    if (code == ErrorCode.UNAUTHENTICATED) {
      context.response().putHeader("WWW-Authenticate", "Bearer");
    }
    ObjectNode body = extensions.deepCopy()
        .put("type", TYPE_BASE + code.code())
        .put("title", code.title())
        .put("status", code.status())
        .put("detail", detail)
        .put("code", code.code());
    JsonRoutes.send(context.response().setStatusCode(code.status()), CONTENT_TYPE, JsonRoutes.encode(body));
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
      default -> "The request could not be served.";
    };
  }
}
