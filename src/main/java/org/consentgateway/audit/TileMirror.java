package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A copy of a tiled log in a folder, laid out as the log serves it (C2SP tlog-tiles): {@code
 * checkpoint}, {@code tile/<L>/<N>[.p/<W>]} and {@code tile/entries/<N>[.p/<W>]}, so any static
 * file server can serve the mirror and any tile-based verifier can read it. Blocking (command line).
 */
public final class TileMirror {

  private static final String CHECKPOINT = "checkpoint";
  private static final String TILES = "tile";

  private TileMirror() {}

  /** Whether {@code folder} holds a mirror (rather than an export). */
  public static boolean isMirror(Path folder) {
    return Files.isRegularFile(folder.resolve(CHECKPOINT)) && Files.isDirectory(folder.resolve(TILES));
  }

  /** Writes one tile or bundle, creating its folders. */
  public static void writeTile(Path folder, TilePath tile, byte[] bytes) throws IOException {
    Path file = fileOf(folder, tile);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  /** Writes the checkpoint the mirror is of; written last, so a mirror with one is whole. */
  public static void writeCheckpoint(Path folder, String note) throws IOException {
    Files.writeString(folder.resolve(CHECKPOINT), note, StandardCharsets.UTF_8);
  }

  private static Path fileOf(Path folder, TilePath tile) {
    return folder.resolve(TILES).resolve(tile.path());
  }

  /**
   * Verifies a mirror offline with the log's verifier key: the checkpoint's signature, every hash
   * tile against the others and the checkpoint's root, every entry bundle against its tile, and
   * the entries themselves (indexes, hash chain) as an export's are.
   */
  public static LogVerifier.Report verify(Path folder, NoteVerifier key) throws IOException {
    requireNonNull(key, "key is null");
    String note = Files.readString(folder.resolve(CHECKPOINT), StandardCharsets.UTF_8);
    LogVerifier entries = new LogVerifier(List.of(note), key);
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(SignedNote.parse(note));
    } catch (AuditFormatException | IllegalArgumentException e) {
      return entries.finish(List.of()); // the log verifier names the malformed checkpoint
    }
    TiledTree tree = new TiledTree(checkpoint.size());
    Map<TilePath, byte[]> tiles = new HashMap<>();
    for (TilePath tile : tree.hashTiles()) {
      Path file = fileOf(folder, tile);
      if (Files.isRegularFile(file)) {
        tiles.put(tile, Files.readAllBytes(file));
      }
    }
    Verdict verdict = tree.verify(tiles, checkpoint.rootHash());
    if (!verdict.isValid()) {
      return failed(checkpoint, verdict.detail());
    }
    for (TilePath bundle : tree.entryBundles()) {
      Path file = fileOf(folder, bundle);
      if (!Files.isRegularFile(file)) {
        return failed(checkpoint, "index " + bundle.startLeaf() + ": entry bundle " + bundle.path() + " is not in the mirror");
      }
      byte[] leaves = tiles.get(new TilePath(0, bundle.index(), bundle.width()));
      List<byte[]> bundled;
      try {
        bundled = TiledTree.entriesOf(bundle, Files.readAllBytes(file), leaves);
      } catch (AuditFormatException e) {
        return failed(checkpoint, e.getMessage());
      }
      for (int i = 0; i < bundled.size(); i++) {
        long index = bundle.startLeaf() + i;
        entries.accept(new LogVerifier.PublishedEntry(index, bundled.get(i), Optional.of(LeafHash.of(bundled.get(i))), Optional.empty()));
      }
    }
    return entries.finish(List.of());
  }

  private static LogVerifier.Report failed(Checkpoint checkpoint, String what) {
    return new LogVerifier.Report(0, 1, checkpoint.size(), Optional.of(new LogVerifier.Finding("tiles", 0, what)));
  }
}
