package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The headers every /app answer carries: a Content-Security-Policy with no {@code unsafe-inline}
 * and no third-party origin (only the identity provider may receive a form), no framing by any
 * site, no referrer, no MIME sniffing, and no caching of personal pages.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  private final String policy;

  /** @param formTargets origins besides our own that a form may go to (the identity provider's) */
  public SecurityHeaders(List<String> formTargets) {
    requireNonNull(formTargets, "formTargets is null");
    this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'" + formTargets.stream().map(origin -> " " + origin).reduce("", String::concat)
        + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
  }

  /** The policy as sent, for tests and docs. */
  public String policy() {
    return policy;
  }

  @Override
  public void handle(RoutingContext context) {
    apply(context.response());
    context.next();
  }

  /** Puts the headers on {@code response}: for an answer that does not pass through {@link #handle}, such as an error page. */
  void apply(HttpServerResponse response) {
    response
        .putHeader("Content-Security-Policy", policy)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin");
    // Personal pages are never kept by a browser or a proxy; the static files set their own caching.
    response.putHeader("Cache-Control", "no-store");
  }
}
