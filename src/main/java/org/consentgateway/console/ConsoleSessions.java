package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.consentgateway.web.Page;
import org.consentgateway.web.Pages;
import org.consentgateway.web.RandomTokens;
import org.consentgateway.web.SessionCookie;
import org.consentgateway.web.SessionKeeper;

/**
 * The console's server-side sessions, under their own cookie and table: a citizen's session cookie
 * is never read here, so it opens no console page, and the citizen app never reads this one.
 * {@link #handle} runs before every console route: it loads the request's session and refuses any
 * POST under {@code /console/} whose form does not carry the session's CSRF token. {@link #guard}
 * admits only the roles a page names; a reader not signed in is sent to sign in.
 */
final class ConsoleSessions {

  static final String COOKIE_NAME = "cg_console";

  private static final String CONTEXT_KEY = "console.session";
  /** Where {@link SessionKeeper} marks a request whose cookie names an ended session. */
  private static final String ENDED_KEY = CONTEXT_KEY + "-ended";

  private final ConsoleSessionStore store;
  private final SessionKeeper<ConsoleSession> keeper;
  private final Pages pages;

  ConsoleSessions(ConsoleSessionStore store, SessionCookie cookie, Pages pages, RandomTokens random, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.keeper = new SessionKeeper<>(store, cookie, random, clock, CONTEXT_KEY);
    this.pages = requireNonNull(pages, "pages is null");
  }

  /** To mount without a path, before the console's pages: loads the session, checks the CSRF token of a POST. */
  void handle(RoutingContext context) {
    if (!context.normalizedPath().startsWith(ConsoleRoutes.PREFIX + "/")) {
      context.next();
      return;
    }
    keeper.load(context).onSuccess(loaded -> {
      if (context.request().method() == HttpMethod.POST && !keeper.carriesCsrfToken(context)) {
        pages.render(context, 403, "error.jte", pages.page(context, "error.forbidden.title"),
            Map.of("message", pages.messages(context).text(ended(context) ? "console.ended" : "error.forbidden")));
        return;
      }
      context.next();
    }).onFailure(context::fail);
  }

  /**
   * Admits a signed-in member whose role is one of {@code roles}. Anyone not signed in is sent to
   * sign in; a member of another role gets the 403 page (decided here, on the server, whatever the
   * page's links show).
   */
  Handler<RoutingContext> guard(Set<Role> roles) {
    Set<Role> admitted = Set.copyOf(roles);
    return context -> {
      Optional<Principal> member = signedIn(context);
      if (member.isEmpty()) {
        pages.redirect(context, ConsoleRoutes.SIGN_IN + (ended(context) ? "?" + ConsoleRoutes.ENDED + "=1" : ""));
      } else if (admitted.contains(member.get().role())) {
        context.next();
      } else {
        pages.render(context, 403, "error.jte", page(context, "error.forbidden.title"),
            Map.of("message", pages.messages(context).text("console.forbidden")));
      }
    };
  }

  /** The member of a request the guard admitted. */
  Principal member(RoutingContext context) {
    return signedIn(context).orElseThrow(() -> new IllegalStateException("no member: the guard must run first"));
  }

  /** The layout's data for a page of a signed-in member, titled by {@code titleKey}. */
  Page page(RoutingContext context, String titleKey) {
    return pages.page(context, titleKey, session(context).orElseThrow().csrfToken());
  }

  /** As {@link #page(RoutingContext, String)}, for the answer to a form: its language switch leads to {@code path}, the page the form was on. */
  Page page(RoutingContext context, String titleKey, String path) {
    return pages.page(context, titleKey, session(context).orElseThrow().csrfToken(), path);
  }

  static Optional<Principal> signedIn(RoutingContext context) {
    return session(context).flatMap(ConsoleSession::member);
  }

  static Optional<ConsoleSession> session(RoutingContext context) {
    return Optional.ofNullable(context.get(CONTEXT_KEY));
  }

  /** Whether the request came with a console cookie that names no live session: it timed out. */
  static boolean ended(RoutingContext context) {
    return Boolean.TRUE.equals(context.get(ENDED_KEY));
  }

  /** The request's session, or a new anonymous one (its cookie set): the sign-in page needs one for its form and challenge. */
  Future<ConsoleSession> sessionOrNew(RoutingContext context) {
    return keeper.sessionOrNew(context, (token, csrfToken) -> new ConsoleSession(token, Optional.empty(), csrfToken));
  }

  /** Signs {@code member} in: the anonymous session is replaced by one under a new id (and a new CSRF token). */
  Future<Void> signIn(RoutingContext context, ConsoleSession anonymous, Principal member) {
    return keeper.rotate(context, (token, csrfToken, now) -> store.signIn(anonymous.token(), token, member, csrfToken, now));
  }

  /** Ends the request's session: its row is deleted and the browser told to forget the cookie. */
  Future<Void> signOut(RoutingContext context) {
    return keeper.end(context);
  }
}
