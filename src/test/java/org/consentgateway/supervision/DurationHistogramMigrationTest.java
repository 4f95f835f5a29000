package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Migrations;
import org.consentgateway.db.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * V22 on a database the follower filled before it: the histograms and median buckets it backfills
 * from V13's kept durations are what the follower would have written (the SQL bucket agrees with
 * {@link DurationBuckets#of} value for value), and the durations table is gone. A deployment, or
 * the kept 10^7-entry benchmark database, needs no refold.
 */
@ExtendWith(TestDatabase.class)
class DurationHistogramMigrationTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 1);
  private static final LocalDate DISPUTE_DAY = DAY.plusDays(1);
  private static final LocalDate QUIET_DAY = DAY.plusDays(2);

  @Test
  void v22FillsTheHistogramsAndMediansFromTheKeptDurationsAndDropsThem(DatabaseCoordinates database) throws SQLException {
    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      // This class's own database, taken back to the schema before V22.
      statement.execute("drop schema public cascade; create schema public");
    }
    Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations("classpath:db/migration").target("21").load().migrate();

    // One cell per value, so each value's bucket shows on its own; edges first, then log-uniform values.
    List<Long> values = new ArrayList<>(List.of(-3L, 0L, 1L, 2L, 3L, 49L, 50L, 51L, 999L, 1_000L, 1_001L, 86_400_000L,
        1_000_000_000_000L, Long.MAX_VALUE / 2));
    SplittableRandom random = new SplittableRandom(22);
    while (values.size() < 3_000) {
      values.add((long) Math.exp(random.nextDouble(0, Math.log(1e11))));
    }
    List<Long> shared = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      shared.add(random.nextLong(1_000, 600_000_000));
    }
    List<Long> resolutions = List.of(5_000L, 60_000L, 3_600_000L);
    try (Connection connection = connect(database)) {
      long index = 0;
      for (int i = 0; i < values.size(); i++) {
        index = duration(connection, index, "consent", DAY, "I" + i, values.get(i));
      }
      for (long millis : shared) {
        index = duration(connection, index, "consent", DAY, "shared", millis);
      }
      for (long millis : resolutions) {
        index = duration(connection, index, "dispute", DISPUTE_DAY, "", millis);
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("insert into supervision_cells (day, institution, purpose, grade) values ('" + QUIET_DAY + "', 'quiet', 'P', 'G')");
        statement.execute("insert into supervision_disputes (day, filed, resolved) values ('" + DISPUTE_DAY + "', 3, 3), ('"
            + QUIET_DAY + "', 1, 0)");
      }
    }

    Migrations.migrate(database);

    try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
      Map<String, int[]> buckets = new HashMap<>();
      try (ResultSet rows = statement.executeQuery(
          "select institution, bucket, n from supervision_duration_buckets where kind = 'consent' and institution like 'I%'")) {
        while (rows.next()) {
          buckets.put(rows.getString(1), new int[] {rows.getInt(2), rows.getInt(3)});
        }
      }
      assertThat(buckets).hasSize(values.size());
      for (int i = 0; i < values.size(); i++) {
        assertThat(buckets.get("I" + i)).as("%d ms", values.get(i)).containsExactly(DurationBuckets.of(values.get(i)), 1);
      }
      Map<String, Integer> medians = new HashMap<>();
      try (ResultSet rows = statement.executeQuery("select institution, median_decision_bucket from supervision_cells")) {
        while (rows.next()) {
          medians.put(rows.getString(1), (Integer) rows.getObject(2, Integer.class));
        }
      }
      for (int i = 0; i < values.size(); i++) {
        assertThat(medians.get("I" + i)).as("%d ms", values.get(i)).isEqualTo(DurationBuckets.of(values.get(i)));
      }
      assertThat(medians.get("shared")).isEqualTo(DurationBuckets.of(Recount.median(shared)));
      assertThat(medians).containsEntry("quiet", null);
      long[] day = counts(statement, "consent", DAY);
      assertThat(Arrays.stream(day).sum()).isEqualTo(values.size() + shared.size());
      assertThat(day[DurationBuckets.of(86_400_000L)]).isPositive();
      assertThat(DurationBuckets.median(counts(statement, "dispute", DISPUTE_DAY))).hasValue(DurationBuckets.of(60_000));
      assertThat(single(statement, "select count(*) from supervision_duration_days where day = '" + QUIET_DAY + "'")).isEqualTo(0);
      assertThat(single(statement, "select to_regclass('supervision_durations')")).isNull();
    }
  }

  private static long duration(Connection connection, long index, String kind, LocalDate day, String institution, long millis)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("insert into supervision_durations"
        + " (entry_index, kind, day, institution, purpose, grade, millis) values (?, ?, ?, ?, 'P', 'G', ?)")) {
      insert.setLong(1, index);
      insert.setString(2, kind);
      insert.setObject(3, day);
      insert.setString(4, institution);
      insert.setLong(5, millis);
      insert.executeUpdate();
    }
    if (kind.equals("consent")) {
      try (PreparedStatement cell = connection.prepareStatement("insert into supervision_cells (day, institution, purpose, grade)"
          + " values (?, ?, 'P', 'G') on conflict do nothing")) {
        cell.setObject(1, day);
        cell.setString(2, institution);
        cell.executeUpdate();
      }
    }
    return index + 1;
  }

  /** The day's array of bucket counts, counts[b] durations in bucket b. */
  private static long[] counts(Statement statement, String kind, LocalDate day) throws SQLException {
    try (ResultSet rows = statement.executeQuery("select counts from supervision_duration_days where kind = '" + kind
        + "' and day = '" + day + "'")) {
      assertThat(rows.next()).isTrue();
      return Arrays.stream((Long[]) rows.getArray(1).getArray()).mapToLong(Long::longValue).toArray();
    }
  }

  private static Object single(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      Object value = rows.getObject(1);
      return value instanceof Number number && !(value instanceof Integer) ? Integer.valueOf(number.intValue()) : value;
    }
  }

  private static Connection connect(DatabaseCoordinates database) throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
