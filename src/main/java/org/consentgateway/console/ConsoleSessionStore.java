package org.consentgateway.console;

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
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.consentgateway.web.RandomTokens;
import org.consentgateway.web.SessionKeeper;

/**
 * The {@code console_sessions} table: one row per session, keyed by the SHA-256 of its cookie
 * value, and the sign-in page's challenge, kept as its SHA-256 too. Timeouts are decided here,
 * against the time the caller passes, so a session past either timeout is simply not found.
 */
final class ConsoleSessionStore implements SessionKeeper.Rows<ConsoleSession> {

  private final Pool pool;
  private final ConsoleConfig config;

  ConsoleSessionStore(Pool pool, ConsoleConfig config) {
    this.pool = requireNonNull(pool, "pool is null");
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public Future<Void> create(String token, String csrfToken, Instant now) {
    return pool.preparedQuery("insert into console_sessions (id_hash, csrf_token, created_at, last_seen_at) values ($1, $2, $3, $3)")
        .execute(Tuple.of(hash(token), csrfToken, at(now)))
        .mapEmpty();
  }

  /** The session, if it is within both timeouts; being found counts as use (the idle timeout starts again). */
  @Override
  public Future<Optional<ConsoleSession>> touch(String token, Instant now) {
    return pool.preparedQuery("update console_sessions set last_seen_at = $2 where id_hash = $1 and last_seen_at > $3 "
            + "and created_at > $4 returning member_role, member_id, csrf_token")
        .execute(Tuple.of(hash(token), at(now), at(now.minus(config.sessionIdleTimeout())),
            at(now.minus(config.sessionAbsoluteTimeout()))))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          Optional<Principal> member = Optional.ofNullable(row.getString(0))
              .map(role -> new Principal(Role.fromWireName(role).orElseThrow(), row.getString(1)));
          return Optional.of(new ConsoleSession(token, member, row.getString(2)));
        });
  }

  /** Gives the anonymous session {@code challenge} until {@code expiresAt}, replacing one it had; false when the session is gone. */
  Future<Boolean> offerChallenge(String token, String challenge, Instant expiresAt) {
    return pool.preparedQuery("update console_sessions set challenge_hash = $2, challenge_expires_at = $3 "
            + "where id_hash = $1 and member_id is null")
        .execute(Tuple.of(hash(token), hash(challenge), at(expiresAt)))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Takes the session's challenge if it is {@code challenge} and has not expired, and forgets it in
   * the same statement: of two answers to one challenge, one gets it. Any answer uses it up.
   */
  Future<Boolean> takeChallenge(String token, String challenge, Instant now) {
    return pool.preparedQuery("with taken as (select id_hash, challenge_hash, challenge_expires_at from console_sessions "
            + "where id_hash = $1 and challenge_hash is not null for update) "
            + "update console_sessions s set challenge_hash = null, challenge_expires_at = null from taken "
            + "where s.id_hash = taken.id_hash returning taken.challenge_hash = $2 and taken.challenge_expires_at > $3")
        .execute(Tuple.of(hash(token), hash(challenge), at(now)))
        .map(rows -> rows.rowCount() == 1 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
  }

  /** Replaces the anonymous session {@code oldToken} with {@code member}'s under {@code newToken}: a new id at sign-in. */
  Future<Void> signIn(String oldToken, String newToken, Principal member, String csrfToken, Instant now) {
    return pool.preparedQuery("with old as (delete from console_sessions where id_hash = $1) insert into console_sessions "
            + "(id_hash, member_role, member_id, csrf_token, created_at, last_seen_at) values ($2, $3, $4, $5, $6, $6)")
        .execute(Tuple.of(hash(oldToken), hash(newToken), member.role().wireName(), member.id(), csrfToken, at(now)))
        .mapEmpty();
  }

  @Override
  public Future<Void> delete(String token) {
    return pool.preparedQuery("delete from console_sessions where id_hash = $1").execute(Tuple.of(hash(token))).mapEmpty();
  }

  /** Deletes the sessions past either timeout at {@code now}. */
  Future<Integer> purge(Instant now) {
    return pool.preparedQuery("delete from console_sessions where last_seen_at <= $1 or created_at <= $2")
        .execute(Tuple.of(at(now.minus(config.sessionIdleTimeout())), at(now.minus(config.sessionAbsoluteTimeout()))))
        .map(rows -> rows.rowCount());
  }

  private static Buffer hash(String token) {
    return Buffer.buffer(RandomTokens.sha256(token));
  }

  private static OffsetDateTime at(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
