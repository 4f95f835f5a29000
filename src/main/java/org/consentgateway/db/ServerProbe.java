package org.consentgateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** Talks to the embedded server over JDBC: is it up, and does the gateway's database exist. Blocking. */
final class ServerProbe {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  private static final int LOG_TAIL_LINES = 20;
  /** SQLSTATE class 28: invalid authorization; retrying will not help. */
  private static final String AUTHORIZATION_CLASS = "28";

  private ServerProbe() {}

  /**
   * Polls until the server answers {@code select 1}, or fails after {@code timeout} with the end of
   * the server log.
   */
  static void awaitAcceptingConnections(DatabaseCoordinates server, Duration timeout, Path logFile) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
        statement.execute("select 1");
        return;
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith(AUTHORIZATION_CLASS)) {
          throw new EmbeddedPostgresException("the PostgreSQL server on port " + server.port()
              + " rejects the password kept beside its data (" + e.getMessage() + "); is another PostgreSQL using that port?", e);
        }
        last = e;
      }
      sleep(POLL_INTERVAL);
    }
    throw new EmbeddedPostgresException("the embedded PostgreSQL did not accept connections on 127.0.0.1:" + server.port()
        + " within " + timeout.toSeconds() + " s (last error: " + (last == null ? "none" : last.getMessage()) + ")"
        + logTail(logFile));
  }

  /** Creates the database named in {@code server} when missing (connecting to {@code postgres}). */
  static void ensureDatabase(DatabaseCoordinates server) {
    try (Connection connection = connect(server.withDatabase("postgres"));
         PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, server.database());
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("create database \"" + server.database().replace("\"", "\"\"") + "\"");
      }
    } catch (SQLException e) {
      throw new EmbeddedPostgresException("cannot create database " + server.database() + " on the embedded PostgreSQL: "
          + e.getMessage(), e);
    }
  }

  static Connection connect(DatabaseCoordinates server) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", server.user());
    properties.setProperty("password", server.password());
    properties.setProperty("connectTimeout", "2");
    properties.setProperty("socketTimeout", "10");
    properties.setProperty("ApplicationName", "consent-gateway-embedded");
    return DriverManager.getConnection(server.jdbcUrl(), properties);
  }

  /** The last lines of the server log, for error messages. */
  static String logTail(Path logFile) {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
      return tail.isEmpty() ? "" : "\nlast lines of " + logFile + ":\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("interrupted while waiting for the embedded PostgreSQL", e);
    }
  }
}
