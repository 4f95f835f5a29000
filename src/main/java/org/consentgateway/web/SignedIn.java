package org.consentgateway.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.value.Principal;

/**
 * The app's session as its pages see it: a guard that admits only a signed-in citizen (anyone else
 * is sent to sign in and brought back), who that citizen is, and the token their forms carry.
 * The session store implements it; pages depend on nothing else of it.
 */
public interface SignedIn {

  /** Admits a request of a signed-in citizen whose POST carries the session's {@link Page#CSRF_FIELD}; others never reach the page. */
  Handler<RoutingContext> guard();

  /** The citizen of a request the guard admitted: role CITIZEN, id their subjectRef. */
  Principal citizen(RoutingContext context);

  /** The CSRF token of the request's session, for the page's forms. */
  String csrfToken(RoutingContext context);
}
