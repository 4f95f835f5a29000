package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Remembers each client assertion's {@code jti} in PostgreSQL until the assertion expires, so it
 * is accepted once on every gateway instance: concurrent uses race on the primary key and exactly
 * one insert wins.
 */
public final class AssertionReplayGuard {

  private final Pool pool;

  public AssertionReplayGuard(Pool pool) {
    this.pool = requireNonNull(pool, "pool is null");
  }

  /** True the first time this client uses this jti; false on every replay. */
  public Future<Boolean> firstUse(String clientId, String jti, Instant expiresAt) {
    return pool.preparedQuery("insert into client_assertion_ids (client_id, jti, expires_at) values ($1, $2, $3) "
            + "on conflict do nothing")
        .execute(Tuple.of(clientId, jti, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Forgets ids whose assertions expired before {@code horizon}: they can no longer be replayed anyway. */
  public Future<Integer> forgetExpired(Instant horizon) {
    return pool.preparedQuery("delete from client_assertion_ids where expires_at < $1")
        .execute(Tuple.of(OffsetDateTime.ofInstant(horizon, ZoneOffset.UTC)))
        .map(rows -> rows.rowCount());
  }
}
