package org.consentgateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.Blocking;
import org.consentgateway.identity.Operator;
import org.consentgateway.identity.RegistryAdmin;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.RecordChangeStore;
import org.consentgateway.records.RecordChanges;
import org.consentgateway.records.RecordStore;
import org.consentgateway.wiring.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway records correct}: the data provider corrects one record outside any dispute. The
 * same code as {@code PATCH /v1/records/{id}}: the replaced version goes to the record's history and
 * the change is an audit entry naming the operator, committed with it.
 */
@Command(name = "correct", mixinStandardHelpOptions = true,
    description = "Correct one credit record with a JSON merge patch (RFC 7396), e.g. {\"balance\": 0, \"status\": \"CLOSED\"}. "
        + "The previous version is kept in the record's history and the correction is audited.")
final class CorrectRecordCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = CommandDatabase.TIMEOUT;

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOption config;

  @Option(names = "--record", required = true, paramLabel = "ID", description = "The record's id (an account or a public record).")
  UUID record;

  @Option(names = "--file", required = true, paramLabel = "PATCH.json", description = "The merge patch: the fields to change.")
  Path file;

  @Option(names = "--operator", required = true, paramLabel = "ID",
      description = "The registered operator making the correction; the audit log names them.")
  String operator;

  @Override
  public Integer call() throws Exception {
    JsonNode patch = readPatch(file);
    GatewayConfig gatewayConfig = config.load();
    GatewayKeys keys = GatewayKeys.load(gatewayConfig.keysDir());
    return CommandDatabase.with(gatewayConfig, database -> {
      Pool pool = database.pool();
      RegistryAdmin registry = new RegistryAdmin(database.sessions(), PurposeCatalog.load(gatewayConfig.policiesDir()));
      Operator who = Blocking.await(registry.operators().find(operator), TIMEOUT).filter(Operator::active)
          .orElseThrow(() -> new IllegalArgumentException("no active operator " + operator + " (see gateway operators list)"));
      AuditLog audit = new AuditLog(database.vertx(), pool, gatewayConfig.audit(), Clock.systemUTC());
      try {
        RecordChanges changes = new RecordChanges(new RecordStore(pool, keys.recordCipher()), new RecordChangeStore(keys.recordCipher()),
            database.sessions(), audit, Clock.systemUTC());
        RecordChanges.Correction done = Blocking.await(changes.correct("operator:" + who.id(), record, patch), TIMEOUT);
        spec.commandLine().getOut().printf("record %s corrected: version %d, changed %s, audit entry %d%n", record,
            done.corrected().version(), String.join(", ", done.corrected().changedFields()), done.auditIndex());
        return 0;
      } finally {
        Blocking.await(audit.close(), TIMEOUT);
      }
    });
  }

  private static JsonNode readPatch(Path file) {
    try {
      JsonNode patch = JSON.readTree(Files.readAllBytes(file));
      if (patch == null || !patch.isObject()) {
        throw new IllegalArgumentException(file + ": must hold one JSON object, the fields to change");
      }
      return patch;
    } catch (IOException e) {
      // Jackson's message may quote the file's text (record values): name the file only.
      throw new IllegalArgumentException("cannot read " + file + " as JSON");
    }
  }
}
