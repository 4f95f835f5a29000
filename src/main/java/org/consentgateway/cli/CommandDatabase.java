package org.consentgateway.cli;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.DatabaseServer;
import org.consentgateway.db.Migrations;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.wiring.GatewayConfig;

/**
 * The configured database, migrated, with a small Vert.x pool on it, for a command that reuses the
 * gateway's reactive code; everything it opened is closed when the work returns.
 */
final class CommandDatabase {

  /** How long one step of a command may wait on the database. */
  static final Duration TIMEOUT = Duration.ofMinutes(1);
  /** A command works one query at a time; the second connection is slack. */
  private static final int POOL_SIZE = 2;

  /** What a command does with the database. */
  interface Work<T> {
    T run(Vertx vertx, Pool pool, DatabaseCoordinates database) throws Exception;
  }

  private CommandDatabase() {}

  static <T> T with(GatewayConfig config, Work<T> work) throws Exception {
    try (DatabaseServer database = DatabaseServer.open(config.database())) {
      Migrations.migrate(database.coordinates());
      Vertx vertx = Vertx.vertx();
      Pool pool = ReactiveDatabase.pool(vertx, database.coordinates(), POOL_SIZE);
      try {
        return work.run(vertx, pool, database.coordinates());
      } finally {
        Blocking.await(pool.close(), TIMEOUT);
        Blocking.await(vertx.close(), TIMEOUT);
      }
    }
  }
}
