package org.consentgateway.cli;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.DatabaseServer;
import org.consentgateway.db.Migrations;
import org.consentgateway.db.PoolTimeouts;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.Sessions;
import org.consentgateway.wiring.DomainModel;
import org.consentgateway.wiring.GatewayConfig;

/**
 * The configured database, migrated, with a small Vert.x pool on it and, when the command asks,
 * the domain model's sessions, for a command that reuses the gateway's reactive code; everything
 * it opened is closed when the work returns.
 */
final class CommandDatabase {

  /** How long one step of a command may wait on the database. */
  static final Duration TIMEOUT = Duration.ofMinutes(1);
  /** A command works one query at a time; the second connection is slack. */
  private static final int POOL_SIZE = 2;

  /** What a command does with the database. */
  interface Work<T> {
    T run(Opened database) throws Exception;
  }

  /** The open database: Vert.x, a pool, and the sessions, built on first use (Hibernate's start costs a second or two). */
  static final class Opened {
    private final Vertx vertx;
    private final Pool pool;
    private final DatabaseCoordinates coordinates;
    private final PoolTimeouts timeouts;
    private Sessions sessions;

    private Opened(Vertx vertx, Pool pool, DatabaseCoordinates coordinates, PoolTimeouts timeouts) {
      this.vertx = vertx;
      this.pool = pool;
      this.coordinates = coordinates;
      this.timeouts = timeouts;
    }

    Vertx vertx() {
      return vertx;
    }

    Pool pool() {
      return pool;
    }

    DatabaseCoordinates coordinates() {
      return coordinates;
    }

    Sessions sessions() {
      if (sessions == null) {
        sessions = ReactiveDatabase.sessions(vertx, coordinates, POOL_SIZE, timeouts, DomainModel.ENTITIES);
      }
      return sessions;
    }

    private void close() {
      if (sessions != null) {
        sessions.close();
      }
      Blocking.await(pool.close(), TIMEOUT);
    }
  }

  private CommandDatabase() {}

  static <T> T with(GatewayConfig config, Work<T> work) throws Exception {
    try (DatabaseServer database = DatabaseServer.open(config.database())) {
      Migrations.migrate(database.coordinates());
      Vertx vertx = Vertx.vertx();
      PoolTimeouts timeouts = config.database().timeouts().forCommandLine();
      Opened opened = new Opened(vertx, ReactiveDatabase.pool(vertx, database.coordinates(), POOL_SIZE, timeouts),
          database.coordinates(), timeouts);
      try {
        return work.run(opened);
      } finally {
        opened.close();
        Blocking.await(vertx.close(), TIMEOUT);
      }
    }
  }
}
