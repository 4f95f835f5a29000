package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A tile of the log as C2SP tlog-tiles addresses it: {@code tile/<L>/<N>[.p/<W>]} for hashes and
 * {@code tile/entries/<N>[.p/<W>]} for entry bundles. {@code N} is written in groups of three
 * digits, all but the last starting with {@code x} ({@code 1234067} is {@code x001/x234/067});
 * {@code W}, 1 to 255, only for a partial tile. Only the canonical form parses.
 *
 * @param level the tile level (hash tiles), or -1 for an entry bundle
 * @param width 256 for a full tile, 1 to 255 for a partial one
 */
public record TilePath(int level, long index, int width) {

  /** Hashes (or entries) in a full tile. */
  public static final int FULL = 256;
  /** The highest hash tile level the log's 63-level tree has: level 7 holds subtrees of 2^56 leaves. */
  public static final int MAX_LEVEL = 7;
  /** Index groups a path may have: tile indexes below 10^9, logs of up to 2.56 * 10^11 entries. */
  public static final int MAX_GROUPS = 3;

  public TilePath {
    if (level < -1 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("a tile level is 0 to " + MAX_LEVEL + " (or -1: entries)");
    }
    if (index < 0 || width < 1 || width > FULL) {
      throw new IllegalArgumentException("a tile has a non-negative index and 1 to 256 hashes");
    }
  }

  public boolean isEntries() {
    return level < 0;
  }

  public boolean isPartial() {
    return width < FULL;
  }

  /** The first leaf the tile covers. */
  public long startLeaf() {
    return index * FULL << (8 * Math.max(level, 0));
  }

  /**
   * Parses the path after {@code tile/}; empty when it is not a canonical tile path this log
   * can have (a level above 7, leading zero groups, a width of 0 or 256, …).
   */
  public static Optional<TilePath> parse(String path) {
    requireNonNull(path, "path is null");
    String[] segments = path.split("/", -1);
    int level;
    int from = 1;
    if (segments[0].equals("entries")) {
      level = -1;
    } else if (segments[0].matches("0|[1-9][0-9]?") && Integer.parseInt(segments[0]) <= MAX_LEVEL) {
      level = Integer.parseInt(segments[0]);
    } else {
      return Optional.empty();
    }
    int width = FULL;
    int end = segments.length;
    if (end - from >= 2 && segments[end - 2].endsWith(".p")) {
      String w = segments[end - 1];
      if (!w.matches("[1-9][0-9]{0,2}") || Integer.parseInt(w) > 255) {
        return Optional.empty();
      }
      width = Integer.parseInt(w);
      segments[end - 2] = segments[end - 2].substring(0, segments[end - 2].length() - 2);
      end--;
    }
    int groups = end - from;
    if (groups < 1 || groups > MAX_GROUPS) {
      return Optional.empty();
    }
    long index = 0;
    for (int i = from; i < end; i++) {
      boolean last = i == end - 1;
      String group = segments[i];
      String digits = last ? group : (group.startsWith("x") ? group.substring(1) : "");
      if (!digits.matches("[0-9]{3}")) {
        return Optional.empty();
      }
      index = index * 1000 + Integer.parseInt(digits);
    }
    TilePath tile = new TilePath(level, index, width);
    // One spelling per tile: no leading all-zero group.
    return tile.path().equals(path) ? Optional.of(tile) : Optional.empty();
  }

  /** The path after {@code tile/}, e.g. {@code 0/x001/x234/067.p/12} or {@code entries/000}. */
  public String path() {
    StringBuilder out = new StringBuilder(isEntries() ? "entries" : Integer.toString(level)).append('/');
    String digits = Long.toString(index);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    for (int i = 0; i < digits.length(); i += 3) {
      boolean last = i + 3 == digits.length();
      out.append(last ? "" : "x").append(digits, i, i + 3).append(last ? "" : "/");
    }
    return isPartial() ? out.append(".p/").append(width).toString() : out.toString();
  }
}
