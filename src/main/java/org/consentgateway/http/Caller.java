package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.RoutingContext;
import org.consentgateway.value.Principal;

/** The authenticated principal of a request: put there by the access rules, read by the handlers after them. */
public final class Caller {

  /** Where the principal is kept on a request's routing context. */
  static final String CONTEXT_KEY = "principal";

  private Caller() {}

  /** The caller of a request the access rules have admitted. */
  public static Principal of(RoutingContext context) {
    return requireNonNull(context.get(CONTEXT_KEY), "no principal: the access rules must run first");
  }

  /** Records who the request comes from; only the authenticator calls this. */
  public static void admit(RoutingContext context, Principal principal) {
    context.put(CONTEXT_KEY, requireNonNull(principal, "principal is null"));
  }
}
