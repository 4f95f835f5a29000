package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes one batch of events as one transaction: lock the head row, load the tree's frontier,
 * place the batch (or take the placement made ahead of the lock, if made on the head found), insert
 * its entries and nodes, move the head, commit. The row lock serialises every appender on the
 * database, in this process or another, so indexes never repeat or skip.
 *
 * <p>Not thread-safe: {@link AuditLog} calls {@link #write} once at a time, from one context.
 */
final class BatchWriter {

  // docs/design.md "The audit log": one appender per batch takes the chain head under a row lock.
  private static final String LOCK_HEAD =
      "select size, chain_hash from audit_head where id = 1 for update";
  // The batch's entries and nodes and the new head in one statement, one round trip. Data-modifying
  // CTEs run whether or not they are referenced; the size condition is a second guard, since
  // under the lock nobody else can have moved the head.
  private static final String WRITE_BATCH = """
      with entries as (
        insert into audit_entries (idx, entry, leaf_hash, chain_hash, recorded_at)
        select idx, entry, leaf_hash, chain_hash, $7
          from unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[]) as batch(idx, entry, leaf_hash, chain_hash)),
      by_subject as (
        insert into audit_subject_entries (subject_ref, idx, action)
        select subject_ref, idx, action from unnest($1::bigint[], $5::text[], $6::text[]) as batch(idx, subject_ref, action)
         where subject_ref is not null),
      nodes as (
        insert into audit_tree_nodes (level, idx, hash)
        select * from unnest($8::int[], $9::bigint[], $10::bytea[]))
      update audit_head set size = $11, chain_hash = $12 where id = 1 and size = $13""";

  private final Pool pool;
  private final Clock clock;
  /** The tree at the head this writer last committed; valid only while the head is unchanged. */
  private Optional<Tip> tip = Optional.empty();

  BatchWriter(Pool pool, Clock clock) {
    this.pool = requireNonNull(pool, "pool is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Appends {@code events} in order, placed under the lock. */
  Written write(List<AppendBatch.Append> events) {
    return write(events, head -> Optional.empty());
  }

  /**
   * Appends {@code events} in order, placed in memory before the lock as {@code placedAhead} (on the
   * head the batch before them was to leave): written as it is if the locked head is that one, and
   * placed again on the head found otherwise (the batch before failed, or another appender wrote in
   * between).
   */
  Written write(AppendBatch placedAhead, List<AppendBatch.Append> events) {
    return write(events, head -> placedAhead.base().equals(head) ? Optional.of(placedAhead) : Optional.empty());
  }

  private Written write(List<AppendBatch.Append> events, Function<LogHead, Optional<AppendBatch>> placedOn) {
    OffsetDateTime recordedAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Promise<AppendBatch> placed = Promise.promise();
    Future<List<AppendedEntry>> committed = pool.withTransaction(connection -> lockHead(connection)
            .compose(head -> placedOn.apply(head).map(Future::succeededFuture)
                .orElseGet(() -> frontierAt(connection, head).map(frontier -> AppendBatch.placeBinding(head, frontier, events))))
            .onSuccess(placed::tryComplete)
            .compose(batch -> insert(connection, batch, recordedAt).map(batch)))
        .map(batch -> {
          tip = Optional.of(new Tip(batch.next(), batch.nextFrontier()));
          return batch.appended();
        });
    committed.onFailure(placed::tryFail);
    return new Written(placed.future(), committed);
  }

  /**
   * A batch under way: where it was placed, known once the head is locked (so the next batch can be
   * placed after it while this one is in PostgreSQL), and its entries once committed.
   */
  record Written(Future<AppendBatch> placed, Future<List<AppendedEntry>> committed) {}

  private static Future<LogHead> lockHead(SqlConnection connection) {
    return connection.query(LOCK_HEAD).execute().map(rows -> {
      Row row = single(rows, "audit_head");
      return new LogHead(row.getLong(0), Sha256Hash.of(row.getBuffer(1).getBytes()));
    });
  }

  /**
   * The frontier at {@code head}: the cached one if this writer made that head (another process
   * that appended since would have changed size and chain hash), else read in one query.
   */
  private Future<TreeFrontier> frontierAt(SqlConnection connection, LogHead head) {
    if (tip.isPresent() && tip.get().head().equals(head)) {
      return Future.succeededFuture(tip.get().frontier());
    }
    tip = Optional.empty();
    return StoredNodes.read(connection, MerkleProofs.nodesForRoot(head.size())).map(nodes -> {
      if (nodes.logSize() != head.size()) {
        throw new IllegalStateException("the audit head moved under its row lock");
      }
      return TreeFrontier.of(head.size(), nodes);
    });
  }

  private static Future<Void> insert(SqlConnection connection, AppendBatch batch, OffsetDateTime recordedAt) {
    Tuple values = batch.entryArrays()
        .addOffsetDateTime(recordedAt)
        .addArrayOfInteger(batch.nodeLevels())
        .addArrayOfLong(batch.nodeIndexes())
        .addArrayOfBuffer(batch.nodeHashes())
        .addLong(batch.next().size())
        .addBuffer(Buffer.buffer(batch.next().chainHash().raw()))
        .addLong(batch.appended().get(0).index());
    return connection.preparedQuery(WRITE_BATCH).execute(values).map(rows -> {
      if (rows.rowCount() != 1) {
        throw new IllegalStateException("the audit head moved under its row lock");
      }
      return null;
    });
  }

  private static Row single(RowSet<Row> rows, String table) {
    if (rows.size() != 1) {
      throw new IllegalStateException(table + " must hold exactly one row, found " + rows.size());
    }
    return rows.iterator().next();
  }

  /** A head and the frontier of its tree. */
  private record Tip(LogHead head, TreeFrontier frontier) {}
}
