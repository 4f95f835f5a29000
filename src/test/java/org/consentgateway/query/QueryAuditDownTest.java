package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryWorld.query;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No answer leaves without its audit entry: when the log cannot commit, a query is 503 and discloses nothing. */
@ExtendWith(TestDatabase.class)
class QueryAuditDownTest {

  @Test
  void aQueryThatCannotBeAuditedIsUnavailableAndDisclosesNothing(DatabaseCoordinates database) throws Exception {
    try (QueryWorld world = new QueryWorld(database, Files.createTempDirectory("query-audit-down"))) {
      QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
      String bank = world.bankToken();
      String entriesBefore = QueryClient.scalar(database, "select count(*) from audit_entries");
      breakAuditLog(database);

      HttpResponse<String> allowed = world.client.post("/v1/queries", bank, query(consent.token(), "LOAN_APPROVAL", "SUMMARY"));
      HttpResponse<String> denied = world.client.post("/v1/queries", bank, query(consent.token(), "LOAN_APPROVAL", "DETAIL"));

      QueryClient.assertProblem(allowed, 503, "unavailable");
      QueryClient.assertProblem(denied, 503, "unavailable");
      assertThat(allowed.body()).doesNotContain("summary").doesNotContain(world.creditFile.identity().name());
      assertThat(QueryClient.scalar(database, "select count(*) from audit_entries")).isEqualTo(entriesBefore);
    }
  }

  /** Every insert into the audit log now fails, as a full disk or a lost database would make it. */
  private static void breakAuditLog(DatabaseCoordinates database) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      statement.execute("create function refuse_audit() returns trigger language plpgsql as "
          + "$$ begin raise exception 'audit log unavailable (test)'; end $$");
      statement.execute("create trigger refuse_audit before insert on audit_entries for each row execute function refuse_audit()");
    }
  }
}
