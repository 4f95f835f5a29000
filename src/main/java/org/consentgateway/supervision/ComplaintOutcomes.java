package org.consentgateway.supervision;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.audit.AuditAction;

/**
 * Resolved complaints per statistics day and institution, upheld and dismissed (issue 17), from
 * the {@code complaint.resolved} entries alone: their member {@code institution} names the
 * institution complained about, their reason code the outcome. Folded by the follower in its
 * round's transaction, beside the other aggregates ({@code supervision_complaints}); read into
 * {@code GET /v1/audit/stats} as {@code "complaints"} and by the {@code upheld_complaints} signal.
 * Kept apart from {@link Fold}: it needs no state across entries.
 */
final class ComplaintOutcomes {

  static final String UPHELD = "upheld";
  static final String DISMISSED = "dismissed";

  /** A statistics day and the institution complained about. */
  record Key(LocalDate day, String institution) {}

  private static final String WRITE = """
      insert into supervision_complaints (day, institution, upheld, dismissed)
      select * from unnest($1::date[], $2::text[], $3::bigint[], $4::bigint[])
      on conflict (day, institution) do update set upheld = supervision_complaints.upheld + excluded.upheld,
                                                   dismissed = supervision_complaints.dismissed + excluded.dismissed""";
  private static final String READ = "select day, institution, upheld, dismissed from supervision_complaints "
      + "where day between $1 and $2 and ($3::text is null or institution = $3) order by day, institution";

  private ComplaintOutcomes() {}

  /** The complaints {@code entries} resolve, counted: [upheld, dismissed] per day and institution. */
  static Map<Key, long[]> count(List<EntryFacts> entries) {
    Map<Key, long[]> counts = new LinkedHashMap<>();
    for (EntryFacts entry : entries) {
      if (entry.action() != AuditAction.COMPLAINT_RESOLVED || entry.institution().isEmpty()) {
        continue;
      }
      Optional<Integer> column = entry.reasonCode().map(code -> switch (code) {
        case UPHELD -> 0;
        case DISMISSED -> 1;
        default -> -1;
      }).filter(at -> at >= 0);
      column.ifPresent(at -> counts.computeIfAbsent(new Key(entry.day(), entry.institution().get()), key -> new long[2])[at]++);
    }
    return counts;
  }

  /** Adds the counts of {@code entries} to the table, on the round's connection (its transaction). */
  static Future<?> write(SqlConnection connection, List<EntryFacts> entries) {
    Map<Key, long[]> counts = count(entries);
    if (counts.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Key> keys = List.copyOf(counts.keySet());
    return connection.preparedQuery(WRITE).execute(Tuple.tuple()
        .addArrayOfLocalDate(keys.stream().map(Key::day).toArray(LocalDate[]::new))
        .addArrayOfString(keys.stream().map(Key::institution).toArray(String[]::new))
        .addArrayOfLong(keys.stream().map(key -> counts.get(key)[0]).toArray(Long[]::new))
        .addArrayOfLong(keys.stream().map(key -> counts.get(key)[1]).toArray(Long[]::new)));
  }

  /** The rows of the days {@code query} counts (and institution, when it names one); a purpose does not narrow them. */
  static Future<RowSet<Row>> read(SqlConnection connection, StatsQuery query) {
    return connection.preparedQuery(READ)
        .execute(Tuple.of(query.firstDayCounted(), query.lastDayCounted(), query.institution().orElse(null)));
  }

  /**
   * {@code {"upheld", "dismissed", "byDay": [{"day", "institution", "upheld", "dismissed"}]}}. Not
   * hidden under the small-cell threshold: a complaint's count is about an institution, not a person.
   */
  static ObjectNode json(RowSet<Row> rows) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    long upheld = 0;
    long dismissed = 0;
    ArrayNode byDay = JsonNodeFactory.instance.arrayNode();
    for (Row row : rows) {
      byDay.addObject().put("day", row.getLocalDate(0).toString()).put("institution", row.getString(1))
          .put(UPHELD, row.getLong(2)).put(DISMISSED, row.getLong(3));
      upheld += row.getLong(2);
      dismissed += row.getLong(3);
    }
    json.put(UPHELD, upheld).put(DISMISSED, dismissed).set("byDay", byDay);
    return json;
  }
}
