package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.value.Principal;
import org.consentgateway.value.SubjectRef;

/**
 * The app's server-side sessions. {@link #handle} runs before every app route: it loads the
 * request's session (the cookie's id, within both timeouts) and refuses any POST under
 * {@code /app/} whose form does not carry the session's token in {@value Page#CSRF_FIELD} (403
 * page, which says so when the session has ended), so no form can forget it. For the pages
 * ({@link SignedIn}):
 *
 * <pre>{@code
 * router.get("/app/consents").handler(signedIn.guard()).handler(context -> {
 *   Principal citizen = signedIn.citizen(context);     // role CITIZEN, id = subjectRef
 *   Page page = pages.page(context, "consents.title", signedIn.csrfToken(context));
 * });
 * }</pre>
 */
public final class CitizenSessions implements SignedIn {

  static final String APP_PREFIX = "/app/";

  private static final String CONTEXT_KEY = "web.session";
  /** Where {@link SessionKeeper} marks a request whose cookie names an ended session. */
  private static final String ENDED_KEY = CONTEXT_KEY + "-ended";

  private final SessionStore store;
  private final SessionKeeper<CitizenSession> keeper;
  private final Pages pages;

  CitizenSessions(SessionStore store, SessionCookie cookie, Pages pages, RandomTokens random, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.keeper = new SessionKeeper<>(store, cookie, random, clock, CONTEXT_KEY);
    this.pages = requireNonNull(pages, "pages is null");
  }

  /** To mount without a path, before the app's pages: loads the session, checks the CSRF token of a POST. */
  void handle(RoutingContext context) {
    String path = context.normalizedPath();
    if (!path.startsWith(APP_PREFIX) || path.startsWith(CitizenApp.STATIC_PREFIX)) {
      context.next();
      return;
    }
    keeper.load(context).onSuccess(loaded -> {
      if (context.request().method() == HttpMethod.POST && !keeper.carriesCsrfToken(context)) {
        refuseForm(context);
        return;
      }
      context.next();
    }).onFailure(context::fail);
  }

  /**
   * Lets only a signed-in citizen on (the CSRF token of a POST is checked before, for every form).
   * Anyone else is sent to sign in, and from a GET brought back to this page afterwards.
   */
  @Override
  public Handler<RoutingContext> guard() {
    return context -> {
      if (signedIn(context).isPresent()) {
        context.next();
        return;
      }
      String here = context.request().path() + (context.request().query() == null ? "" : "?" + context.request().query());
      boolean comeBack = context.request().method() == HttpMethod.GET && NextPath.isAppPath(here);
      pages.redirect(context, SignInRoutes.SIGN_IN + (comeBack ? "?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8) : ""));
    };
  }

  @Override
  public Principal citizen(RoutingContext context) {
    return signedIn(context).orElseThrow(() -> new IllegalStateException("no citizen: the guard must run first"));
  }

  @Override
  public String csrfToken(RoutingContext context) {
    return session(context).map(CitizenSession::csrfToken)
        .orElseThrow(() -> new IllegalStateException("no session: only pages with a session have forms"));
  }

  /** The signed-in citizen of this request, if there is one. */
  static Optional<Principal> signedIn(RoutingContext context) {
    return session(context).flatMap(CitizenSession::citizen);
  }

  static Optional<CitizenSession> session(RoutingContext context) {
    return Optional.ofNullable(context.get(CONTEXT_KEY));
  }

  /** The request's session, or a new anonymous one (its cookie set): the sign-in page needs one for its form. */
  Future<CitizenSession> sessionOrNew(RoutingContext context) {
    return keeper.sessionOrNew(context, (token, csrfToken) -> new CitizenSession(token, Optional.empty(), csrfToken));
  }

  /** Signs {@code subject} in: the anonymous session is replaced by one under a new id (and a new CSRF token). */
  Future<Void> signIn(RoutingContext context, CitizenSession anonymous, SubjectRef subject) {
    return keeper.rotate(context, (token, csrfToken, now) -> store.signIn(anonymous.token(), token, subject, csrfToken, now));
  }

  /** Ends the request's session: its row is deleted and the browser told to forget the cookie. */
  Future<Void> signOut(RoutingContext context) {
    return keeper.end(context);
  }

  /**
   * Whether the request came with a session cookie that names no live session: the session timed
   * out (or was purged). After a sign-out the browser has forgotten the cookie.
   */
  static boolean ended(RoutingContext context) {
    return Boolean.TRUE.equals(context.get(ENDED_KEY));
  }

  /** The 403 page for a form without its session's token; when the session has ended, it says so and offers to sign in. */
  private void refuseForm(RoutingContext context) {
    if (ended(context)) {
      pages.render(context, 403, "signin/notice.jte", pages.page(context, "signin.ended.title"),
          Map.of("message", pages.messages(context).text("signin.ended.nothing-done"), "offerSignIn", true));
      return;
    }
    pages.render(context, 403, "error.jte", pages.page(context, "error.forbidden.title"),
        Map.of("message", pages.messages(context).text("error.forbidden")));
  }
}
