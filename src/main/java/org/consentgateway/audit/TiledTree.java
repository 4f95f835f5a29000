package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A reader's view of a tiled log (C2SP tlog-tiles) of a given size: which tiles and entry bundles
 * it has, and a check that they are one tree with the checkpoint's root. Every full tile's own
 * subtree hash must be the hash the level above holds for it, and the level-0 hashes, folded in
 * order, must give the root; entry bundles must hash to their level-0 tiles.
 */
public final class TiledTree {

  private final long size;

  public TiledTree(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is not negative");
    }
    this.size = size;
  }

  /** Every hash tile the tree has: at each level, the full ones and the partial one, if any. */
  public List<TilePath> hashTiles() {
    List<TilePath> tiles = new ArrayList<>();
    for (int level = 0; level <= TilePath.MAX_LEVEL; level++) {
      long subtrees = size >>> (8 * level);
      if (subtrees == 0) {
        break;
      }
      tiles.addAll(tilesOf(level, subtrees));
    }
    return List.copyOf(tiles);
  }

  /** Every entry bundle of the tree, the partial one last. */
  public List<TilePath> entryBundles() {
    return tilesOf(-1, size);
  }

  private static List<TilePath> tilesOf(int level, long count) {
    List<TilePath> tiles = new ArrayList<>();
    long full = count / TilePath.FULL;
    for (long n = 0; n < full; n++) {
      tiles.add(new TilePath(level, n, TilePath.FULL));
    }
    int rest = (int) (count % TilePath.FULL);
    if (rest > 0) {
      tiles.add(new TilePath(level, full, rest));
    }
    return tiles;
  }

  /**
   * Checks the hash tiles against each other and computes the tree's root from them; a failure
   * names the tile at fault. {@code tiles} must hold every tile of {@link #hashTiles()}.
   */
  public Verdict verify(Map<TilePath, byte[]> tiles, Sha256Hash expectedRoot) {
    requireNonNull(tiles, "tiles is null");
    for (TilePath tile : hashTiles()) {
      byte[] bytes = tiles.get(tile);
      if (bytes == null || bytes.length != tile.width() * Sha256Hash.SIZE) {
        return Verdict.invalid(VerifyFailure.MALFORMED, "tile " + tile.path() + " is missing or not " + tile.width() + " hashes");
      }
      if (!tile.isPartial() && tile.level() < TilePath.MAX_LEVEL) {
        Optional<Sha256Hash> above = hashAbove(tiles, tile);
        if (above.isPresent() && !above.get().equals(subtreeHash(bytes))) {
          return Verdict.invalid(VerifyFailure.ROOT_MISMATCH, "tile " + tile.path() + " does not hash to its entry in the level above");
        }
      }
    }
    TreeFrontier frontier = TreeFrontier.empty();
    for (TilePath tile : tilesOf(0, size)) {
      byte[] bytes = tiles.get(tile);
      for (int i = 0; i < tile.width(); i++) {
        frontier = frontier.append(Sha256Hash.of(Arrays.copyOfRange(bytes, i * Sha256Hash.SIZE, (i + 1) * Sha256Hash.SIZE))).frontier();
      }
    }
    return frontier.rootHash().equals(expectedRoot) ? Verdict.valid()
        : Verdict.invalid(VerifyFailure.ROOT_MISMATCH, "the tiles' leaves do not hash to the checkpoint's root");
  }

  /**
   * Checks an entry bundle against its level-0 tile: the same number of entries, each hashing to
   * its leaf. Returns the entries on success; a failure names the entry's index.
   */
  public static List<byte[]> entriesOf(TilePath bundle, byte[] bundleBytes, byte[] levelZeroTile) {
    List<byte[]> entries = new ArrayList<>();
    int at = 0;
    while (at < bundleBytes.length) {
      if (at + 2 > bundleBytes.length) {
        throw new AuditFormatException("entry bundle " + bundle.path() + " ends inside a length");
      }
      int length = ((bundleBytes[at] & 0xFF) << 8) | (bundleBytes[at + 1] & 0xFF);
      if (at + 2 + length > bundleBytes.length) {
        throw new AuditFormatException("entry bundle " + bundle.path() + " ends inside an entry");
      }
      entries.add(Arrays.copyOfRange(bundleBytes, at + 2, at + 2 + length));
      at += 2 + length;
    }
    if (entries.size() != bundle.width()) {
      throw new AuditFormatException("entry bundle " + bundle.path() + " holds " + entries.size() + " entries, not " + bundle.width());
    }
    for (int i = 0; i < entries.size(); i++) {
      byte[] leaf = Arrays.copyOfRange(levelZeroTile, i * Sha256Hash.SIZE, (i + 1) * Sha256Hash.SIZE);
      if (!LeafHash.of(entries.get(i)).matches(leaf)) {
        throw new AuditFormatException("index " + (bundle.startLeaf() + i) + ": the entry does not hash to its leaf in the tile");
      }
    }
    return List.copyOf(entries);
  }

  // The hash the level above holds for this full tile: the tree's tile there, full or partial.
  private Optional<Sha256Hash> hashAbove(Map<TilePath, byte[]> tiles, TilePath tile) {
    long parentIndex = tile.index() / TilePath.FULL;
    int position = (int) (tile.index() % TilePath.FULL);
    long available = (size >>> (8 * (tile.level() + 1))) - parentIndex * TilePath.FULL;
    if (available <= position) {
      return Optional.empty();
    }
    byte[] parent = tiles.get(new TilePath(tile.level() + 1, parentIndex, (int) Math.min(TilePath.FULL, available)));
    return Optional.ofNullable(parent).filter(bytes -> bytes.length >= (position + 1) * Sha256Hash.SIZE)
        .map(bytes -> Sha256Hash.of(Arrays.copyOfRange(bytes, position * Sha256Hash.SIZE, (position + 1) * Sha256Hash.SIZE)));
  }

  // The hash of the perfect subtree whose 256 leaves (or nodes) the tile holds.
  private static Sha256Hash subtreeHash(byte[] tile) {
    List<Sha256Hash> row = new ArrayList<>();
    for (int i = 0; i < tile.length / Sha256Hash.SIZE; i++) {
      row.add(Sha256Hash.of(Arrays.copyOfRange(tile, i * Sha256Hash.SIZE, (i + 1) * Sha256Hash.SIZE)));
    }
    while (row.size() > 1) {
      List<Sha256Hash> next = new ArrayList<>(row.size() / 2);
      for (int i = 0; i < row.size(); i += 2) {
        next.add(MerkleHash.node(row.get(i), row.get(i + 1)));
      }
      row = next;
    }
    return row.get(0);
  }
}
