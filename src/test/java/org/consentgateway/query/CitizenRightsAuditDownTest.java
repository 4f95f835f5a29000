package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryClient.assertProblem;
import static org.consentgateway.query.QueryClient.scalar;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A change to a citizen's records is never made without its audit entry: while the log cannot
 * commit, filing or resolving a dispute, a statement and a correction are 503 and change nothing,
 * and an export is 503 and discloses nothing;
 * once it can, the same requests succeed.
 */
@ExtendWith(TestDatabase.class)
class CitizenRightsAuditDownTest {

  @Test
  void whileTheAuditLogIsDownNothingAboutARecordChanges(DatabaseCoordinates database) throws Exception {
    try (QueryWorld world = new QueryWorld(database, Files.createTempDirectory("rights-audit-down"))) {
      String recordId = world.creditFile.accounts().get(0).id().toString();
      String citizen = world.citizenToken();
      String operator = world.operatorToken();
      String dispute = new JsonObject().put("recordId", recordId).put("reason", "余额有误").encode();
      String openId = world.client.json(world.client.post("/v1/me/disputes", citizen, dispute), 201).getString("id");
      String statement = new JsonObject().put("statement", "本人已还清").encode();
      String correction = new JsonObject().put("overdueAmount", 7).encode();
      String resolution = new JsonObject().put("outcome", "REJECTED").put("note", "无误").encode();
      String entriesBefore = scalar(database, "select count(*) from audit_entries");

      auditLog(database, false);
      assertProblem(world.client.post("/v1/disputes/" + openId + "/resolve", operator, resolution), 503, "unavailable");
      assertProblem(world.client.send("PUT", "/v1/me/records/" + recordId + "/statement", citizen, statement), 503, "unavailable");
      assertProblem(world.client.send("PATCH", "/v1/records/" + recordId, operator, correction), 503, "unavailable");
      assertThat(world.client.get("/v1/me/export", citizen).body()).as("an export that cannot be audited discloses nothing")
          .contains("\"code\":\"unavailable\"").doesNotContain(world.creditFile.identity().name());

      assertThat(scalar(database, "select count(*) from audit_entries")).isEqualTo(entriesBefore);
      assertThat(scalar(database, "select status from disputes where id = '" + openId + "'")).isEqualTo("OPEN");
      assertThat(scalar(database, "select count(*) from record_statements")).isEqualTo("0");
      assertThat(scalar(database, "select count(*) from record_history")).isEqualTo("0");
      assertThat(scalar(database, "select version from credit_accounts where id = '" + recordId + "'")).isEqualTo("1");

      auditLog(database, true);
      world.client.json(world.client.post("/v1/disputes/" + openId + "/resolve", operator, resolution), 200);
      world.client.json(world.client.send("PUT", "/v1/me/records/" + recordId + "/statement", citizen, statement), 200);
      world.client.json(world.client.send("PATCH", "/v1/records/" + recordId, operator, correction), 200);
      assertThat(scalar(database, "select version from credit_accounts where id = '" + recordId + "'")).isEqualTo("2");

      auditLog(database, false);
      assertProblem(world.client.post("/v1/me/disputes", citizen, dispute), 503, "unavailable");
      assertThat(scalar(database, "select count(*) from disputes where status = 'OPEN'")).isEqualTo("0");
    }
  }

  /** Makes every insert into the audit log fail, as a full disk or a lost database would, or lets it work again. */
  private static void auditLog(DatabaseCoordinates database, boolean working) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      if (working) {
        statement.execute("drop trigger refuse_audit on audit_entries");
        return;
      }
      statement.execute("create or replace function refuse_audit() returns trigger language plpgsql as "
          + "$$ begin raise exception 'audit log unavailable (test)'; end $$");
      statement.execute("create trigger refuse_audit before insert on audit_entries for each row execute function refuse_audit()");
    }
  }
}
