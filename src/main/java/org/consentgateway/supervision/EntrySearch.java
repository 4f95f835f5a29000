package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.StoredEntry;

/**
 * Searches the log's entries by institution, purpose, action, outcome and time, over the facets
 * the {@link LogFollower} keeps (so it finds what has been folded in), in index order, a page at a
 * time: each page starts after the last index of the one before. The entries themselves come from
 * the audit log's own store, exactly as stored.
 *
 * <p>Thread-safe; never blocks.
 */
public final class EntrySearch {

  /** The most entries one page holds. */
  public static final int MAX_LIMIT = 1000;
  /** The most entries {@link #countUpTo} counts: this many, a few rounds' groups unnested, still count quickly. */
  public static final int MAX_COUNT = 100_000;

  /** A group's entries, one row each (V32): the groups are read a round at a time, in round order. */
  private static final String ENTRIES = " from supervision_entry_groups g cross join lateral unnest(g.idxs, g.times) as e(idx, time)";

  private final Pool pool;
  private final AuditStore log;

  public EntrySearch(Pool pool, AuditStore log) {
    this.pool = requireNonNull(pool, "pool is null");
    this.log = requireNonNull(log, "log is null");
  }

  /**
   * The indexes of up to {@code limit} (1..{@value #MAX_LIMIT}) entries matching {@code filter},
   * after index {@code after} (-1: from the start), in index order.
   */
  public Future<List<Long>> search(SearchFilter filter, long after, int limit) {
    Where where = Where.of(filter, after, limit, MAX_LIMIT);
    return pool.preparedQuery("select e.idx" + where.sql()).execute(where.parameters()).map(rows -> {
      List<Long> indexes = new ArrayList<>(rows.size());
      for (Row row : rows) {
        indexes.add(row.getLong(0));
      }
      return List.copyOf(indexes);
    });
  }

  /** As {@link #search}, each entry with its facets: what a list of results shows. */
  public Future<List<FoundEntry>> found(SearchFilter filter, long after, int limit) {
    Where where = Where.of(filter, after, limit, MAX_LIMIT);
    return pool.preparedQuery("select e.idx, e.time, g.institution, g.purpose, g.action, g.outcome, g.reason_code" + where.sql())
        .execute(where.parameters()).map(rows -> {
          List<FoundEntry> found = new ArrayList<>(rows.size());
          for (Row row : rows) {
            found.add(new FoundEntry(row.getLong(0), row.getOffsetDateTime(1).toInstant(), Optional.ofNullable(row.getString(2)),
                Optional.ofNullable(row.getString(3)), AuditAction.fromWireName(row.getString(4)).orElseThrow(),
                AuditOutcome.valueOf(row.getString(5)), Optional.ofNullable(row.getString(6))));
          }
          return List.copyOf(found);
        });
  }

  /**
   * How many entries match {@code filter}, counted up to {@code atMost} (1..{@value #MAX_COUNT}):
   * enough to say "more than", without counting a whole log.
   */
  public Future<Integer> countUpTo(SearchFilter filter, int atMost) {
    Where where = Where.of(filter, -1, atMost, MAX_COUNT);
    return pool.preparedQuery("select count(*) from (select e.idx" + where.sql() + ") found").execute(where.parameters())
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** The matching entries themselves, as {@link #search} finds them. */
  public Future<List<StoredEntry>> entries(SearchFilter filter, long after, int limit) {
    return search(filter, after, limit).compose(log::entriesAt);
  }

  /** The part of a search's statement after its columns, and its parameters. */
  private record Where(String sql, Tuple parameters) {

    static Where of(SearchFilter filter, long after, int limit, int maxLimit) {
      requireNonNull(filter, "filter is null");
      if (limit < 1 || limit > maxLimit) {
        throw new IllegalArgumentException("limit must be in [1, " + maxLimit + "], got " + limit);
      }
      // Only the conditions asked for, so each combination gets a plan that uses its index. A group
      // whose round ends at or before the last index of the page before holds nothing after it.
      Tuple parameters = Tuple.of(after);
      StringBuilder sql = new StringBuilder(ENTRIES).append(" where g.round_last > $1 and e.idx > $1");
      filter.institution().ifPresent(value -> condition(sql, parameters, "g.institution = $", value));
      filter.purpose().ifPresent(value -> condition(sql, parameters, "g.purpose = $", value));
      filter.action().ifPresent(value -> condition(sql, parameters, "g.action = $", value.wireName()));
      filter.outcome().ifPresent(value -> condition(sql, parameters, "g.outcome = $", value.name()));
      // Each time bound tests the entries' times, skips the groups whose times all fall outside,
      // and bounds the rounds read by the indexes of its days (V29), so that a search in the middle
      // of a long log reads the rounds of its days only. No day with entries from the start: a null
      // bound, no entry found; none up to the end: every round after the start is read.
      filter.from().ifPresent(value -> {
        condition(sql, parameters, "e.time >= $", utc(value));
        sql.append(" and g.last_time >= $").append(parameters.size());
        condition(sql, parameters, "g.round_last >= (select min(first_idx) from supervision_entry_days where day >= $",
            EntryFacts.dayOf(value));
        sql.append(')');
      });
      filter.to().ifPresent(value -> {
        condition(sql, parameters, "e.time < $", utc(value));
        sql.append(" and g.first_time < $").append(parameters.size());
        // The first round that ends at or after the last index of the last day: later ones hold later indexes only.
        condition(sql, parameters, "g.round_last <= coalesce((select min(round_last) from supervision_entry_groups"
            + " where round_last >= (select max(last_idx) from supervision_entry_days where day <= $", EntryFacts.dayOf(value.minusNanos(1)));
        sql.append(")), 9223372036854775807)");
      });
      sql.append(" order by g.round_last, e.idx limit ").append(limit);
      return new Where(sql.toString(), parameters);
    }

    private static void condition(StringBuilder sql, Tuple parameters, String test, Object value) {
      parameters.addValue(value);
      sql.append(" and ").append(test).append(parameters.size());
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
