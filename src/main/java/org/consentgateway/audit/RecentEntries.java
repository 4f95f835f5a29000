package org.consentgateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The entries this process's {@link AuditLog} committed last, in memory, so that a reader in the
 * same process (the statistics' follower) need not read back from PostgreSQL what was just
 * written. It holds one unbroken run of indexes, at most {@code capacity} of them, dropping the
 * oldest; a batch that does not continue the run (another process appended in between, or a
 * commit's answer was lost) starts a new run. It only ever holds committed entries, so an index
 * found here has the bytes the log holds at that index; an index not found is read from the log.
 * With each entry it keeps its {@link EntryOutline}, taken from the entry the appender wrote, so
 * the follower need not parse back the bytes just written.
 *
 * <p>Thread-safe: the appender adds from its context, readers read from theirs.
 */
public final class RecentEntries {

  private final StoredEntry[] ring;
  private final EntryOutline[] outlines;
  /** The run held: indexes [first, end). */
  private long first;
  private long end;

  /** Holds up to {@code capacity} entries; 0 holds none. */
  public RecentEntries(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
    }
    ring = new StoredEntry[capacity];
    outlines = new EntryOutline[capacity];
  }

  /** A window that holds nothing: every read goes to the log. */
  public static RecentEntries none() {
    return new RecentEntries(0);
  }

  /** Adds a batch that committed with the given entries, in index order: bytes as written, and their outlines. */
  synchronized void committed(List<AppendedEntry> appended, List<byte[]> leafInputs, List<EntryOutline> outlined) {
    if (ring.length == 0 || appended.isEmpty()) {
      return;
    }
    long start = appended.get(0).index();
    if (start != end) {
      first = start; // not after the run held: a new run
      end = start;
    }
    for (int i = 0; i < appended.size(); i++) {
      AppendedEntry entry = appended.get(i);
      ring[slot(end)] = new StoredEntry(entry.index(), leafInputs.get(i), entry.leafHash(), entry.chainHash());
      outlines[slot(end)] = outlined.get(i);
      end++;
    }
    first = Math.max(first, end - ring.length);
  }

  /**
   * The entries from {@code start} up to (not including) {@code limit}, if {@code start} is one
   * held: as many as are held in a row from there, at least one. Empty when {@code start} is not
   * held, including the index after the run (another process may have appended it).
   */
  public synchronized Optional<List<StoredEntry>> entries(long start, long limit) {
    return held(start, limit, ring);
  }

  /** The outlines of the entries {@link #entries} gives for the same indexes. */
  public synchronized Optional<List<EntryOutline>> outlines(long start, long limit) {
    return held(start, limit, outlines);
  }

  private <T> Optional<List<T>> held(long start, long limit, T[] slots) {
    if (start < first || start >= end || limit <= start) {
      return Optional.empty();
    }
    long stop = Math.min(end, limit);
    List<T> found = new ArrayList<>((int) (stop - start));
    for (long index = start; index < stop; index++) {
      found.add(slots[slot(index)]);
    }
    return Optional.of(found);
  }

  private int slot(long index) {
    return (int) (index % ring.length);
  }
}
