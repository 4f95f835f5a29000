package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.EntryOutline;
import org.consentgateway.audit.StoredEntry;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Migrations;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * V28 on a database the follower filled before it: the weeks and months it fills from the day
 * tables are exactly what the follower writes round by round; so are V29's days' indexes, V30's
 * seen-set by digest (from V13's, rebuilt from the raw entries) and V32's groups of facets and of
 * queries (from V14's and V21's rows, an entry each). A deployment, or the kept 10^7-entry
 * benchmark database, needs no refold.
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
      "select day, first_idx, last_idx from supervision_entry_days order by 1",
      // V30's seen-set by digest, from V13's by subject reference, against the follower's.
      "select day, seen, institution, purpose, grade from supervision_subjects order by 1, 2",
      // V32's groups, entry by entry (the migration groups runs of indexes, the follower its rounds).
      "select e.idx, e.time, g.institution, g.purpose, g.action, g.outcome, g.reason_code from supervision_entry_groups g,"
          + " unnest(g.idxs, g.times) as e(idx, time) order by 1",
      "select q.time, g.institution, q.subject_ref, q.consent_id, q.allowed from supervision_query_groups g,"
          + " unnest(g.times, g.subject_refs, g.consent_ids, g.allowed) as q(time, subject_ref, consent_id, allowed) order by 1, 2, 3, 4, 5");
  /** V14's facets and V21's queries, an entry each, with the indexes V29 replaced, filled from V32's groups. */
  private static final List<String> V14_AND_V21 = List.of("""
      create table supervision_entries (idx bigint primary key, time timestamptz not null, institution text null, purpose text null,
          action text not null, outcome text not null, reason_code text null)""",
      "create index supervision_entries_by_institution on supervision_entries (institution, idx) where institution is not null",
      "create index supervision_entries_by_purpose on supervision_entries (purpose, idx) where purpose is not null",
      "create index supervision_entries_by_action on supervision_entries (action, idx)",
      "create index supervision_entries_by_time on supervision_entries (time)",
      """
      insert into supervision_entries select e.idx, e.time, g.institution, g.purpose, g.action, g.outcome, g.reason_code
        from supervision_entry_groups g, unnest(g.idxs, g.times) as e(idx, time)""",
      """
      create table supervision_queries (idx bigint primary key, time timestamptz not null, institution text not null,
          subject_ref text null, consent_id text null, allowed boolean not null)""",
      "create index supervision_queries_by_time on supervision_queries (time)",
      // V32 keeps no query's index: any numbering in the groups' order will do.
      """
      insert into supervision_queries select row_number() over (order by g.round_last, q.n), q.time, g.institution, q.subject_ref,
             q.consent_id, q.allowed
        from supervision_query_groups g,
             unnest(g.times, g.subject_refs, g.consent_ids, g.allowed) with ordinality as q(time, subject_ref, consent_id, allowed, n)""",
      "drop table supervision_entry_groups, supervision_query_groups");
  /** V13's seen-set, as V30 found it. */
  private static final String V13_SEEN_SET = """
      create table supervision_subjects (
          day date not null, institution text not null, purpose text not null, grade text not null, subject_ref text not null,
          primary key (day, institution, purpose, grade, subject_ref))""";

  @Test
  void v28FillsTheWeeksAndMonthsAsTheFollowerWritesThem(DatabaseCoordinates database) throws SQLException {
    Vertx vertx = Vertx.vertx();
    Set<FoldChanges.SeenSubject> seen;
    Pool pool = StatisticsRecountTest.pool(vertx, database, 4);
    try {
      AuditLog log = new AuditLog(vertx, pool, new AuditConfig(4_096, Duration.ofMillis(2), 65_536, AuditConfig.DEFAULT_ORIGIN,
          AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
      // Some weeks of activity, folded in rounds of many days and of a few entries.
      SyntheticActivity.append(log, new SyntheticActivity(28, 400, SyntheticActivity.Habits.OFFICE).next(30_000));
      StatisticsRecountTest.await(log.close());
      StatisticsRecountTest.await(new LogFollower(vertx, pool, new AuditStore(pool), 997).catchUp());
      seen = Fold.of(new FoldState(Map.of(), Map.of(), Map.of()), facts(new AuditStore(pool))).seenSubjects();
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
      for (String sql : V14_AND_V21) {
        statement.execute(sql);
      }
      statement.execute("drop table supervision_entry_days");
      statement.execute("drop table supervision_subjects");
      statement.execute("drop function supervision_seen_key");
      statement.execute(V13_SEEN_SET);
      statement.execute("delete from flyway_schema_history where version::int >= 28");
    }
    try (Connection connection = connect(database);
        PreparedStatement insert = connection.prepareStatement("insert into supervision_subjects values (?, ?, ?, ?, ?)")) {
      for (FoldChanges.SeenSubject subject : seen) {
        insert.setObject(1, subject.cell().day());
        insert.setString(2, subject.cell().institution());
        insert.setString(3, subject.cell().purpose());
        insert.setString(4, subject.cell().grade());
        insert.setString(5, subject.subjectRef());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    Migrations.migrate(database);

    assertThat(rows(database)).isEqualTo(written);
  }

  private static List<EntryFacts> facts(AuditStore store) {
    List<EntryFacts> facts = new ArrayList<>();
    for (StoredEntry entry : StatisticsRecountTest.await(store.entries(0, Long.MAX_VALUE))) {
      facts.add(EntryFacts.of(EntryOutline.of(entry.leafInput())));
    }
    return facts;
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
