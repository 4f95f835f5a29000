package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consentgateway.consent.SweeperProcess.await;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.wiring.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No lifecycle change without its audit entry (issue 5): while the audit log cannot commit, every
 * change is 503 {@code unavailable} and the database is as it was; once the log works again, the
 * same actions succeed. The same holds for the expiry sweep.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleAuditDownTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String CITIZEN_ID = "11010519491231002X";

  private final PrivateKey bankKey = PemFiles.readPrivateKey(GatewayClient.keys().resolve("institution.key.pem"));
  private final PrivateKey identityProviderKey = PemFiles.readPrivateKey(GatewayClient.keys().resolve("identity-provider.key.pem"));
  private DatabaseCoordinates database;
  private Gateway gateway;
  private GatewayClient client;

  @BeforeAll
  void start(DatabaseCoordinates database) {
    this.database = database;
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", ClientKey.read(GatewayClient.keys().resolve("institution.pub.pem")),
          List.of("LOAN_APPROVAL"), "SUMMARY");
    }
    gateway = Gateway.start(GatewayClient.config(database));
    client = new GatewayClient(gateway.port());
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void whileTheAuditLogIsDownNoChangeCommitsAndAfterwardsTheSameActionsSucceed() throws Exception {
    String bank = client.accessToken(BANK, bankKey, Instant.now());
    String citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    String pending = client.json(client.post("/v1/consent-requests", bank, body(30)), 201).getString("id");
    String toReject = client.json(client.post("/v1/consent-requests", bank, body(30)), 201).getString("id");
    String approved = client.json(client.post("/v1/consent-requests", bank, body(30)), 201).getString("id");
    String consent = client.json(client.post("/v1/me/consent-requests/" + approved + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");
    String entries = scalar("select count(*) from audit_entries");
    String requests = scalar("select count(*) from consent_requests");
    String consents = scalar("select count(*) from consents");

    refuseAuditInserts(true);
    try {
      GatewayClient.assertProblem(client.post("/v1/me/consents/" + consent + "/revoke", citizen, ""), 503, "unavailable");
      GatewayClient.assertProblem(client.post("/v1/me/consents/" + consent + "/pause", citizen, ""), 503, "unavailable");
      GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + pending + "/approve", citizen, ""), 503, "unavailable");
      GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + toReject + "/reject", citizen, ""), 503, "unavailable");
      GatewayClient.assertProblem(client.post("/v1/consent-requests", bank, body(30)), 503, "unavailable");

      assertThat(scalar("select status from consents where id = '" + consent + "'")).isEqualTo("ACTIVE");
      assertThat(scalar("select status from consent_requests where id = '" + pending + "'")).isEqualTo("PENDING");
      assertThat(scalar("select status from consent_requests where id = '" + toReject + "'")).isEqualTo("PENDING");
      assertThat(scalar("select count(*) from consents")).isEqualTo(consents);
      assertThat(scalar("select count(*) from consent_requests")).isEqualTo(requests);
      assertThat(scalar("select count(*) from audit_entries")).isEqualTo(entries);
    } finally {
      refuseAuditInserts(false);
    }

    client.json(client.post("/v1/me/consents/" + consent + "/pause", citizen, ""), 200);
    assertThat(client.json(client.post("/v1/me/consents/" + consent + "/revoke", citizen, ""), 200)
        .getJsonObject("consent").getString("status")).isEqualTo("REVOKED");
    client.json(client.post("/v1/me/consent-requests/" + pending + "/approve", citizen, ""), 201);
    client.json(client.post("/v1/me/consent-requests/" + toReject + "/reject", citizen, ""), 200);
    client.json(client.post("/v1/consent-requests", bank, body(30)), 201);
    assertThat(scalar("select status from consents where id = '" + consent + "'")).isEqualTo("REVOKED");
    assertThat(scalar("select status from consent_requests where id = '" + pending + "'")).isEqualTo("APPROVED");
    assertThat(Long.parseLong(scalar("select count(*) from audit_entries")) - Long.parseLong(entries)).isEqualTo(5);
  }

  @Test
  void aSweepThatCannotAuditMarksNothingAndTheNextRoundDoes() throws Exception {
    String bank = client.accessToken(BANK, bankKey, Instant.now());
    String citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    String request = client.json(client.post("/v1/consent-requests", bank, body(7)), 201).getString("id");
    String consent = client.json(client.post("/v1/me/consent-requests/" + request + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");

    try (SweeperProcess sweeper = new SweeperProcess(database, Clock.offset(Clock.systemUTC(), Duration.ofDays(8)))) {
      refuseAuditInserts(true);
      try {
        assertThatThrownBy(() -> await(sweeper.sweep()))
            .hasMessageContaining("audit log is not reachable");
        assertThat(scalar("select status from consents where id = '" + consent + "'")).isEqualTo("ACTIVE");
      } finally {
        refuseAuditInserts(false);
      }

      assertThat(await(sweeper.sweep()).consents()).isEqualTo(1);
    }
    assertThat(scalar("select status from consents where id = '" + consent + "'")).isEqualTo("EXPIRED");
    assertThat(GatewayClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.CONSENT_EXPIRED && event.consentId().filter(consent::equals).isPresent()))
        .hasSize(1);
  }

  private static JsonObject body(int validDays) {
    return new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", "LOAN_APPROVAL").put("grade", "BASIC")
        .put("validDays", validDays).put("maxUses", 3);
  }

  /** Makes every insert into the audit log fail, as a full disk or a lost database would; or undoes that. */
  private void refuseAuditInserts(boolean refuse) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      if (refuse) {
        statement.execute("create or replace function refuse_audit() returns trigger language plpgsql as "
            + "$$ begin raise exception 'audit log unavailable (test)'; end $$");
        statement.execute("create trigger refuse_audit before insert on audit_entries for each row execute function refuse_audit()");
      } else {
        statement.execute("drop trigger refuse_audit on audit_entries");
      }
    }
  }

  private String scalar(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }
}
