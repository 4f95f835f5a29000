package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Migrations;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * V28 on a database the follower filled before it: the weeks and months it fills from the day
 * tables are exactly what the follower writes round by round. A deployment, or the kept
 * 10^7-entry benchmark database, needs no refold.
 */
@ExtendWith(TestDatabase.class)
class PeriodBackfillMigrationTest {

  private static final List<String> TABLES = List.of(
      "select unit, first_day, institution, purpose, grade, queries_allowed, queries_refused, subject_days, consents_requested,"
          + " consents_approved, consents_rejected, consents_revoked, consents_expired, consents_paused, consents_resumed,"
          + " requests_expired from supervision_period_cells order by 1, 2, 3, 4, 5",
      "select unit, first_day, institution, purpose, grade, reason_code, n from supervision_period_refusals order by 1, 2, 3, 4, 5, 6",
      "select unit, first_day, institution, bucket, n from supervision_period_buckets order by 1, 2, 3, 4",
      // V29's backfill of the days' indexes from the facets, against the follower's.
      "select day, first_idx, last_idx from supervision_entry_days order by 1");

  @Test
  void v28FillsTheWeeksAndMonthsAsTheFollowerWritesThem(DatabaseCoordinates database) throws SQLException {
    Vertx vertx = Vertx.vertx();
    Pool pool = StatisticsRecountTest.pool(vertx, database, 4);
    try {
      AuditLog log = new AuditLog(vertx, pool, new AuditConfig(4_096, Duration.ofMillis(2), 65_536, AuditConfig.DEFAULT_ORIGIN,
          AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
      // Some weeks of activity, folded in rounds of many days and of a few entries.
      SyntheticActivity.append(log, new SyntheticActivity(28, 400, SyntheticActivity.Habits.OFFICE).next(30_000));
      StatisticsRecountTest.await(log.close());
      StatisticsRecountTest.await(new LogFollower(vertx, pool, new AuditStore(pool), 997).catchUp());
    } finally {
      Blocking.await(pool.close(), StatisticsRecountTest.AWAIT);
      Blocking.await(vertx.close(), StatisticsRecountTest.AWAIT);
    }
    List<List<String>> written = rows(database);
    assertThat(written.get(0)).anyMatch(row -> row.startsWith("week|")).anyMatch(row -> row.startsWith("month|"));
    // Weeks and months of several days each, so the backfill's sums over days are tried.
    assertThat(written.get(0).stream().filter(row -> row.startsWith("week|")).map(row -> row.split("\\|")[1]).distinct()).hasSizeGreaterThan(2);
    assertThat(written).allSatisfy(table -> assertThat(table).hasSizeGreaterThan(10));

    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      // Back to V27, the day tables kept as the follower left them; V29 (indexes, and the days'
      // indexes backfilled from the facets) runs again on the way up.
      statement.execute("drop table supervision_period_cells, supervision_period_refusals, supervision_period_buckets");
      statement.execute("drop table supervision_entry_days");
      statement.execute("delete from flyway_schema_history where version::int >= 28");
    }
    Migrations.migrate(database);

    assertThat(rows(database)).isEqualTo(written);
  }

  private static List<List<String>> rows(DatabaseCoordinates database) throws SQLException {
    List<List<String>> tables = new ArrayList<>();
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      for (String sql : TABLES) {
        List<String> table = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(rows.getString(i)).append('|');
            }
            table.add(row.toString());
          }
        }
        tables.add(table);
      }
    }
    return tables;
  }

  private static Connection connect(DatabaseCoordinates database) throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
