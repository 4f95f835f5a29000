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
    requireNonNull(filter, "filter is null");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], got " + limit);
    }
    // Only the conditions asked for, so each combination gets a plan that uses its index.
    Tuple parameters = Tuple.of(after);
    StringBuilder sql = new StringBuilder("select idx from supervision_entries where idx > $1");
    filter.institution().ifPresent(value -> condition(sql, parameters, "institution = $", value));
    filter.purpose().ifPresent(value -> condition(sql, parameters, "purpose = $", value));
    filter.action().ifPresent(value -> condition(sql, parameters, "action = $", value.wireName()));
    filter.outcome().ifPresent(value -> condition(sql, parameters, "outcome = $", value.name()));
    filter.from().ifPresent(value -> condition(sql, parameters, "time >= $", utc(value)));
    filter.to().ifPresent(value -> condition(sql, parameters, "time < $", utc(value)));
    sql.append(" order by idx limit ").append(limit);
    return pool.preparedQuery(sql.toString()).execute(parameters).map(rows -> {
      List<Long> indexes = new ArrayList<>(rows.size());
      for (Row row : rows) {
        indexes.add(row.getLong(0));
      }
      return List.copyOf(indexes);
    });
  }

  /** The matching entries themselves, as {@link #search} finds them. */
  public Future<List<StoredEntry>> entries(SearchFilter filter, long after, int limit) {
    return search(filter, after, limit).compose(log::entriesAt);
  }

  private static void condition(StringBuilder sql, Tuple parameters, String test, Object value) {
    parameters.addValue(value);
    sql.append(" and ").append(test).append(parameters.size());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
