package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryClient.assertProblem;
import static org.consentgateway.query.QueryClient.scalar;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A complaint never changes without its audit entry: while the log cannot commit, filing,
 * acknowledging, asking, answering and resolving are each 503 and change nothing (no row, no
 * status, no entry); once it can, the same requests succeed.
 */
@ExtendWith(TestDatabase.class)
class ComplaintAuditDownTest {

  private static final String REGULATOR = "pboc-credit";

  @Test
  void whileTheAuditLogIsDownNoComplaintChanges(DatabaseCoordinates database) throws Exception {
    try (QueryWorld world = new QueryWorld(database, Files.createTempDirectory("complaint-audit-down"))) {
      world.registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(QueryWorld.KEYS.resolve("regulator.pub.pem")));
      QueryClient client = world.client;
      String citizen = world.citizenToken();
      String bank = world.bankToken();
      String regulator = client.accessToken(REGULATOR, PemFiles.readPrivateKey(QueryWorld.KEYS.resolve("regulator.key.pem")),
          Instant.now());
      long first = aQuery(world);
      long second = aQuery(world);
      // Filed about the later query: the checkpoint it waits for covers the earlier one too, so the
      // complaint about that one below meets the audit log down, not a 409 for a checkpoint to come.
      String id = ComplaintFiling.file(client, citizen, second, "not_authorised", "未经授权").getString("id");
      String path = "/v1/complaints/" + id;
      String question = new JsonObject().put("question", "请说明").encode();
      String answer = new JsonObject().put("response", "已说明").encode();
      String resolution = new JsonObject().put("outcome", "upheld").put("note", "属实").encode();

      auditLog(database, false);
      String entries = scalar(database, "select count(*) from audit_entries");
      assertProblem(client.post("/v1/me/complaints", citizen, complaint(first)), 503, "unavailable");
      assertProblem(client.post(path + "/acknowledge", regulator, ""), 503, "unavailable");
      assertThat(status(database, id)).isEqualTo("FILED");
      auditLog(database, true);
      client.json(client.post(path + "/acknowledge", regulator, ""), 200);

      auditLog(database, false);
      assertProblem(client.post(path + "/information-request", regulator, question), 503, "unavailable");
      assertThat(status(database, id)).isEqualTo("ACKNOWLEDGED");
      assertThat(scalar(database, "select count(*) from complaints where question is not null")).isEqualTo("0");
      auditLog(database, true);
      client.json(client.post(path + "/information-request", regulator, question), 200);

      auditLog(database, false);
      assertProblem(client.post(path + "/response", bank, answer), 503, "unavailable");
      assertThat(status(database, id)).isEqualTo("INFORMATION_REQUESTED");
      auditLog(database, true);
      client.json(client.post(path + "/response", bank, answer), 200);

      auditLog(database, false);
      String before = scalar(database, "select count(*) from audit_entries");
      assertProblem(client.post(path + "/resolve", regulator, resolution), 503, "unavailable");
      assertThat(status(database, id)).isEqualTo("RESPONDED");
      assertThat(scalar(database, "select count(*) from audit_entries")).isEqualTo(before);
      assertThat(scalar(database, "select count(*) from complaints")).isEqualTo("1");
      auditLog(database, true);
      client.json(client.post(path + "/resolve", regulator, resolution), 200);
      assertThat(status(database, id)).isEqualTo("RESOLVED");
      assertThat(Long.parseLong(scalar(database, "select count(*) from audit_entries"))).isGreaterThan(Long.parseLong(entries));
    }
  }

  private static long aQuery(QueryWorld world) throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 5);
    HttpResponse<String> answer = world.client.post("/v1/queries", world.bankToken(),
        QueryWorld.query(consent.token(), "LOAN_APPROVAL", "SUMMARY"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return world.client.jsonArray(world.client.get("/v1/me/queries?limit=1", world.citizenToken()), 200).getJsonObject(0)
        .getLong("auditIndex");
  }

  private static String complaint(long index) {
    return new JsonObject().put("auditIndex", index).put("reason", "not_authorised").put("text", "未经授权").encode();
  }

  private static String status(DatabaseCoordinates database, String id) throws Exception {
    return scalar(database, "select status from complaints where id = '" + id + "'");
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
