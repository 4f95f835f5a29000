package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryClient.assertProblem;
import static org.consentgateway.query.QueryClient.scalar;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.PublicRecordType;
import org.consentgateway.repair.Repairs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A repair never changes anything without its audit entry: while the log cannot commit, applying,
 * withdrawing, approving and rejecting are each 503 and leave the application and the record as
 * they were; once it can, the same requests succeed.
 */
@ExtendWith(TestDatabase.class)
class RepairAuditDownTest {

  @Test
  void whileTheAuditLogIsDownNoRepairStepChangesAnything(DatabaseCoordinates database) throws Exception {
    LocalDate today = LocalDate.now(Repairs.ZONE);
    PublicRecord first = paidTax(today);
    PublicRecord second = paidTax(today);
    try (QueryWorld world = new QueryWorld(database, Files.createTempDirectory("repair-audit-down"), List.of(first, second),
        QueryWorld.OPERATOR)) {
      String citizen = world.citizenToken();
      String operator = world.operatorToken();
      String application = new JsonObject().put("evidence", "税款已缴清").encode();
      String reason = new JsonObject().put("reason", "材料不全").encode();
      String pending = world.client.json(world.client.post("/v1/me/records/" + first.id() + "/repair", citizen, application), 201)
          .getString("id");
      String entriesBefore = scalar(database, "select count(*) from audit_entries");

      auditLog(database, false);
      assertProblem(world.client.post("/v1/me/records/" + second.id() + "/repair", citizen, application), 503, "unavailable");
      assertProblem(world.client.post("/v1/me/repairs/" + pending + "/withdraw", citizen, ""), 503, "unavailable");
      assertProblem(world.client.post("/v1/repairs/" + pending + "/approve", operator, ""), 503, "unavailable");
      assertProblem(world.client.post("/v1/repairs/" + pending + "/reject", operator, reason), 503, "unavailable");

      assertThat(scalar(database, "select count(*) from audit_entries")).isEqualTo(entriesBefore);
      assertThat(scalar(database, "select count(*) from repairs")).isEqualTo("1");
      assertThat(scalar(database, "select status from repairs where id = '" + pending + "'")).isEqualTo("PENDING");
      assertThat(scalar(database, "select count(*) from public_records where repaired_at is not null")).isEqualTo("0");
      assertThat(scalar(database, "select version from public_records where id = '" + first.id() + "'")).isEqualTo("1");
      assertThat(scalar(database, "select count(*) from record_history")).isEqualTo("0");

      auditLog(database, true);
      world.client.json(world.client.post("/v1/repairs/" + pending + "/approve", operator, ""), 200);
      assertThat(scalar(database, "select repair_outcome from public_records where id = '" + first.id() + "'")).isEqualTo("HIDDEN");
      world.client.json(world.client.post("/v1/me/records/" + second.id() + "/repair", citizen, application), 201);
    }
  }

  private static PublicRecord paidTax(LocalDate today) {
    return new PublicRecord(UUID.randomUUID(), PublicRecordType.TAX_ARREARS, "国家税务总局示范市税务局", 3_000, today.minusYears(1),
        Optional.of(today.minusMonths(4)));
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
