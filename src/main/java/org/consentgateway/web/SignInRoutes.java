package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing in and out: the sign-in page, whose button starts the OpenID Connect code flow; the
 * callback the identity provider sends the browser back to; and sign-out (the dashboard is the home
 * page, {@link Dashboard}). The raw ID number never passes through here: the provider puts it in
 * the ID token, and only its subjectRef comes out of the verification.
 */
public final class SignInRoutes {

  public static final String HOME = NextPath.HOME;
  public static final String SIGN_IN = "/app/sign-in";
  public static final String CALLBACK = "/app/sign-in/callback";
  public static final String SIGN_OUT = "/app/sign-out";
  /** How long the identity provider may take to send the browser back. */
  static final Duration SIGN_IN_WINDOW = Duration.ofMinutes(10);
  static final String NEXT = "next";
  static final String SIGNED_OUT = "signed-out";
  /** The part of a subjectRef the home page and the log show: enough to tell two people apart, not a handle. */
  static final int SHORT_REF_LENGTH = 8;

  private static final Logger LOG = LoggerFactory.getLogger(SignInRoutes.class);

  private final CitizenSessions sessions;
  private final SessionStore store;
  private final IdentityProviderClient provider;
  private final Pages pages;
  private final RandomTokens random;
  private final Clock clock;

  SignInRoutes(CitizenSessions sessions, SessionStore store, IdentityProviderClient provider, Pages pages, RandomTokens random,
      Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.store = requireNonNull(store, "store is null");
    this.provider = requireNonNull(provider, "provider is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.random = requireNonNull(random, "random is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(Router router) {
    router.get(SIGN_IN).handler(this::signInPage);
    router.post(SIGN_IN).handler(this::startSignIn);
    router.get(CALLBACK).handler(this::callback);
    router.post(SIGN_OUT).handler(this::signOut);
  }

  private void signInPage(RoutingContext context) {
    String next = NextPath.orHome(context.request().getParam(NEXT));
    if (answeredWithoutSigningIn(context, next)) {
      return;
    }
    boolean signedOut = context.request().getParam(SIGNED_OUT) != null;
    // Read before a new session replaces the one that ended.
    boolean ended = CitizenSessions.ended(context);
    sessions.sessionOrNew(context)
        .onSuccess(session -> pages.render(context, 200, "signin/sign-in.jte", pages.signInPage(context, "signin.page.title",
            session.csrfToken()), Map.of(NEXT, next, "signedOut", signedOut, "ended", ended)))
        .onFailure(context::fail);
  }

  /** The button: a POST (its CSRF token checked before this runs) that sends the browser to the provider. */
  private void startSignIn(RoutingContext context) {
    String next = NextPath.orHome(context.request().getFormAttribute(NEXT));
    if (answeredWithoutSigningIn(context, next)) {
      return;
    }
    CitizenSession session = CitizenSessions.session(context).orElseThrow();
    PendingSignIn pending = new PendingSignIn(random.next(), random.next(), random.next(), next, clock.instant().plus(SIGN_IN_WINDOW));
    provider.authorizationUrl(pending, Language.of(context)).onComplete(url -> {
      if (url.failed()) {
        LOG.warn("sign-in: the identity provider could not be reached: {}", url.cause().getMessage());
        refused(context, SignInRefusal.UNREACHABLE);
        return;
      }
      store.beginSignIn(session.token(), pending)
          .onSuccess(stored -> {
            if (stored) {
              pages.redirectAway(context, url.result());
            } else {
              refused(context, SignInRefusal.FLOW);
            }
          })
          .onFailure(context::fail);
    });
  }

  /** Whether there is nothing to sign in to (already signed in: on to {@code next}) or with (no provider: a page says so). */
  private boolean answeredWithoutSigningIn(RoutingContext context, String next) {
    if (CitizenSessions.signedIn(context).isPresent()) {
      pages.redirect(context, next);
      return true;
    }
    if (!provider.configured()) {
      notice(context, 503, "signin.unavailable.title", "signin.unavailable.not-configured", false);
      return true;
    }
    return false;
  }

  /**
   * Where the provider sends the browser back (the redirect URI). The sign-in under way is taken
   * from this browser's session by its {@code state}, once; only then is the code redeemed.
   */
  private void callback(RoutingContext context) {
    Optional<CitizenSession> session = CitizenSessions.session(context);
    String state = context.request().getParam("state");
    if (session.isEmpty() || state == null) {
      LOG.info("sign-in refused: a callback without {}", session.isEmpty() ? "a session" : "a state");
      refused(context, SignInRefusal.FLOW);
      return;
    }
    store.takeSignIn(session.get().token(), state, clock.instant()).compose(pending -> {
      if (pending.isEmpty()) {
        LOG.info("sign-in refused: no sign-in under way in this session has that state (forged, replayed or expired)");
        return Future.succeededFuture((SignInResult) new SignInResult.Refused(SignInRefusal.FLOW));
      }
      String error = context.request().getParam("error");
      String code = context.request().getParam("code");
      if (error != null || code == null) {
        LOG.info("sign-in refused: the identity provider answered {}", error == null ? "without a code"
            : "error " + (OidcClient.ERROR_CODE.matcher(error).matches() ? error : "(unreadable)"));
        return Future.succeededFuture((SignInResult) new SignInResult.Refused(
            error == null ? SignInRefusal.FLOW : SignInRefusal.CANCELLED));
      }
      return provider.redeem(code, pending.get()).compose(result -> finish(context, session.get(), pending.get(), result));
    }).onSuccess(result -> {
      if (result instanceof SignInResult.Refused refusal) {
        refused(context, refusal.reason());
      }
    }).onFailure(context::fail);
  }

  /** A signed-in citizen gets a new session id and is sent on; a refusal is left for the caller to show. */
  private Future<SignInResult> finish(RoutingContext context, CitizenSession anonymous, PendingSignIn pending, SignInResult result) {
    if (!(result instanceof SignInResult.SignedIn signedIn)) {
      return Future.succeededFuture(result);
    }
    return sessions.signIn(context, anonymous, signedIn.subject()).map(done -> {
      LOG.info("citizen {} signed in", shortRef(signedIn.subject().value()));
      pages.redirect(context, pending.next());
      return result;
    });
  }

  private void signOut(RoutingContext context) {
    sessions.signOut(context)
        .onSuccess(done -> pages.redirect(context, SIGN_IN + "?" + SIGNED_OUT + "=1"))
        .onFailure(context::fail);
  }

  private void refused(RoutingContext context, SignInRefusal reason) {
    notice(context, reason.status(), "signin.refused.title", reason.messageKey(), true);
  }

  private void notice(RoutingContext context, int status, String titleKey, String messageKey, boolean offerSignIn) {
    pages.render(context, status, "signin/notice.jte", pages.bare(context, titleKey),
        Map.of("message", pages.messages(context).text(messageKey), "offerSignIn", offerSignIn));
  }

  /** The first {@link #SHORT_REF_LENGTH} characters of {@code subjectRef} and an ellipsis. */
  static String shortRef(String subjectRef) {
    return subjectRef.substring(0, SHORT_REF_LENGTH) + "…";
  }
}
