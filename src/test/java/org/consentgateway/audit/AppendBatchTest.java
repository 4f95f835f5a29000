package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consentgateway.audit.AuditDatabaseSupport.event;

import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Placing batches in memory, without a database: the same log as a memory tree and a hash chain. */
class AppendBatchTest {

  @Test
  void batchesInARowBuildTheSameTreeAndChainAsOneAtATime() {
    MemoryTree tree = new MemoryTree();
    LogHead head = LogHead.EMPTY;
    TreeFrontier frontier = TreeFrontier.empty();
    long next = 0;
    for (int batchSize : new int[] {1, 2, 5, 8, 1, 13, 3}) {
      List<AuditEvent> events = LongStream.range(next, next + batchSize).mapToObj(n -> event(n)).toList();

      AppendBatch batch = AppendBatch.place(head, frontier, events);

      for (int i = 0; i < batchSize; i++) {
        AppendedEntry appended = batch.appended().get(i);
        AuditEntry entry = AuditEntry.parse(batch.entryBytes().get(i));
        assertThat(appended.index()).isEqualTo(next + i);
        assertThat(entry.index()).isEqualTo(next + i);
        assertThat(entry.prev()).isEqualTo(i == 0 ? head.chainHash() : batch.appended().get(i - 1).chainHash());
        assertThat(appended.leafHash()).isEqualTo(tree.appendData(batch.entryBytes().get(i)));
        assertThat(appended.chainHash()).isEqualTo(ChainHash.next(entry.prev(), appended.leafHash()));
      }
      next += batchSize;
      head = batch.next();
      frontier = batch.nextFrontier();
      assertThat(head).isEqualTo(new LogHead(next, batch.appended().get(batchSize - 1).chainHash()));
      assertThat(frontier.rootHash()).isEqualTo(tree.rootHash());
    }
  }

  @Test
  void refusesAFrontierOfAnotherSize() {
    TreeFrontier one = TreeFrontier.empty().append(MerkleHash.leaf(new byte[] {1})).frontier();

    assertThatThrownBy(() -> AppendBatch.place(LogHead.EMPTY, one, List.of(event(0))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AppendBatch.place(LogHead.EMPTY, TreeFrontier.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachRowCarriesItsSubjectAndActionBesideTheEntryForTheInquiryIndex() {
    AuditEvent read = AuditEvent.builder().time(event(1).time()).action(AuditAction.AUDIT_READ).actor("regulator:pboc")
        .outcome(AuditOutcome.RECORDED).build();

    Tuple values = AppendBatch.place(LogHead.EMPTY, TreeFrontier.empty(), List.of(event(0), read)).entryArrays();

    assertThat(values.getArrayOfStrings(4)).containsExactly(event(0).subjectRef().orElseThrow(), null);
    assertThat(values.getArrayOfStrings(5)).containsExactly("query.allowed", "audit.read");
  }
}
