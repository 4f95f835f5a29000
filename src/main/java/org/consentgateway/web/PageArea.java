package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * A tree of server-rendered pages under one path prefix (the citizen app's {@code /app}, the
 * regulator console's {@code /console}): the security headers on every answer under it, and its
 * error page, in the reader's language, for any failure no page answered itself (a path no access
 * rule names, a method the path does not take, a body over the limit), never the API's problem JSON.
 */
public final class PageArea {

  private final String prefix;
  private final SecurityHeaders headers;
  private final Responder responder;

  public PageArea(String prefix, SecurityHeaders headers, Responder responder) {
    this.prefix = requireNonNull(prefix, "prefix is null");
    this.headers = requireNonNull(headers, "headers is null");
    this.responder = requireNonNull(responder, "responder is null");
  }

  /** Mounts the headers and the failure page for every path under the prefix; before any page. */
  public void mount(Router router) {
    router.route().handler(context -> {
      if (inArea(context)) {
        headers.handle(context);
      } else {
        context.next();
      }
    });
    router.route().failureHandler(context -> {
      if (inArea(context) && !context.response().headWritten()) {
        headers.apply(context.response());
        responder.showError(context, failureOf(context));
      } else {
        context.next();
      }
    });
  }

  private boolean inArea(RoutingContext context) {
    return context.normalizedPath().equals(prefix) || context.normalizedPath().startsWith(prefix + "/");
  }

  /** The failure as the error page's code reads it: a bare status (the router's, the access rules') as its code. */
  private static Throwable failureOf(RoutingContext context) {
    if (context.failure() instanceof HttpException http) {
      return new ProblemException(ErrorCode.forStatus(http.getStatusCode()), "status " + http.getStatusCode());
    }
    if (context.failure() == null) {
      return new ProblemException(ErrorCode.forStatus(context.statusCode()), "status " + context.statusCode());
    }
    return context.failure();
  }
}
