package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Writes one batch of events as one statement: move the head from the one the batch was placed on,
 * and only if it moved, insert the batch's entries and nodes. A batch placed on the head this writer
 * last committed (or placed ahead on the batch before it) goes alone, one round trip, committed
 * when PostgreSQL answers; if the head was not that one (another appender wrote, or the batch
 * before failed), the statement changes nothing and the batch is placed again under the head's row
 * lock, in a transaction that reads the head and the tree's frontier first. The head row serialises
 * every appender on the database, in this process or another, so indexes never repeat or skip.
 *
 * <p>Not thread-safe: {@link AuditLog} calls {@link #write} once at a time, from one context.
 */
final class BatchWriter {

  // docs/design.md "The audit log": one appender per batch takes the chain head under a row lock.
  private static final String LOCK_HEAD =
      "select size, chain_hash from audit_head where id = 1 for update";
  // The batch's entries and nodes and the new head in one statement, one round trip, atomic in
  // PostgreSQL's implicit transaction or inside the locked one. The head moves only from the batch's
  // base (the update waits for another appender's row lock, then checks the row it committed), and
  // every insert reads the update's result first: a head that was elsewhere writes nothing.
  private static final String WRITE_BATCH = """
      with head as (
        update audit_head set size = $11, chain_hash = $12 where id = 1 and size = $13 and chain_hash = $14 returning id),
      entries as (
        insert into audit_entries (idx, entry, leaf_hash, chain_hash, recorded_at)
        select idx, entry, leaf_hash, chain_hash, $7
          from unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[]) as batch(idx, entry, leaf_hash, chain_hash)
         where exists (select 1 from head)),
      by_subject as (
        insert into audit_subject_entries (subject_ref, idx, action)
        select subject_ref, idx, action from unnest($1::bigint[], $5::text[], $6::text[]) as batch(idx, subject_ref, action)
         where subject_ref is not null and exists (select 1 from head)),
      nodes as (
        insert into audit_tree_nodes (level, idx, hash)
        select * from unnest($8::int[], $9::bigint[], $10::bytea[]) where exists (select 1 from head))
      select id from head""";

  private final Pool pool;
  private final Clock clock;
  private final RecentEntries recent;
  /** The tree at the head this writer last committed; valid only while the head is unchanged. */
  private Optional<Tip> tip = Optional.empty();

  BatchWriter(Pool pool, Clock clock, RecentEntries recent) {
    this.pool = requireNonNull(pool, "pool is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.recent = requireNonNull(recent, "recent is null");
  }

  /**
   * Appends {@code events} in order: placed on the head this writer last committed, if it knows
   * one, and written in one statement; placed under the lock when it knows none or the head moved.
   */
  Written write(List<AppendBatch.Append> events) {
    if (tip.isEmpty()) {
      return underLock(events);
    }
    return write(AppendBatch.placeBinding(tip.get().head(), tip.get().frontier(), events), events);
  }

  /**
   * Appends {@code events} in order, placed in memory as {@code placed} (on the head this writer
   * last committed, or the one the batch before them is to leave): written in one statement if the
   * log's head is that one, and placed again under the lock otherwise.
   */
  Written write(AppendBatch placed, List<AppendBatch.Append> events) {
    OffsetDateTime recordedAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Future<List<AppendedEntry>> committed = insert(pool, placed, recordedAt).compose(moved -> {
      if (moved) {
        return Future.succeededFuture(committed(placed));
      }
      tip = Optional.empty();
      return underLock(events).committed();
    });
    return new Written(Future.succeededFuture(placed), committed);
  }

  /** Locks the head, reads it and its frontier, places {@code events} after it and writes them. */
  private Written underLock(List<AppendBatch.Append> events) {
    OffsetDateTime recordedAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    Promise<AppendBatch> placed = Promise.promise();
    Future<List<AppendedEntry>> committed = pool.withTransaction(connection -> lockHead(connection)
            .compose(head -> frontierAt(connection, head).map(frontier -> AppendBatch.placeBinding(head, frontier, events)))
            .onSuccess(placed::tryComplete)
            .compose(batch -> insert(connection, batch, recordedAt).map(moved -> {
              if (!moved) {
                throw new IllegalStateException("the audit head moved under its row lock");
              }
              return batch;
            })))
        .map(this::committed);
    committed.onFailure(placed::tryFail);
    return new Written(placed.future(), committed);
  }

  /** What follows a batch's commit: the next batch goes after it, and its entries are the most recent. */
  private List<AppendedEntry> committed(AppendBatch batch) {
    tip = Optional.of(new Tip(batch.next(), batch.nextFrontier()));
    recent.committed(batch.outlines());
    return batch.appended();
  }

  /**
   * A batch under way: where it was placed, known at once when placed in memory or else once the
   * head is locked (so the next batch can be placed after it while this one is in PostgreSQL), and
   * its entries once committed.
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

  /** Writes {@code batch} if the head is still its base; completes with whether it was (and the head moved). */
  private static Future<Boolean> insert(SqlClient client, AppendBatch batch, OffsetDateTime recordedAt) {
    Tuple values = batch.entryArrays()
        .addOffsetDateTime(recordedAt)
        .addArrayOfInteger(batch.nodeLevels())
        .addArrayOfLong(batch.nodeIndexes())
        .addArrayOfBuffer(batch.nodeHashes())
        .addLong(batch.next().size())
        .addBuffer(Buffer.buffer(batch.next().chainHash().raw()))
        .addLong(batch.base().size())
        .addBuffer(Buffer.buffer(batch.base().chainHash().raw()));
    return client.preparedQuery(WRITE_BATCH).execute(values).map(rows -> rows.size() == 1);
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
