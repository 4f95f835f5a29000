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
import java.util.stream.Collectors;
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
  /** The most entries {@link #countUpTo} counts: an index-only scan of this many rows is still quick. */
  public static final int MAX_COUNT = 100_000;

  /** The actions the index on actions leaves out (V29): most of a log. */
  private static final List<AuditAction> QUERIES = List.of(AuditAction.QUERY_ALLOWED, AuditAction.QUERY_DENIED);
  /** The index's predicate, as V29 states it. */
  private static final String NOT_A_QUERY = QUERIES.stream().map(action -> "'" + action.wireName() + "'")
      .collect(Collectors.joining(", ", " and action not in (", ")"));

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
    return pool.preparedQuery("select idx" + where.sql()).execute(where.parameters()).map(rows -> {
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
    return pool.preparedQuery("select idx, time, institution, purpose, action, outcome, reason_code" + where.sql())
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
    return pool.preparedQuery("select count(*) from (select idx" + where.sql() + ") found").execute(where.parameters())
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
      // Only the conditions asked for, so each combination gets a plan that uses its index.
      Tuple parameters = Tuple.of(after);
      StringBuilder sql = new StringBuilder(" from supervision_entries where idx > $1");
      filter.institution().ifPresent(value -> condition(sql, parameters, "institution = $", value));
      filter.purpose().ifPresent(value -> condition(sql, parameters, "purpose = $", value));
      filter.action().ifPresent(value -> {
        condition(sql, parameters, "action = $", value.wireName());
        if (!QUERIES.contains(value)) {
          // The index on actions leaves queries out (V29); stated, so that the plan uses it.
          sql.append(NOT_A_QUERY);
        }
      });
      filter.outcome().ifPresent(value -> condition(sql, parameters, "outcome = $", value.name()));
      // Each time bound also bounds the indexes by those of its days (V29): the planner would
      // otherwise read the log in index order from its start. No day with entries: a null bound,
      // no entry found.
      filter.from().ifPresent(value -> {
        condition(sql, parameters, "time >= $", utc(value));
        condition(sql, parameters, "idx >= (select min(first_idx) from supervision_entry_days where day >= $", EntryFacts.dayOf(value));
        sql.append(')');
      });
      filter.to().ifPresent(value -> {
        condition(sql, parameters, "time < $", utc(value));
        condition(sql, parameters, "idx <= (select max(last_idx) from supervision_entry_days where day <= $",
            EntryFacts.dayOf(value.minusNanos(1)));
        sql.append(')');
      });
      sql.append(" order by idx limit ").append(limit);
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
