package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.identity.RegistryException.Reason;

/**
 * One connection per registry operation, in auto-commit: every change is a single statement, so
 * it is written whole or not at all without an explicit transaction. Blocking.
 */
final class RegistryJdbc {

  /** Work on a connection; may throw what JDBC throws. */
  @FunctionalInterface
  interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final DatabaseCoordinates database;

  RegistryJdbc(DatabaseCoordinates database) {
    this.database = requireNonNull(database, "database is null");
  }

  /**
   * Runs {@code work} on a fresh connection.
   *
   * @param what the operation, for the message if the database fails ("register institution X")
   */
  <T> T run(String what, Work<T> work) {
    try (Connection connection = connect()) {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new RegistryException(Reason.UNAVAILABLE, "cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", database.user());
    properties.setProperty("password", database.password());
    return DriverManager.getConnection(database.jdbcUrl(), properties);
  }
}
