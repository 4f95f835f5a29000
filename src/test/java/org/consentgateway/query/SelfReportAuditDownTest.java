package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A citizen's own report is never served unaudited: when the log cannot commit, it is 503 and discloses nothing. */
@ExtendWith(TestDatabase.class)
class SelfReportAuditDownTest {

  @Test
  void aReportThatCannotBeAuditedIsUnavailableAndDisclosesNothing(DatabaseCoordinates database) throws Exception {
    try (QueryWorld world = new QueryWorld(database, Files.createTempDirectory("self-report-audit-down"))) {
      String citizen = world.citizenToken();
      String entriesBefore = QueryClient.scalar(database, "select count(*) from audit_entries");
      try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
          Statement statement = connection.createStatement()) {
        statement.execute("create function refuse_audit() returns trigger language plpgsql as "
            + "$$ begin raise exception 'audit log unavailable (test)'; end $$");
        statement.execute("create trigger refuse_audit before insert on audit_entries for each row execute function refuse_audit()");
      }

      HttpResponse<String> response = world.client.get("/v1/me/report", citizen);

      QueryClient.assertProblem(response, 503, "unavailable");
      assertThat(response.body()).doesNotContain(world.creditFile.identity().name()).doesNotContain(QueryWorld.CITIZEN_ID)
          .doesNotContain("accounts");
      assertThat(QueryClient.scalar(database, "select count(*) from audit_entries")).isEqualTo(entriesBefore);
    }
  }
}
