package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
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
  private static final String ENDED_KEY = "web.session-ended";

  private final SessionStore store;
  private final SessionCookie cookie;
  private final Pages pages;
  private final RandomTokens random;
  private final Clock clock;

  CitizenSessions(SessionStore store, SessionCookie cookie, Pages pages, RandomTokens random, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.cookie = requireNonNull(cookie, "cookie is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.random = requireNonNull(random, "random is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** To mount without a path, before the app's pages: loads the session, checks the CSRF token of a POST. */
  void handle(RoutingContext context) {
    String path = context.normalizedPath();
    if (!path.startsWith(APP_PREFIX) || path.startsWith(CitizenApp.STATIC_PREFIX)) {
      context.next();
      return;
    }
    Cookie presented = context.request().getCookie(cookie.name());
    boolean carried = presented != null && RandomTokens.wellFormed(presented.getValue());
    Future<Optional<CitizenSession>> loaded = carried
        ? store.touch(presented.getValue(), clock.instant())
        : Future.succeededFuture(Optional.empty());
    loaded.onSuccess(session -> {
      session.ifPresentOrElse(found -> context.put(CONTEXT_KEY, found), () -> context.put(ENDED_KEY, carried));
      if (context.request().method() == HttpMethod.POST && !carriesCsrfToken(context)) {
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
    Optional<CitizenSession> current = session(context);
    if (current.isPresent()) {
      return Future.succeededFuture(current.get());
    }
    CitizenSession fresh = new CitizenSession(random.next(), Optional.empty(), random.next());
    return store.create(fresh.token(), fresh.csrfToken(), clock.instant()).map(created -> {
      context.response().addCookie(cookie.carrying(fresh.token()));
      context.put(CONTEXT_KEY, fresh);
      return fresh;
    });
  }

  /** Signs {@code subject} in: the anonymous session is replaced by one under a new id (and a new CSRF token). */
  Future<Void> signIn(RoutingContext context, CitizenSession anonymous, SubjectRef subject) {
    String token = random.next();
    return store.signIn(anonymous.token(), token, subject, random.next(), clock.instant())
        .onSuccess(done -> context.response().addCookie(cookie.carrying(token)));
  }

  /** Ends the request's session: its row is deleted and the browser told to forget the cookie. */
  Future<Void> signOut(RoutingContext context) {
    Future<Void> deleted = session(context).map(current -> store.delete(current.token())).orElse(Future.succeededFuture());
    return deleted.onSuccess(done -> context.response().addCookie(cookie.expired()));
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

  /** Whether the form carries the token of the request's session; without a session, nothing is right. */
  private static boolean carriesCsrfToken(RoutingContext context) {
    return session(context).map(found -> RandomTokens.same(found.csrfToken(), context.request().getFormAttribute(Page.CSRF_FIELD)))
        .orElse(false);
  }
}
