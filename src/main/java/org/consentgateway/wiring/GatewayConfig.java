package org.consentgateway.wiring;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.WitnessConfig;
import org.consentgateway.config.ConfigException;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.consent.ConsentConfig;
import org.consentgateway.console.ConsoleConfig;
import org.consentgateway.db.DatabaseConfig;
import org.consentgateway.complaint.ComplaintConfig;
import org.consentgateway.dispute.DisputeConfig;
import org.consentgateway.repair.RepairConfig;
import org.consentgateway.http.HttpConfig;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.records.RecordsConfig;
import org.consentgateway.supervision.SupervisionConfig;
import org.consentgateway.web.WebConfig;

/** The whole configuration, one record per capability. Every {@code gateway} subcommand reads the same one. */
public record GatewayConfig(
    HttpConfig http,
    DatabaseConfig database,
    Path keysDir,
    Path policiesDir,
    RecordsConfig records,
    IdentityConfig identity,
    AuditConfig audit,
    String checkpointKeyName,
    WitnessConfig witnesses,
    DisputeConfig disputes,
    ConsentConfig consent,
    WebConfig web,
    SupervisionConfig supervision,
    ConsoleConfig console,
    RepairConfig repairs,
    ComplaintConfig complaints) {

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
    requireNonNull(audit, "audit is null");
    requireNonNull(checkpointKeyName, "checkpointKeyName is null");
    requireNonNull(witnesses, "witnesses is null");
    requireNonNull(disputes, "disputes is null");
    requireNonNull(consent, "consent is null");
    requireNonNull(web, "web is null");
    requireNonNull(supervision, "supervision is null");
    requireNonNull(console, "console is null");
    requireNonNull(repairs, "repairs is null");
    requireNonNull(complaints, "complaints is null");
    if (checkpointKeyName.isBlank() || checkpointKeyName.contains("+") || checkpointKeyName.chars().anyMatch(Character::isWhitespace)) {
      // C2SP signed-note: a key name is non-empty and has no spaces or '+'.
      throw new ConfigException(ConfigKeys.AUDIT_KEY_NAME + " must be non-empty, without spaces or '+'");
    }
  }

  public static GatewayConfig from(Settings settings) {
    Path keysDir = settings.path(ConfigKeys.KEYS_DIR, DEFAULT_KEYS_DIR);
    AuditConfig audit = audit(settings);
    return new GatewayConfig(
        HttpConfig.from(settings),
        DatabaseConfig.from(settings),
        keysDir,
        settings.path(ConfigKeys.POLICIES_DIR, DEFAULT_POLICIES_DIR),
        RecordsConfig.from(settings),
        IdentityConfig.from(settings, keysDir),
        audit,
        // C2SP convention: the checkpoint key is named after the log's origin unless told otherwise.
        settings.text(ConfigKeys.AUDIT_KEY_NAME, audit.origin()),
        witnesses(settings),
        DisputeConfig.from(settings),
        ConsentConfig.from(settings),
        WebConfig.from(settings),
        SupervisionConfig.from(settings),
        ConsoleConfig.from(settings),
        RepairConfig.from(settings),
        ComplaintConfig.from(settings));
  }

  private static WitnessConfig witnesses(Settings settings) {
    List<WitnessConfig.Witness> witnesses;
    try {
      witnesses = WitnessConfig.parseWitnesses(settings.text(ConfigKeys.AUDIT_WITNESSES, ""));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ConfigKeys.AUDIT_WITNESSES + ": " + e.getMessage());
    }
    if (witnesses.isEmpty()) {
      if (settings.text(ConfigKeys.AUDIT_WITNESS_QUORUM).isPresent()) {
        throw new ConfigException(ConfigKeys.AUDIT_WITNESS_QUORUM + " is set but " + ConfigKeys.AUDIT_WITNESSES + " names no witness");
      }
      return WitnessConfig.none();
    }
    // Every witness by default: a checkpoint is public once all of them vouch for it.
    int quorum = settings.integer(ConfigKeys.AUDIT_WITNESS_QUORUM, witnesses.size(), 1, witnesses.size());
    return new WitnessConfig(witnesses, quorum);
  }

  private static AuditConfig audit(Settings settings) {
    return new AuditConfig(
        settings.integer(ConfigKeys.AUDIT_BATCH_MAX_ENTRIES, AuditConfig.DEFAULT_BATCH_MAX_ENTRIES, 1, AuditConfig.MAX_BATCH_ENTRIES),
        Duration.ofMillis(settings.integer(ConfigKeys.AUDIT_BATCH_MAX_WAIT_MILLIS,
            (int) AuditConfig.DEFAULT_BATCH_MAX_WAIT.toMillis(), 0, 1000)),
        settings.integer(ConfigKeys.AUDIT_QUEUE_CAPACITY, AuditConfig.DEFAULT_QUEUE_CAPACITY, 1, 10_000_000),
        settings.text(ConfigKeys.AUDIT_ORIGIN, AuditConfig.DEFAULT_ORIGIN),
        Duration.ofMillis(settings.integer(ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS,
            (int) AuditConfig.DEFAULT_CHECKPOINT_INTERVAL.toMillis(), 100, 3_600_000)));
  }

  /**
   * Loads the configuration a command line asked for without naming a file: {@code gateway.yaml}
   * in the working folder when present, then the environment.
   */
  public static GatewayConfig load(Map<String, String> environment) {
    Path file = Path.of(DEFAULT_CONFIG_FILE);
    return from(Files.isRegularFile(file) ? Settings.load(file, environment) : Settings.load(environment));
  }

  /** Loads the configuration from {@code file}, which must exist, then the environment. */
  public static GatewayConfig load(Path file, Map<String, String> environment) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("configuration file " + file + " does not exist");
    }
    return from(Settings.load(file, environment));
  }
}
