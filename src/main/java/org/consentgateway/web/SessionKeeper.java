package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What the citizen app's and the console's sessions do alike with a request, each on its own table
 * and cookie: load the session the cookie names (within the store's timeouts) into the request,
 * check a form's CSRF token, open an anonymous session, replace it under a new id at sign-in, and
 * end it.
 *
 * @param <S> the session as a request sees it
 */
public final class SessionKeeper<S extends ServerSession> {

  /** The table's side: each store keeps only the hash of a token, and decides the timeouts. */
  public interface Rows<S> {

    /** The session, if it is within both timeouts; being found counts as use. */
    Future<Optional<S>> touch(String token, Instant now);

    /** Stores a new anonymous session. */
    Future<Void> create(String token, String csrfToken, Instant now);

    Future<Void> delete(String token);
  }

  private final Rows<S> rows;
  private final SessionCookie cookie;
  private final RandomTokens random;
  private final Clock clock;
  private final String contextKey;
  private final String endedKey;

  /** @param contextKey where a request keeps its session; {@code contextKey + "-ended"} whether it came with one that has ended */
  public SessionKeeper(Rows<S> rows, SessionCookie cookie, RandomTokens random, Clock clock, String contextKey) {
    this.rows = requireNonNull(rows, "rows is null");
    this.cookie = requireNonNull(cookie, "cookie is null");
    this.random = requireNonNull(random, "random is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.contextKey = requireNonNull(contextKey, "contextKey is null");
    this.endedKey = contextKey + "-ended";
  }

  /** Loads the session the request's cookie names into the request; a cookie naming none marks the request {@link #ended}. */
  public Future<Void> load(RoutingContext context) {
    Cookie presented = context.request().getCookie(cookie.name());
    boolean carried = presented != null && RandomTokens.wellFormed(presented.getValue());
    Future<Optional<S>> loaded = carried ? rows.touch(presented.getValue(), clock.instant()) : Future.succeededFuture(Optional.empty());
    return loaded.map(session -> {
      session.ifPresentOrElse(found -> context.put(contextKey, found), () -> context.put(endedKey, carried));
      return null;
    });
  }

  /** The request's session, once {@link #load}ed. */
  public Optional<S> session(RoutingContext context) {
    return Optional.ofNullable(context.get(contextKey));
  }

  /** Whether the request came with a session cookie that names no live session: it timed out (or was purged). */
  public boolean ended(RoutingContext context) {
    return Boolean.TRUE.equals(context.get(endedKey));
  }

  /** Whether the form carries the token of the request's session; without a session, nothing is right. */
  public boolean carriesCsrfToken(RoutingContext context) {
    return session(context).map(found -> RandomTokens.same(found.csrfToken(), context.request().getFormAttribute(Page.CSRF_FIELD)))
        .orElse(false);
  }

  /** The request's session, or a new anonymous one from {@code anonymous(token, csrfToken)}, its cookie set. */
  public Future<S> sessionOrNew(RoutingContext context, BiFunction<String, String, S> anonymous) {
    Optional<S> current = session(context);
    if (current.isPresent()) {
      return Future.succeededFuture(current.get());
    }
    S fresh = anonymous.apply(random.next(), random.next());
    return rows.create(fresh.token(), fresh.csrfToken(), clock.instant()).map(created -> {
      context.response().addCookie(cookie.carrying(fresh.token()));
      context.put(contextKey, fresh);
      return fresh;
    });
  }

  /**
   * Signs in: {@code signIn(newToken, newCsrfToken, now)} replaces the anonymous session by one
   * under a new id, so an id known before sign-in (fixation) signs nobody in; the cookie follows.
   */
  public Future<Void> rotate(RoutingContext context, SignIn signIn) {
    String token = random.next();
    return signIn.replace(token, random.next(), clock.instant())
        .onSuccess(done -> context.response().addCookie(cookie.carrying(token)));
  }

  /** The store's replacement of an anonymous session by a signed-in one. */
  @FunctionalInterface
  public interface SignIn {
    Future<Void> replace(String newToken, String newCsrfToken, Instant now);
  }

  /** Ends the request's session: its row is deleted and the browser told to forget the cookie. */
  public Future<Void> end(RoutingContext context) {
    Future<Void> deleted = session(context).map(current -> rows.delete(current.token())).orElse(Future.succeededFuture());
    return deleted.onSuccess(done -> context.response().addCookie(cookie.expired()));
  }
}
