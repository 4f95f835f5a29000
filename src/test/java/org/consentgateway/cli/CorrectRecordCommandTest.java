package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.SyntheticCreditData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway records correct} as a data provider runs it, on the class's database (in this JVM: {@link GatewayInProcess}). */
@ExtendWith(TestDatabase.class)
class CorrectRecordCommandTest {

  private static final long TIMEOUT_SECONDS = 60;

  @TempDir
  Path folder;

  private final DatabaseCoordinates db;

  CorrectRecordCommandTest(DatabaseCoordinates db) {
    this.db = db;
  }

  @Test
  void correctsOneRecordKeepsItsHistoryAndAuditsTheOperator() throws Exception {
    CreditAccount account = importOneFile();
    try (TestRegistry registry = TestRegistry.open(db)) {
      registry.addOperator("records-desk", "征信数据处理部", ClientKey.read(Path.of("keys-example", "institution.pub.pem")));
    }
    assertThat(scalar("select provider from credit_accounts where id = '" + account.id() + "'")).as("imported without --operator")
        .isEqualTo("bureau");
    long balance = account.balance() + 1000;
    Path patch = Files.writeString(folder.resolve("patch.json"), "{\"balance\": " + balance + "}");

    GatewayProcess.Outcome corrected = gateway().run(TIMEOUT_SECONDS, "records", "correct", "--record", account.id().toString(),
        "--file", patch.toString(), "--operator", "records-desk");

    assertThat(corrected.exitCode()).as(corrected.output()).isZero();
    assertThat(corrected.output()).contains("record " + account.id() + " corrected: version 2, changed accounts[].balance");
    assertThat(corrected.output()).doesNotContain(String.valueOf(balance));
    assertThat(scalar("select version from credit_accounts where id = '" + account.id() + "'")).isEqualTo("2");
    assertThat(scalar("select provider from credit_accounts where id = '" + account.id() + "'"))
        .as("the operator that corrects a record becomes its provider").isEqualTo("records-desk");
    assertThat(scalar("select count(*) from record_history where record_id = '" + account.id() + "' and version = 1 "
        + "and replaced_by = 'operator:records-desk'")).isEqualTo("1");
    AuditEntry last = AuditEntry.parse(scalarBytes("select entry from audit_entries order by idx desc limit 1"));
    assertThat(last.event().action()).isEqualTo(AuditAction.RECORD_CORRECTED);
    assertThat(last.event().actor()).isEqualTo("operator:records-desk");
  }

  @Test
  void importsAFileAsTheRecordsOfTheOperatorItNames() throws Exception {
    Path lines = folder.resolve("subjects.jsonl");
    assertThat(gateway().run(TIMEOUT_SECONDS, "records", "generate", "--subjects", "3", "--seed", "77", "--as-of", "2026-11-01",
        "--out", lines.toString()).exitCode()).isZero();

    GatewayProcess.Outcome imported = gateway().run(TIMEOUT_SECONDS, "records", "import", lines.toString(), "--operator", "tax-office");

    assertThat(imported.exitCode()).as(imported.output()).isZero();
    assertThat(scalar("select count(*) from credit_accounts where provider <> 'tax-office' and subject_ref in "
        + "(select subject_ref from credit_accounts where provider = 'tax-office')")).isEqualTo("0");
    assertThat(scalarLong("select count(*) from credit_accounts where provider = 'tax-office'")).isPositive();
  }

  @Test
  void refusesAnUnknownOperatorAnUnknownRecordAndABadPatchWritingNothing() throws Exception {
    CreditAccount account = importOneFile();
    Path good = Files.writeString(folder.resolve("good.json"), "{\"overdueAmount\": 0}");
    Path typo = Files.writeString(folder.resolve("typo.json"), "{\"balanse\": 0}");
    Path notJson = Files.writeString(folder.resolve("bad.json"), "{\"balance\": 1");
    try (TestRegistry registry = TestRegistry.open(db)) {
      registry.addOperator("desk-two", "征信数据处理部", ClientKey.read(Path.of("keys-example", "institution.pub.pem")));
    }

    GatewayProcess.Outcome nobody = gateway().run(TIMEOUT_SECONDS, "records", "correct", "--record", account.id().toString(),
        "--file", good.toString(), "--operator", "nobody-here");
    assertThat(nobody.exitCode()).isEqualTo(1);
    assertThat(nobody.output()).contains("no active operator nobody-here");

    GatewayProcess.Outcome missing = gateway().run(TIMEOUT_SECONDS, "records", "correct", "--record", UUID.randomUUID().toString(),
        "--file", good.toString(), "--operator", "desk-two");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.output()).contains("No such record.");

    GatewayProcess.Outcome misspelt = gateway().run(TIMEOUT_SECONDS, "records", "correct", "--record", account.id().toString(),
        "--file", typo.toString(), "--operator", "desk-two");
    assertThat(misspelt.exitCode()).isEqualTo(1);
    assertThat(misspelt.output()).contains("balanse: is not a field");

    GatewayProcess.Outcome broken = gateway().run(TIMEOUT_SECONDS, "records", "correct", "--record", account.id().toString(),
        "--file", notJson.toString(), "--operator", "desk-two");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.output()).contains("cannot read " + notJson + " as JSON");

    assertThat(scalar("select count(*) from record_history")).isEqualTo("0");
    assertThat(scalar("select count(*) from audit_subject_entries where action = 'record.corrected'")).isEqualTo("0");
  }

  private CreditAccount importOneFile() throws Exception {
    SyntheticCreditData synthetic = new SyntheticCreditData(31 + (int) scalarLong("select count(*) from subjects"), LocalDate.now());
    CreditFile file;
    do {
      file = synthetic.next();
    } while (file.accounts().isEmpty());
    Path lines = folder.resolve(UUID.randomUUID() + ".jsonl");
    Files.writeString(lines, CreditFileJson.toJson(file) + "\n", StandardCharsets.UTF_8);
    GatewayKeys keys = GatewayKeys.load(Path.of("keys-example"));
    assertThat(new CreditFileImport(db, keys.pseudonymizer(), keys.recordCipher(), 10).run(lines, false).committed()).isTrue();
    return file.accounts().get(0);
  }

  private GatewayInProcess gateway() {
    return new GatewayInProcess(folder)
        .with("GATEWAY_DB_URL", "postgresql://" + db.host() + ":" + db.port() + "/" + db.database())
        .with("GATEWAY_DB_USER", db.user())
        .with("GATEWAY_DB_PASSWORD", db.password())
        .with("GATEWAY_POLICIES_DIR", Path.of("policies").toAbsolutePath().toString());
  }

  private String scalar(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  private long scalarLong(String sql) throws Exception {
    return Long.parseLong(scalar(sql));
  }

  private byte[] scalarBytes(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getBytes(1);
    }
  }
}
