package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The appender's last committed entries, as the follower finds them: one unbroken run, the newest kept. */
class RecentEntriesTest {

  @Test
  void givesTheEntriesHeldFromAnIndexUpToTheLimit() {
    RecentEntries recent = new RecentEntries(10);
    commit(recent, 0, 4);
    commit(recent, 4, 3);

    assertThat(recent.entries(2, 100).orElseThrow()).extracting(StoredEntry::index).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(recent.entries(2, 4).orElseThrow()).extracting(StoredEntry::index).containsExactly(2L, 3L);
    assertThat(new String(recent.entries(5, 6).orElseThrow().get(0).leafInput(), StandardCharsets.UTF_8)).isEqualTo("entry 5");
    assertThat(recent.outlines(2, 4).orElseThrow()).extracting(EntryOutline::actor).containsExactly("regulator:2", "regulator:3");
  }

  @Test
  void theIndexAfterTheRunIsNotHeldForAnotherProcessMayHaveWrittenIt() {
    RecentEntries recent = new RecentEntries(10);
    commit(recent, 0, 4);

    assertThat(recent.entries(4, 100)).isEmpty();
    assertThat(recent.outlines(4, 100)).isEmpty();
    assertThat(recent.entries(3, 3)).isEmpty();
  }

  @Test
  void pastItsCapacityTheOldestGo() {
    RecentEntries recent = new RecentEntries(5);
    commit(recent, 0, 4);
    commit(recent, 4, 4);

    assertThat(recent.entries(2, 100)).isEmpty();
    assertThat(recent.entries(3, 100).orElseThrow()).extracting(StoredEntry::index).containsExactly(3L, 4L, 5L, 6L, 7L);
    assertThat(recent.outlines(3, 100).orElseThrow()).extracting(EntryOutline::index).containsExactly(3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void aBatchThatDoesNotContinueTheRunStartsANewOne() {
    RecentEntries recent = new RecentEntries(10);
    commit(recent, 0, 4);
    commit(recent, 6, 2); // entries 4 and 5 came from another process

    assertThat(recent.entries(0, 100)).isEmpty();
    assertThat(recent.entries(4, 100)).isEmpty();
    assertThat(recent.entries(6, 100).orElseThrow()).extracting(StoredEntry::index).containsExactly(6L, 7L);
  }

  @Test
  void noneHoldsNothing() {
    RecentEntries none = RecentEntries.none();
    commit(none, 0, 3);

    assertThat(none.entries(0, 100)).isEmpty();
  }

  private static void commit(RecentEntries recent, long first, int count) {
    List<AppendedEntry> appended = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    List<EntryOutline> outlines = new ArrayList<>();
    for (long index = first; index < first + count; index++) {
      byte[] entry = ("entry " + index).getBytes(StandardCharsets.UTF_8);
      appended.add(new AppendedEntry(index, LeafHash.of(entry), LeafHash.of(entry)));
      bytes.add(entry);
      outlines.add(new EntryOutline(index, Instant.EPOCH, AuditAction.AUDIT_READ, AuditOutcome.ALLOWED, "regulator:" + index, Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }
    recent.committed(appended, bytes, outlines);
  }
}
