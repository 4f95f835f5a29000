package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads of the stored audit log: its size, entries by range, root hashes, RFC 9162 inclusion and
 * consistency proofs, and the published checkpoints. A root or proof costs one query for the
 * O(log n) complete-subtree hashes it needs ({@link MerkleProofs}), never a scan of the log.
 *
 * <p>Thread-safe; never blocks. A request outside the log fails with {@link AuditRangeException};
 * a store that lacks a node it should hold fails with {@link IllegalStateException}.
 */
public final class AuditStore {

  private static final String SIZE = "select size from audit_head where id = 1";
  private static final String ENTRIES = """
      select idx, entry, leaf_hash, chain_hash from audit_entries
       where idx >= $1 and idx < $2 order by idx""";
  private static final String ENTRIES_AT = """
      select idx, entry, leaf_hash, chain_hash from audit_entries
       where idx = any($1::bigint[]) order by idx""";
  // A checkpoint's note with every witness cosignature stored for it after the log's own line.
  private static final String NOTE_WITH_COSIGNATURES = """
      c.note || coalesce((select string_agg(w.line || E'\\n', '' order by w.witness)
                            from audit_cosignatures w where w.size = c.size), '')""";
  private static final String LATEST_CHECKPOINT =
      "select c.size, c.root_hash, " + NOTE_WITH_COSIGNATURES + " from audit_checkpoints c order by c.size desc limit 1";
  private static final String CHECKPOINTS =
      "select c.size, c.root_hash, " + NOTE_WITH_COSIGNATURES + " from audit_checkpoints c order by c.size";

  private final Pool pool;

  public AuditStore(Pool pool) {
    this.pool = requireNonNull(pool, "pool is null");
  }

  /** The number of committed entries. */
  public Future<Long> size() {
    return pool.query(SIZE).execute().map(rows -> {
      if (rows.size() != 1) {
        throw new IllegalStateException("audit_head must hold exactly one row, found " + rows.size());
      }
      return rows.iterator().next().getLong(0);
    });
  }

  /**
   * The entries with index in {@code [start, end)}, in index order; fewer (or none) where the log
   * ends before {@code end}. Callers bound the range: the whole range is read into memory.
   */
  public Future<List<StoredEntry>> entries(long start, long end) {
    if (start < 0 || end < start) {
      return Future.failedFuture(
          new AuditRangeException("an entry range needs 0 <= start <= end"));
    }
    return pool.preparedQuery(ENTRIES).execute(Tuple.of(start, end)).map(AuditStore::entriesOf);
  }

  private static List<StoredEntry> entriesOf(RowSet<Row> rows) {
    List<StoredEntry> entries = new ArrayList<>(rows.size());
    for (Row row : rows) {
      entries.add(new StoredEntry(row.getLong(0), row.getBuffer(1).getBytes(), hash(row, 2), hash(row, 3)));
    }
    return List.copyOf(entries);
  }

  /**
   * The entries at {@code indexes} (any order, no duplicates), in index order; an index past the log
   * is left out. Callers bound the number: all are read into memory.
   */
  public Future<List<StoredEntry>> entriesAt(Collection<Long> indexes) {
    if (indexes.stream().anyMatch(index -> index < 0)) {
      return Future.failedFuture(new AuditRangeException("entry indexes must not be negative"));
    }
    return pool.preparedQuery(ENTRIES_AT).execute(Tuple.tuple().addArrayOfLong(indexes.toArray(Long[]::new)))
        .map(AuditStore::entriesOf);
  }

  /** The root hash at {@code treeSize}, at most the log's size (SHA-256 of "" when 0). */
  public Future<Sha256Hash> rootHash(long treeSize) {
    if (treeSize < 0) {
      return Future.failedFuture(new AuditRangeException("tree size must not be negative"));
    }
    return withNodes(MerkleProofs.nodesForRoot(treeSize), treeSize,
        nodes -> MerkleProofs.rootHash(treeSize, nodes));
  }

  /**
   * The RFC 9162 §2.1.3.1 inclusion proof of leaf {@code index} in the tree of {@code treeSize};
   * needs {@code 0 <= index < treeSize <= size()}.
   */
  public Future<List<Sha256Hash>> inclusionProof(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      return Future.failedFuture(new AuditRangeException(
          "an inclusion proof needs 0 <= index < size"));
    }
    return withNodes(MerkleProofs.nodesForInclusion(index, treeSize), treeSize,
        nodes -> MerkleProofs.inclusionProof(index, treeSize, nodes));
  }

  /** The nodes the inclusion proofs of every leaf of {@code indexes} in the tree of {@code treeSize} need together. */
  static Set<TreeNode> nodesForInclusions(Collection<Long> indexes, long treeSize) {
    Set<TreeNode> nodes = new HashSet<>();
    indexes.forEach(index -> nodes.addAll(MerkleProofs.nodesForInclusion(index, treeSize)));
    return nodes;
  }

  /**
   * The stored hashes of {@code nodes} in one query, once {@code treeSize} is found within the log:
   * for a caller in this package that computes many proofs from them off the event loop.
   */
  Future<NodeHashes> nodes(Set<TreeNode> nodes, long treeSize) {
    return withNodes(nodes, treeSize, stored -> stored);
  }

  /**
   * The RFC 9162 §2.1.4.1 consistency proof from the tree of {@code from} to the tree of {@code
   * to}; needs {@code 0 < from <= to <= size()} (empty when equal).
   */
  public Future<List<Sha256Hash>> consistencyProof(long from, long to) {
    if (from <= 0 || from > to) {
      return Future.failedFuture(new AuditRangeException(
          "a consistency proof needs 0 < from <= to"));
    }
    return withNodes(MerkleProofs.nodesForConsistency(from, to), to,
        nodes -> MerkleProofs.consistencyProof(from, to, nodes));
  }

  /** The checkpoint of the largest tree published, if any, with the cosignatures it has so far. */
  public Future<Optional<StoredCheckpoint>> latestCheckpoint() {
    return pool.query(LATEST_CHECKPOINT).execute()
        .map(rows -> checkpointsOf(rows).stream().findFirst());
  }

  /** The latest {@code count} published checkpoints with their publication times, largest tree first. */
  public Future<List<DatedCheckpoint>> latestCheckpoints(int count) {
    return pool.preparedQuery("select size, root_hash, note, created_at from audit_checkpoints order by size desc limit $1")
        .execute(Tuple.of(count))
        .map(rows -> {
          List<DatedCheckpoint> dated = new ArrayList<>(rows.size());
          for (Row row : rows) {
            dated.add(new DatedCheckpoint(new StoredCheckpoint(row.getLong(0), hash(row, 1), row.getString(2)),
                row.getOffsetDateTime(3).toInstant()));
          }
          return List.copyOf(dated);
        });
  }

  /** Every published checkpoint, smallest tree first, each with the cosignatures it has. */
  public Future<List<StoredCheckpoint>> checkpoints() {
    return pool.query(CHECKPOINTS).execute().map(AuditStore::checkpointsOf);
  }

  /** Reads {@code nodes} and the log size in one query, checks {@code treeSize} fits, computes. */
  private <T> Future<T> withNodes(Set<TreeNode> nodes, long treeSize, Function<StoredNodes, T> compute) {
    return StoredNodes.read(pool, nodes).map(stored -> {
      if (treeSize > stored.logSize()) {
        throw new AuditRangeException(
            "the tree size asked is beyond the log's size " + stored.logSize());
      }
      // A missing node now means a damaged store: NodeHashes.require throws IllegalStateException.
      return compute.apply(stored);
    });
  }

  private static List<StoredCheckpoint> checkpointsOf(RowSet<Row> rows) {
    List<StoredCheckpoint> checkpoints = new ArrayList<>(rows.size());
    for (Row row : rows) {
      checkpoints.add(new StoredCheckpoint(row.getLong(0), hash(row, 1), row.getString(2)));
    }
    return List.copyOf(checkpoints);
  }

  private static Sha256Hash hash(Row row, int column) {
    return Sha256Hash.of(row.getBuffer(column).getBytes());
  }
}
