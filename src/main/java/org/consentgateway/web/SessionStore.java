package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.consentgateway.value.SubjectRef;

/**
 * The {@code web_sessions} table: one row per session, keyed by the SHA-256 of its cookie value.
 * Timeouts are decided here, against the time the caller passes (the gateway's clock), so a
 * session past either timeout is simply not found.
 */
final class SessionStore implements SessionKeeper.Rows<CitizenSession> {

  private final Pool pool;
  private final WebConfig config;

  SessionStore(Pool pool, WebConfig config) {
    this.pool = requireNonNull(pool, "pool is null");
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public Future<Void> create(String token, String csrfToken, Instant now) {
    return pool.preparedQuery("insert into web_sessions (id_hash, csrf_token, created_at, last_seen_at) values ($1, $2, $3, $3)")
        .execute(Tuple.of(idHash(token), csrfToken, at(now)))
        .mapEmpty();
  }

  /** The session, if it is within both timeouts; being found counts as use (the idle timeout starts again). */
  @Override
  public Future<Optional<CitizenSession>> touch(String token, Instant now) {
    return pool.preparedQuery("update web_sessions set last_seen_at = $2 where id_hash = $1 and last_seen_at > $3 and created_at > $4 "
            + "returning subject_ref, csrf_token")
        .execute(Tuple.of(idHash(token), at(now), at(now.minus(config.sessionIdleTimeout())),
            at(now.minus(config.sessionAbsoluteTimeout()))))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new CitizenSession(token, Optional.ofNullable(row.getString(0)).map(SubjectRef::parse), row.getString(1)));
        });
  }

  /** Records the sign-in a session starts, replacing one it started before; false when the session is gone. */
  Future<Boolean> beginSignIn(String token, PendingSignIn pending) {
    return pool.preparedQuery("update web_sessions set sign_in_state = $2, sign_in_nonce = $3, sign_in_verifier = $4, "
            + "sign_in_next = $5, sign_in_expires_at = $6 where id_hash = $1")
        .execute(Tuple.of(idHash(token), pending.state(), pending.nonce(), pending.codeVerifier(), pending.next(),
            at(pending.expiresAt())))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Takes the session's sign-in under way if {@code state} is its state and it has not expired,
   * and forgets it in the same statement: of two callbacks with one state, one gets it.
   */
  Future<Optional<PendingSignIn>> takeSignIn(String token, String state, Instant now) {
    return pool.preparedQuery("with taken as (select id_hash, sign_in_nonce, sign_in_verifier, sign_in_next, sign_in_expires_at "
            + "from web_sessions where id_hash = $1 and sign_in_state = $2 and sign_in_expires_at > $3 for update) "
            + "update web_sessions s set sign_in_state = null, sign_in_nonce = null, sign_in_verifier = null, sign_in_next = null, "
            + "sign_in_expires_at = null from taken where s.id_hash = taken.id_hash "
            + "returning taken.sign_in_nonce, taken.sign_in_verifier, taken.sign_in_next, taken.sign_in_expires_at")
        .execute(Tuple.of(idHash(token), state, at(now)))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new PendingSignIn(state, row.getString(0), row.getString(1), row.getString(2),
              row.getOffsetDateTime(3).toInstant()));
        });
  }

  /**
   * Replaces the anonymous session {@code oldToken} with a signed-in one under {@code newToken}: a
   * new id at sign-in, so an id known before it (fixation) signs nobody in.
   */
  Future<Void> signIn(String oldToken, String newToken, SubjectRef subject, String csrfToken, Instant now) {
    return pool.preparedQuery("with old as (delete from web_sessions where id_hash = $1) "
            + "insert into web_sessions (id_hash, subject_ref, csrf_token, created_at, last_seen_at) values ($2, $3, $4, $5, $5)")
        .execute(Tuple.of(idHash(oldToken), idHash(newToken), subject.value(), csrfToken, at(now)))
        .mapEmpty();
  }

  @Override
  public Future<Void> delete(String token) {
    return pool.preparedQuery("delete from web_sessions where id_hash = $1").execute(Tuple.of(idHash(token))).mapEmpty();
  }

  /** Deletes the sessions past either timeout at {@code now}; they could not be used any more anyway. */
  Future<Integer> purge(Instant now) {
    return pool.preparedQuery("delete from web_sessions where last_seen_at <= $1 or created_at <= $2")
        .execute(Tuple.of(at(now.minus(config.sessionIdleTimeout())), at(now.minus(config.sessionAbsoluteTimeout()))))
        .map(rows -> rows.rowCount());
  }

  private static Buffer idHash(String token) {
    return Buffer.buffer(RandomTokens.sha256(token));
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
