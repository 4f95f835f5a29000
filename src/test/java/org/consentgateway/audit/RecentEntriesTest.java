package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

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

    assertThat(recent.outlines(2, 100).orElseThrow()).extracting(EntryOutline::index).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(recent.outlines(2, 4).orElseThrow()).extracting(EntryOutline::index).containsExactly(2L, 3L);
    assertThat(recent.outlines(5, 6).orElseThrow().get(0).actor()).isEqualTo("regulator:5");
  }

  @Test
  void theIndexAfterTheRunIsNotHeldForAnotherProcessMayHaveWrittenIt() {
    RecentEntries recent = new RecentEntries(10);
    commit(recent, 0, 4);

    assertThat(recent.outlines(4, 100)).isEmpty();
    assertThat(recent.outlines(3, 3)).isEmpty();
  }

  @Test
  void pastItsCapacityTheOldestGo() {
    RecentEntries recent = new RecentEntries(5);
    commit(recent, 0, 4);
    commit(recent, 4, 4);

    assertThat(recent.outlines(2, 100)).isEmpty();
    assertThat(recent.outlines(3, 100).orElseThrow()).extracting(EntryOutline::index).containsExactly(3L, 4L, 5L, 6L, 7L);
  }

  @Test
  void aBatchThatDoesNotContinueTheRunStartsANewOne() {
    RecentEntries recent = new RecentEntries(10);
    commit(recent, 0, 4);
    commit(recent, 6, 2); // entries 4 and 5 came from another process

    assertThat(recent.outlines(0, 100)).isEmpty();
    assertThat(recent.outlines(4, 100)).isEmpty();
    assertThat(recent.outlines(6, 100).orElseThrow()).extracting(EntryOutline::index).containsExactly(6L, 7L);
  }

  @Test
  void noneHoldsNothing() {
    RecentEntries none = RecentEntries.none();
    commit(none, 0, 3);

    assertThat(none.outlines(0, 100)).isEmpty();
  }

  private static void commit(RecentEntries recent, long first, int count) {
    List<EntryOutline> outlines = new ArrayList<>();
    for (long index = first; index < first + count; index++) {
      outlines.add(new EntryOutline(index, Instant.EPOCH, AuditAction.AUDIT_READ, AuditOutcome.ALLOWED, "regulator:" + index, Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }
    recent.committed(outlines);
  }
}
