package org.consentgateway.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway owns the schema: SQL migrations under {@code db/migration}, applied over JDBC. Blocking;
 * runs at start-up and from {@code gateway db migrate}, never on an event loop.
 */
public final class Migrations {

  private Migrations() {}

  /** Brings the database to the newest schema; returns how many migrations were applied. */
  public static int migrate(DatabaseCoordinates database) {
    MigrateResult result = flyway(database).migrate();
    return result.migrationsExecuted;
  }

  /** The newest schema version applied, or "none". */
  public static String currentVersion(DatabaseCoordinates database) {
    var current = flyway(database).info().current();
    return current == null ? "none" : current.getVersion().getVersion();
  }

  private static Flyway flyway(DatabaseCoordinates database) {
    return Flyway.configure()
        .dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load();
  }
}
