package org.consentgateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outlines of the entries this process's {@link AuditLog} committed last, in memory, taken
 * from the entries as the appender wrote them, so that a reader in the same process (the
 * statistics' follower) need neither read back from PostgreSQL nor parse what was just written.
 * It holds one unbroken run of indexes, at most {@code capacity} of them, dropping the oldest; a
 * batch that does not continue the run (another process appended in between, or a commit's answer
 * was lost) starts a new run. It only ever holds committed entries, so an index found here is the
 * entry the log holds at that index; an index not found is read from the log.
 *
 * <p>Thread-safe: the appender adds from its context, readers read from theirs.
 */
public final class RecentEntries {

  private final EntryOutline[] ring;
  /** The run held: indexes [first, end). */
  private long first;
  private long end;

  /** Holds up to {@code capacity} entries; 0 holds none. */
  public RecentEntries(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
    }
    ring = new EntryOutline[capacity];
  }

  /** A window that holds nothing: every read goes to the log. */
  public static RecentEntries none() {
    return new RecentEntries(0);
  }

  /** Adds a batch that committed with the entries these outline, in index order. */
  synchronized void committed(List<EntryOutline> outlines) {
    if (ring.length == 0 || outlines.isEmpty()) {
      return;
    }
    long start = outlines.get(0).index();
    if (start != end) {
      first = start; // not after the run held: a new run
      end = start;
    }
    for (EntryOutline outline : outlines) {
      ring[slot(end)] = outline;
      end++;
    }
    first = Math.max(first, end - ring.length);
  }

  /**
   * The outlines from {@code start} up to (not including) {@code limit}, if {@code start} is one
   * held: as many as are held in a row from there, at least one. Empty when {@code start} is not
   * held, including the index after the run (another process may have appended it).
   */
  public synchronized Optional<List<EntryOutline>> outlines(long start, long limit) {
    if (start < first || start >= end || limit <= start) {
      return Optional.empty();
    }
    long stop = Math.min(end, limit);
    List<EntryOutline> found = new ArrayList<>((int) (stop - start));
    for (long index = start; index < stop; index++) {
      found.add(ring[slot(index)]);
    }
    return Optional.of(found);
  }

  private int slot(long index) {
    return (int) (index % ring.length);
  }
}
