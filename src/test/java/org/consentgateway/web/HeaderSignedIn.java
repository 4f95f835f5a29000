package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;

/**
 * A hand-written test session until the real one lands: the request names its citizen's
 * subjectRef in the {@value #HEADER} header, and the citizen's CSRF token is {@link #tokenOf}. The
 * guard refuses a request without the header (401) and a POST whose {@code _csrf} is not the
 * token (403), with the app's error page, as the real guard does.
 */
final class HeaderSignedIn implements SignedIn {

  static final String HEADER = "X-Test-Citizen";

  private final Responder responder;

  HeaderSignedIn(Responder responder) {
    this.responder = requireNonNull(responder, "responder is null");
  }

  /** The CSRF token of {@code subjectRef}'s session. */
  static String tokenOf(String subjectRef) {
    return "csrf-" + subjectRef.substring(0, 16);
  }

  @Override
  public Handler<RoutingContext> guard() {
    return context -> {
      String subjectRef = context.request().getHeader(HEADER);
      if (subjectRef == null) {
        responder.showError(context, new ProblemException(ErrorCode.UNAUTHENTICATED, "not signed in"));
      } else if (context.request().method() == HttpMethod.POST
          && !tokenOf(subjectRef).equals(context.request().getFormAttribute(Page.CSRF_FIELD))) {
        responder.showError(context, new ProblemException(ErrorCode.FORBIDDEN, "no CSRF token or a wrong one"));
      } else {
        context.next();
      }
    };
  }

  @Override
  public Principal citizen(RoutingContext context) {
    return new Principal(Role.CITIZEN, context.request().getHeader(HEADER));
  }

  @Override
  public String csrfToken(RoutingContext context) {
    return tokenOf(context.request().getHeader(HEADER));
  }
}
