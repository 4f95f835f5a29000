package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The appender writes an entry's canonical bytes straight from its fields: byte for byte what JCS
 * makes of the entry's JSON object, whichever optional members it has; and the outline it keeps
 * for the follower is what reading those bytes back gives.
 */
class CanonicalEntryTest {

  private static final Sha256Hash HASH = LeafHash.of("a hash".getBytes(StandardCharsets.UTF_8));
  private static final Sha256Hash OTHER = LeafHash.of("another".getBytes(StandardCharsets.UTF_8));

  @Test
  void everyMixOfOptionalMembersGivesTheBytesJcsGives() {
    int compared = 0;
    for (AuditAction action : AuditAction.values()) {
      for (int members = 0; members < 1 << 10; members++) {
        AuditEntry entry = entry(action, members);
        assertThat(new String(CanonicalEntry.of(entry), StandardCharsets.UTF_8))
            .isEqualTo(new String(Jcs.canonicalize(AuditEntryJson.toJson(entry)), StandardCharsets.UTF_8));
        compared++;
      }
    }
    assertThat(compared).isEqualTo(AuditAction.values().length << 10);
  }

  /** The follower takes an outline from the entry the appender just wrote ({@link RecentEntries}) instead of reading back its bytes. */
  @Test
  void theOutlineOfAnEntryIsTheOutlineReadBackFromItsBytes() {
    for (AuditAction action : AuditAction.values()) {
      for (int members = 0; members < 1 << 10; members++) {
        AuditEntry entry = entry(action, members);
        assertThat(EntryOutline.of(entry)).isEqualTo(EntryOutline.of(CanonicalEntry.of(entry)));
      }
    }
  }

  @Test
  void anEntryIsHashedOverThoseBytes() {
    AuditEntry entry = entry(AuditAction.QUERY_ALLOWED, (1 << 10) - 1);

    assertThat(entry.toCanonicalJson()).isEqualTo(Jcs.canonicalize(AuditEntryJson.toJson(entry)));
    assertThat(entry.leafHash()).isEqualTo(LeafHash.of(Jcs.canonicalize(AuditEntryJson.toJson(entry))));
  }

  /** An entry with the optional members whose bits are set in {@code members}. */
  private static AuditEntry entry(AuditAction action, int members) {
    AuditEvent.Builder event = AuditEvent.builder()
        .time(Instant.parse("2026-12-03T08:15:30.250Z").plusMillis(members))
        .action(action)
        .actor("institution:91350100M000100Y43")
        .outcome(AuditOutcome.ALLOWED);
    if ((members & 1) != 0) {
      event.subjectRef("0123456789abcdef".repeat(4));
    }
    if ((members & 2) != 0) {
      event.purpose("LOAN_APPROVAL");
    }
    if ((members & 4) != 0) {
      event.grade("STANDARD");
    }
    if ((members & 8) != 0) {
      event.consentId("c-" + members);
    }
    if ((members & 16) != 0) {
      event.reasonCode("purpose_not_permitted");
    }
    if ((members & 32) != 0) {
      event.disclosedFields(List.of("loans[0].balance", "identity.name", "cards"));
    }
    if ((members & 64) != 0) {
      event.responseHash(HASH);
    }
    if ((members & 128) != 0) {
      event.policyHash(OTHER);
    }
    if ((members & 256) != 0) {
      event.institution("91350100M000100Y43");
    }
    long index = 9_007_199_254_740_991L - members; // up to 2^53 - 1, the largest index
    return (members & 512) != 0 ? event.build().at(index, HASH, OTHER) : event.build().at(index, OTHER);
  }
}
