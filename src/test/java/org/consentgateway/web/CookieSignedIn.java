package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;

/**
 * A hand-written test session until the real one lands: the {@value #COOKIE} cookie names the
 * citizen's subjectRef (a browser in a test sets it like any cookie), and the citizen's CSRF token
 * is {@link #tokenOf}. The guard refuses a request without the cookie (401) and a POST whose
 * {@code _csrf} is not the token (403), with the app's error page, as the real guard does.
 */
final class CookieSignedIn implements SignedIn {

  static final String COOKIE = "test_citizen";

  private final Responder responder;

  CookieSignedIn(Responder responder) {
    this.responder = requireNonNull(responder, "responder is null");
  }

  /** The CSRF token of {@code subjectRef}'s session. */
  static String tokenOf(String subjectRef) {
    return "csrf-" + subjectRef.substring(0, 16);
  }

  @Override
  public Handler<RoutingContext> guard() {
    return context -> {
      Cookie citizen = context.request().getCookie(COOKIE);
      if (citizen == null) {
        responder.showError(context, new ProblemException(ErrorCode.UNAUTHENTICATED, "not signed in"));
      } else if (context.request().method() == HttpMethod.POST
          && !tokenOf(citizen.getValue()).equals(context.request().getFormAttribute(Page.CSRF_FIELD))) {
        responder.showError(context, new ProblemException(ErrorCode.FORBIDDEN, "no CSRF token or a wrong one"));
      } else {
        context.next();
      }
    };
  }

  @Override
  public Principal citizen(RoutingContext context) {
    return new Principal(Role.CITIZEN, context.request().getCookie(COOKIE).getValue());
  }

  @Override
  public String csrfToken(RoutingContext context) {
    return tokenOf(context.request().getCookie(COOKIE).getValue());
  }
}
