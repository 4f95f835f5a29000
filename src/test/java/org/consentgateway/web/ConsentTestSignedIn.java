package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;

/**
 * A hand-written stand-in for the app's session in the consent page's tests, until the real one
 * lands: the request's {@value #HEADER} header (or, from a browser, its {@value #COOKIE} cookie)
 * names the signed-in citizen by subjectRef, and that citizen's CSRF token is {@link #csrfTokenOf}.
 * Like the real guard it admits no one else (401), and refuses a POST whose {@link Page#CSRF_FIELD}
 * is missing or wrong with the 403 page. Tests only.
 */
final class ConsentTestSignedIn implements SignedIn {

  static final String HEADER = "X-Test-Citizen";
  static final String COOKIE = "cg_test_citizen";
  private static final String CITIZEN = ConsentTestSignedIn.class.getName() + ".citizen";

  private final Pages pages;

  ConsentTestSignedIn(Pages pages) {
    this.pages = requireNonNull(pages, "pages is null");
  }

  /** The token a citizen's forms carry; a fixed function of who they are, which is all a test needs. */
  static String csrfTokenOf(String subjectRef) {
    return "csrf-" + Integer.toHexString(subjectRef.hashCode());
  }

  @Override
  public Handler<RoutingContext> guard() {
    return context -> {
      Optional<String> subjectRef = Optional.ofNullable(context.request().getHeader(HEADER))
          .or(() -> Optional.ofNullable(context.request().getCookie(COOKIE)).map(Cookie::getValue));
      if (subjectRef.isEmpty()) {
        refuse(context, 401);
        return;
      }
      if (context.request().method() == HttpMethod.POST
          && !csrfTokenOf(subjectRef.get()).equals(context.request().getFormAttribute(Page.CSRF_FIELD))) {
        refuse(context, 403);
        return;
      }
      context.put(CITIZEN, new Principal(Role.CITIZEN, subjectRef.get()));
      context.next();
    };
  }

  @Override
  public Principal citizen(RoutingContext context) {
    return requireNonNull(context.get(CITIZEN), "the guard did not admit this request");
  }

  @Override
  public String csrfToken(RoutingContext context) {
    return csrfTokenOf(citizen(context).id());
  }

  private void refuse(RoutingContext context, int status) {
    pages.render(context, status, "error.jte", pages.page(context, "error.forbidden.title"),
        Map.of("message", pages.messages(context).text("error.forbidden")));
  }
}
