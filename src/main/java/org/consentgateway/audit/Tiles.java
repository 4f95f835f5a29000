package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log served as C2SP tlog-tiles: a hash tile is 1 to 256 consecutive stored complete-subtree
 * hashes of height {@code 8 * level} (so one indexed read, no hashing), and an entry bundle the
 * same range of entries, each after its length as a big-endian uint16. A tile exists once the
 * log holds every leaf under it; a partial tile of width W once it holds the first W subtrees.
 */
public final class Tiles {

  private final Pool pool;
  private final AuditStore store;

  public Tiles(Pool pool, AuditStore store) {
    this.pool = requireNonNull(pool, "pool is null");
    this.store = requireNonNull(store, "store is null");
  }

  /** A hash tile's bytes (32 per hash), or empty when the log does not hold it (yet). */
  public Future<Optional<byte[]>> hashes(TilePath tile) {
    if (tile.isEntries()) {
      throw new IllegalArgumentException("an entry bundle is not a hash tile");
    }
    int height = 8 * tile.level();
    List<TreeNode> nodes = new ArrayList<>(tile.width());
    for (int i = 0; i < tile.width(); i++) {
      nodes.add(new TreeNode(height, tile.index() * TilePath.FULL + i));
    }
    return StoredNodes.read(pool, nodes).map(stored -> {
      if (!holds(stored.logSize(), tile)) {
        return Optional.empty();
      }
      byte[] bytes = new byte[tile.width() * Sha256Hash.SIZE];
      for (int i = 0; i < nodes.size(); i++) {
        System.arraycopy(stored.require(nodes.get(i)).raw(), 0, bytes, i * Sha256Hash.SIZE, Sha256Hash.SIZE);
      }
      return Optional.of(bytes);
    });
  }

  /** An entry bundle's bytes, or empty when the log does not hold all its entries (yet). */
  public Future<Optional<byte[]>> entries(TilePath tile) {
    if (!tile.isEntries()) {
      throw new IllegalArgumentException("a hash tile is not an entry bundle");
    }
    long start = tile.startLeaf();
    return store.size().compose(size -> {
      if (!holds(size, tile)) {
        return Future.succeededFuture(Optional.<byte[]>empty());
      }
      return store.entries(start, start + tile.width()).map(entries -> Optional.of(bundle(entries)));
    });
  }

  private static byte[] bundle(List<StoredEntry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (StoredEntry entry : entries) {
      byte[] bytes = entry.leafInput();
      if (bytes.length > 0xFFFF) {
        throw new IllegalStateException("entry " + entry.index() + " is longer than an entry bundle can frame");
      }
      out.write(bytes.length >>> 8);
      out.write(bytes.length & 0xFF);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }

  // Tiles of level l hold subtrees of 256^l leaves: the log holds floor(size / 256^l) of them.
  private static boolean holds(long logSize, TilePath tile) {
    long subtrees = logSize >>> (8 * Math.max(tile.level(), 0));
    return tile.index() * TilePath.FULL + tile.width() <= subtrees;
  }
}
