package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a PostgreSQL database is and how to log in to it. The password never appears in
 * {@link #toString()}.
 */
public record DatabaseCoordinates(String host, int port, String database, String user, String password) {

  public static final int DEFAULT_PORT = 5432;

  public DatabaseCoordinates {
    requireNonNull(host, "host is null");
    requireNonNull(database, "database is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1..65535, was " + port);
    }
  }

  /**
   * Parses {@code postgresql://user:password@host:port/database} (also {@code postgres://} and
   * {@code jdbc:postgresql://}). User and password may also be given separately, and win when
   * they are.
   */
  public static DatabaseCoordinates parse(String url, String user, String password) {
    requireNonNull(url, "url is null");
    String text = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("database URL is not a valid URI (expected postgresql://user:password@host:port/database)");
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("database URL must start with postgresql:// (or jdbc:postgresql://)");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("database URL names no host");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String database = path.startsWith("/") ? path.substring(1) : path;
    if (database.isEmpty()) {
      database = "postgres";
    }
    String urlUser = "";
    String urlPassword = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      urlUser = decode(parts[0]);
      urlPassword = parts.length > 1 ? decode(parts[1]) : "";
    }
    return new DatabaseCoordinates(
        uri.getHost(),
        uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(),
        database,
        user == null || user.isEmpty() ? urlUser : user,
        password == null || password.isEmpty() ? urlPassword : password);
  }

  /** The same server, another database on it. */
  public DatabaseCoordinates withDatabase(String otherDatabase) {
    return new DatabaseCoordinates(host, port, otherDatabase, user, password);
  }

  /** The URL for the PostgreSQL JDBC driver (Flyway, import); credentials are passed apart. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
