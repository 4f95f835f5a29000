package org.consentgateway.config;

import java.util.Set;

/** Every configuration key the gateway knows; docs/configuration.md documents each with its default. */
public final class ConfigKeys {

  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_BODY_LIMIT = "http.body-limit";
  public static final String HTTP_SHUTDOWN_GRACE_SECONDS = "http.shutdown-grace-seconds";
  public static final String HTTP_IDLE_TIMEOUT_SECONDS = "http.idle-timeout-seconds";
  public static final String HTTP_REQUEST_READ_TIMEOUT_SECONDS = "http.request-read-timeout-seconds";
  public static final String HTTP_MANAGEMENT_PORT = "http.management-port";
  public static final String ISSUER = "issuer";
  public static final String DATA_DIR = "data-dir";
  public static final String DB_URL = "db.url";
  public static final String DB_USER = "db.user";
  public static final String DB_PASSWORD = "db.password";
  public static final String DB_POOL_SIZE = "db.pool-size";
  public static final String DB_EMBEDDED_PORT = "db.embedded-port";
  public static final String DB_CONNECT_TIMEOUT_MILLIS = "db.connect-timeout-millis";
  public static final String DB_POOL_WAIT_TIMEOUT_MILLIS = "db.pool-wait-timeout-millis";
  public static final String DB_STATEMENT_TIMEOUT_MILLIS = "db.statement-timeout-millis";
  public static final String DB_IDLE_IN_TRANSACTION_TIMEOUT_MILLIS = "db.idle-in-transaction-timeout-millis";
  public static final String HTTP_REQUEST_TIMEOUT_MILLIS = "http.request-timeout-millis";
  public static final String HTTP_MAX_IN_FLIGHT = "http.max-in-flight";
  public static final String HTTP_READINESS_TIMEOUT_MILLIS = "http.readiness-timeout-millis";
  public static final String HTTP_OUTAGE_CUTOFF_MILLIS = "http.outage-cutoff-millis";
  public static final String HTTP_SERVER_INSTANCES = "http.server-instances";
  public static final String KEYS_DIR = "keys.dir";
  public static final String POLICIES_DIR = "policies.dir";
  public static final String RECORDS_IMPORT_BATCH_SIZE = "records.import-batch-size";
  public static final String AUTH_ACCESS_TOKEN_TTL_SECONDS = "auth.access-token-ttl-seconds";
  public static final String AUTH_CLOCK_SKEW_SECONDS = "auth.clock-skew-seconds";
  public static final String AUTH_MAX_TOKEN_BYTES = "auth.max-token-bytes";
  public static final String AUTH_RATE_PER_SECOND = "auth.rate-per-second";
  public static final String AUTH_RATE_BURST = "auth.rate-burst";
  public static final String AUTH_VERIFIED_TOKEN_CACHE_SIZE = "auth.verified-token-cache-size";
  public static final String IDP_ISSUER = "identity-provider.issuer";
  public static final String IDP_AUDIENCE = "identity-provider.audience";
  public static final String IDP_KEYS = "identity-provider.keys";
  public static final String AUDIT_BATCH_MAX_ENTRIES = "audit.batch-max-entries";
  public static final String AUDIT_BATCH_MAX_WAIT_MILLIS = "audit.batch-max-wait-millis";
  public static final String AUDIT_QUEUE_CAPACITY = "audit.queue-capacity";
  public static final String AUDIT_ORIGIN = "audit.origin";
  public static final String AUDIT_KEY_NAME = "audit.key-name";
  public static final String AUDIT_CHECKPOINT_INTERVAL_MILLIS = "audit.checkpoint-interval-millis";
  public static final String AUDIT_WITNESSES = "audit.witnesses";
  public static final String AUDIT_WITNESS_QUORUM = "audit.witness-quorum";
  public static final String DISPUTES_DUE_DAYS = "disputes.due-days";
  public static final String REPAIR_DUE_DAYS = "repair.due-days";
  public static final String COMPLAINT_DUE_DAYS = "complaint.due-days";
  public static final String SUPERVISION_SMALL_CELL_THRESHOLD = "supervision.small-cell-threshold";
  public static final String CONSENT_EXPIRY_SWEEP_INTERVAL_MILLIS = "consent.expiry-sweep-interval-millis";
  public static final String WEB_SESSION_IDLE_TIMEOUT_MINUTES = "web.session-idle-timeout-minutes";
  public static final String WEB_SESSION_ABSOLUTE_TIMEOUT_MINUTES = "web.session-absolute-timeout-minutes";
  public static final String WEB_OIDC_ISSUER = "web.oidc.issuer";
  public static final String WEB_OIDC_CLIENT_ID = "web.oidc.client-id";
  public static final String WEB_OIDC_CLIENT_SECRET = "web.oidc.client-secret";
  public static final String CONSOLE_SESSION_IDLE_TIMEOUT_MINUTES = "console.session-idle-timeout-minutes";
  public static final String CONSOLE_SESSION_ABSOLUTE_TIMEOUT_MINUTES = "console.session-absolute-timeout-minutes";
  public static final String CONSOLE_CHALLENGE_LIFETIME_SECONDS = "console.challenge-lifetime-seconds";

  public static final Set<String> ALL = Set.of(
      HTTP_HOST, HTTP_PORT, HTTP_BODY_LIMIT, HTTP_SHUTDOWN_GRACE_SECONDS, HTTP_IDLE_TIMEOUT_SECONDS,
      HTTP_REQUEST_READ_TIMEOUT_SECONDS, HTTP_MANAGEMENT_PORT, ISSUER, DATA_DIR,
      DB_URL, DB_USER, DB_PASSWORD, DB_POOL_SIZE, DB_EMBEDDED_PORT, KEYS_DIR, POLICIES_DIR,
      RECORDS_IMPORT_BATCH_SIZE, AUTH_ACCESS_TOKEN_TTL_SECONDS, AUTH_CLOCK_SKEW_SECONDS, AUTH_MAX_TOKEN_BYTES,
      AUTH_RATE_PER_SECOND, AUTH_RATE_BURST, AUTH_VERIFIED_TOKEN_CACHE_SIZE, IDP_ISSUER, IDP_AUDIENCE, IDP_KEYS,
      AUDIT_BATCH_MAX_ENTRIES, AUDIT_BATCH_MAX_WAIT_MILLIS, AUDIT_QUEUE_CAPACITY, AUDIT_ORIGIN, AUDIT_KEY_NAME,
      AUDIT_CHECKPOINT_INTERVAL_MILLIS, DISPUTES_DUE_DAYS, CONSENT_EXPIRY_SWEEP_INTERVAL_MILLIS,
      WEB_SESSION_IDLE_TIMEOUT_MINUTES, WEB_SESSION_ABSOLUTE_TIMEOUT_MINUTES, WEB_OIDC_ISSUER, WEB_OIDC_CLIENT_ID,
      WEB_OIDC_CLIENT_SECRET, CONSOLE_SESSION_IDLE_TIMEOUT_MINUTES, CONSOLE_SESSION_ABSOLUTE_TIMEOUT_MINUTES,
      CONSOLE_CHALLENGE_LIFETIME_SECONDS, DB_CONNECT_TIMEOUT_MILLIS, DB_POOL_WAIT_TIMEOUT_MILLIS, DB_STATEMENT_TIMEOUT_MILLIS,
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MILLIS, HTTP_REQUEST_TIMEOUT_MILLIS, HTTP_MAX_IN_FLIGHT, HTTP_READINESS_TIMEOUT_MILLIS,
      HTTP_OUTAGE_CUTOFF_MILLIS, HTTP_SERVER_INSTANCES, AUDIT_WITNESSES, AUDIT_WITNESS_QUORUM, SUPERVISION_SMALL_CELL_THRESHOLD,
      REPAIR_DUE_DAYS,
      COMPLAINT_DUE_DAYS);

  private ConfigKeys() {}
}
