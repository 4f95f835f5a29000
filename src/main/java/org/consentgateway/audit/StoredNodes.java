package org.consentgateway.audit;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Complete-subtree hashes read in one query (leaves from {@code audit_entries}, the nodes above
 * from {@code audit_tree_nodes}), with the log's size read in the same statement (one snapshot),
 * so a caller can tell a size beyond the log from a missing row. Immutable once read.
 */
final class StoredNodes implements NodeHashes {

  // The head row always comes back; the nodes asked for are joined to it, so an empty request or
  // an empty log still yields the size. A leaf's hash is its entry's (V31); the nodes above are stored.
  private static final String SELECT = """
      select h.size, n.level, n.idx, n.hash
        from audit_head h
        left join lateral (
          select t.level, t.idx, t.hash
            from unnest($1::int[], $2::bigint[]) as wanted(level, idx)
            join audit_tree_nodes t on t.level = wanted.level and t.idx = wanted.idx
          union all
          select 0, e.idx, e.leaf_hash
            from unnest($1::int[], $2::bigint[]) as wanted(level, idx)
            join audit_entries e on e.idx = wanted.idx
           where wanted.level = 0) n on true
       where h.id = 1""";

  private final long logSize;
  private final Map<TreeNode, Sha256Hash> hashes;

  private StoredNodes(long logSize, Map<TreeNode, Sha256Hash> hashes) {
    this.logSize = logSize;
    this.hashes = hashes;
  }

  /** Reads the hashes of {@code nodes} that exist, and the log's size. */
  static Future<StoredNodes> read(SqlClient client, Collection<TreeNode> nodes) {
    Integer[] levels = new Integer[nodes.size()];
    Long[] indexes = new Long[nodes.size()];
    int i = 0;
    for (TreeNode node : nodes) {
      levels[i] = node.level();
      indexes[i++] = node.index();
    }
    return client.preparedQuery(SELECT)
        .execute(Tuple.tuple().addArrayOfInteger(levels).addArrayOfLong(indexes))
        .map(rows -> {
          long size = -1;
          Map<TreeNode, Sha256Hash> found = new HashMap<>();
          for (Row row : rows) {
            size = row.getLong(0);
            Buffer hash = row.getBuffer(3);
            if (hash != null) {
              found.put(new TreeNode(row.getInteger(1), row.getLong(2)), Sha256Hash.wrap(hash.getBytes()));
            }
          }
          if (size < 0) {
            throw new IllegalStateException("the audit_head row is missing");
          }
          return new StoredNodes(size, found);
        });
  }

  /** The log's size when the nodes were read. */
  long logSize() {
    return logSize;
  }

  @Override
  public Optional<Sha256Hash> find(TreeNode node) {
    return Optional.ofNullable(hashes.get(node));
  }
}
