package org.consentgateway.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.db.DatabaseConfig;
import org.consentgateway.http.HttpConfig;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.records.RecordsConfig;

/** The whole configuration, one record per capability. Every {@code gateway} subcommand reads the same one. */
public record GatewayConfig(
    HttpConfig http, DatabaseConfig database, Path keysDir, Path policiesDir, RecordsConfig records, IdentityConfig identity) {

  public static final String DEFAULT_CONFIG_FILE = "gateway.yaml";
  public static final String DEFAULT_KEYS_DIR = "keys-example";
  public static final String DEFAULT_POLICIES_DIR = "policies";

  public GatewayConfig {
    requireNonNull(http, "http is null");
    requireNonNull(database, "database is null");
    requireNonNull(keysDir, "keysDir is null");
    requireNonNull(policiesDir, "policiesDir is null");
    requireNonNull(records, "records is null");
    requireNonNull(identity, "identity is null");
  }

  public static GatewayConfig from(Settings settings) {
    Path keysDir = settings.path(ConfigKeys.KEYS_DIR, DEFAULT_KEYS_DIR);
    return new GatewayConfig(
        HttpConfig.from(settings),
        DatabaseConfig.from(settings),
        keysDir,
        settings.path(ConfigKeys.POLICIES_DIR, DEFAULT_POLICIES_DIR),
        RecordsConfig.from(settings),
        IdentityConfig.from(settings, keysDir));
  }

  /**
   * Loads the configuration a command line asked for: {@code explicitFile} when given (it must
   * exist), else {@code gateway.yaml} in the working folder when present, then the environment.
   */
  public static GatewayConfig load(Optional<Path> explicitFile, Map<String, String> environment) {
    Optional<Path> file = explicitFile;
    if (file.isPresent() && !Files.isRegularFile(file.get())) {
      throw new ConfigException("configuration file " + file.get() + " does not exist");
    }
    if (file.isEmpty() && Files.isRegularFile(Path.of(DEFAULT_CONFIG_FILE))) {
      file = Optional.of(Path.of(DEFAULT_CONFIG_FILE));
    }
    return from(Settings.load(file, environment));
  }
}
