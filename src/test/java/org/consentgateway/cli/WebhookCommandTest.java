package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway institutions set-webhook} as an operator runs it (in this JVM: {@link GatewayInProcess}). */
@ExtendWith(TestDatabase.class)
class WebhookCommandTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String KEYS = Path.of("keys-example").toAbsolutePath().toString();
  private static final long TIMEOUT_SECONDS = 60;

  @TempDir
  Path logs;

  private final DatabaseCoordinates db;

  WebhookCommandTest(DatabaseCoordinates db) {
    this.db = db;
  }

  @Test
  void setsRefusesAndClearsAWebhook() throws Exception {
    GatewayInProcess gateway = new GatewayInProcess(logs)
        .with("GATEWAY_DB_URL", "postgresql://" + db.host() + ":" + db.port() + "/" + db.database())
        .with("GATEWAY_DB_USER", db.user())
        .with("GATEWAY_DB_PASSWORD", db.password())
        .with("GATEWAY_POLICIES_DIR", Path.of("policies").toAbsolutePath().toString());
    GatewayProcess.Outcome added = gateway.run(TIMEOUT_SECONDS, "institutions", "add", "--uscc", BANK, "--name", "示范银行",
        "--public-key", KEYS + "/institution.pub.pem", "--purposes", "LOAN_APPROVAL", "--max-grade", "BASIC");
    assertThat(added.exitCode()).as(added.output()).isZero();

    GatewayProcess.Outcome set = gateway.run(TIMEOUT_SECONDS, "institutions", "set-webhook", BANK, "https://bank.example/events");
    assertThat(set.exitCode()).as(set.output()).isZero();
    assertThat(set.output()).contains("https://bank.example/events");
    assertThat(webhook()).isEqualTo("https://bank.example/events");

    GatewayProcess.Outcome refused = gateway.run(TIMEOUT_SECONDS, "institutions", "set-webhook", BANK, "ftp://bank.example/x");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(webhook()).isEqualTo("https://bank.example/events");

    GatewayProcess.Outcome cleared = gateway.run(TIMEOUT_SECONDS, "institutions", "set-webhook", BANK, "--clear");
    assertThat(cleared.exitCode()).as(cleared.output()).isZero();
    assertThat(webhook()).isNull();

    gateway.run(TIMEOUT_SECONDS, "institutions", "set-webhook", BANK, "http://127.0.0.1:9/x");
    GatewayProcess.Outcome empty = gateway.run(TIMEOUT_SECONDS, "institutions", "set-webhook", BANK, "");
    assertThat(empty.exitCode()).as(empty.output()).isZero();
    assertThat(webhook()).isNull();
  }

  private String webhook() throws Exception {
    try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select webhook_url from institutions where uscc = '" + BANK + "'")) {
      rows.next();
      return rows.getString(1);
    }
  }
}
