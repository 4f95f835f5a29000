package org.consentgateway.config;

import java.util.Set;

/** Every configuration key the gateway knows; docs/configuration.md documents each with its default. */
public final class ConfigKeys {

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_BODY_LIMIT = "http.body-limit";
  public static final String HTTP_SHUTDOWN_GRACE_SECONDS = "http.shutdown-grace-seconds";
  public static final String ISSUER = "issuer";
  public static final String DATA_DIR = "data-dir";
  public static final String DB_URL = "db.url";
  public static final String DB_USER = "db.user";
  public static final String DB_PASSWORD = "db.password";
  public static final String DB_POOL_SIZE = "db.pool-size";
  public static final String DB_EMBEDDED_PORT = "db.embedded-port";
  public static final String KEYS_DIR = "keys.dir";
  public static final String POLICIES_DIR = "policies.dir";
  public static final String RECORDS_IMPORT_BATCH_SIZE = "records.import-batch-size";

  public static final Set<String> ALL = Set.of(
      HTTP_HOST, HTTP_PORT, HTTP_BODY_LIMIT, HTTP_SHUTDOWN_GRACE_SECONDS, ISSUER, DATA_DIR,
      DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, DB_EMBEDDED_PORT, KEYS_DIR, POLICIES_DIR,
      RECORDS_IMPORT_BATCH_SIZE);

  private ConfigKeys() {}
}
