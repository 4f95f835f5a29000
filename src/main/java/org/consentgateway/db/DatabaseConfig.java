package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * Which PostgreSQL the gateway uses.
 *
 * @param url an external server ({@code postgresql://user:password@host:port/db}); absent means
 *     the embedded server under {@code dataDir}
 * @param user overrides the URL's user when not empty
 * @param password overrides the URL's password when not empty
 * @param dataDir the gateway's data folder; the embedded server keeps its files under it
 * @param embeddedPort the port the embedded server listens on (127.0.0.1 only)
 * @param poolSize connections in the reactive pool of one gateway process
 * @param timeouts how long every pool waits for the server (see {@link PoolTimeouts})
 */
public record DatabaseConfig(Optional<String> url, String user, String password, Path dataDir, int embeddedPort, int poolSize,
    PoolTimeouts timeouts) {

  public static final String DEFAULT_DATA_DIR = "./data";
  public static final int DEFAULT_EMBEDDED_PORT = 54329;
  public static final int DEFAULT_POOL_SIZE = 8;

  public DatabaseConfig {
    requireNonNull(url, "url is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    requireNonNull(dataDir, "dataDir is null");
    requireNonNull(timeouts, "timeouts is null");
  }

  public static DatabaseConfig from(Settings settings) {
    return new DatabaseConfig(
        settings.text(ConfigKeys.DB_URL),
        settings.text(ConfigKeys.DB_USER, ""),
        settings.text(ConfigKeys.DB_PASSWORD, ""),
        settings.path(ConfigKeys.DATA_DIR, DEFAULT_DATA_DIR),
        settings.integer(ConfigKeys.DB_EMBEDDED_PORT, DEFAULT_EMBEDDED_PORT, 1, 65535),
        settings.integer(ConfigKeys.DB_POOL_SIZE, DEFAULT_POOL_SIZE, 1, 512),
        new PoolTimeouts(
            millis(settings, ConfigKeys.DB_CONNECT_TIMEOUT_MILLIS, PoolTimeouts.DEFAULT_CONNECT),
            millis(settings, ConfigKeys.DB_POOL_WAIT_TIMEOUT_MILLIS, PoolTimeouts.DEFAULT_POOL_WAIT),
            millis(settings, ConfigKeys.DB_STATEMENT_TIMEOUT_MILLIS, PoolTimeouts.DEFAULT_STATEMENT),
            millis(settings, ConfigKeys.DB_IDLE_IN_TRANSACTION_TIMEOUT_MILLIS, PoolTimeouts.DEFAULT_IDLE_IN_TRANSACTION)));
  }

  /** A timeout in milliseconds: at least 1 ms, at most an hour. */
  private static Duration millis(Settings settings, String key, Duration defaultValue) {
    return Duration.ofMillis(settings.integer(key, (int) defaultValue.toMillis(), 1, 3_600_000));
  }

  public boolean embedded() {
    return url.isEmpty();
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url=" + url.map(u -> u.replaceAll("//[^@/]*@", "//***@")).orElse("(embedded)")
        + ", dataDir=" + dataDir + ", embeddedPort=" + embeddedPort + ", poolSize=" + poolSize + ", timeouts=" + timeouts + "]";
  }
}
