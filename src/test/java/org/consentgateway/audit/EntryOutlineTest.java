package org.consentgateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A follower's outline of a stored entry holds exactly what the full, checked parse finds. */
class EntryOutlineTest {

  private static final String SUBJECT = "ab".repeat(32);

  @Test
  void anOutlineHoldsWhatTheCheckedParseFinds() {
    List<AuditEvent> events = List.of(
        AuditEntryTest.allowedQuery(),
        AuditEvent.builder().time(Instant.parse("2024-02-29T23:59:59.999Z")).action(AuditAction.QUERY_DENIED)
            .actor("institution:91350100M000100Y43").subjectRef(SUBJECT).purpose("LOAN_APPROVAL").grade("DETAIL")
            .outcome(AuditOutcome.DENIED).reasonCode("consent_expired").build(),
        AuditEvent.builder().time(Instant.parse("2026-12-02T00:00:00Z")).action(AuditAction.COMPLAINT_FILED)
            .actor("citizen:" + SUBJECT).subjectRef(SUBJECT).outcome(AuditOutcome.RECORDED).institution("91350100M000100Y43").build(),
        AuditEvent.read(Instant.parse("1999-12-31T16:00:00.001Z"), "regulator:pboc-credit-reference", "stats",
            Sha256Hash.digest("stats".getBytes(UTF_8))));
    long index = 0;
    for (AuditEvent event : events) {
      byte[] stored = event.at(index, Sha256Hash.digest(new byte[] {(byte) index})).toCanonicalJson();

      assertOutlineOf(stored);
      index += 9_007_199_254L;
    }
  }

  @Test
  void everyMillisecondOfAnyDayReadsBackExactly() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      Instant time = Instant.ofEpochMilli(random.nextLong(0, 4_102_444_800_000L));
      byte[] stored = AuditEvent.read(time, "regulator:r", "stats", Sha256Hash.digest(new byte[] {1})).at(i, Sha256Hash.digest(new byte[0]))
          .toCanonicalJson();

      assertThat(EntryOutline.of(stored).time()).isEqualTo(time);
    }
  }

  @Test
  void bytesThatAreNoEntryAreRefused() {
    for (String bad : List.of("", "[]", "{\"index\":1}", "{\"index\":1,\"time\":\"2025-01-02T03:04:05Z\",\"action\":\"query.allowed\","
        + "\"outcome\":\"ALLOWED\",\"actor\":\"institution:x\"}", "{\"index\":1,\"time\":\"2025-01-02T03:04:05.678Z\","
        + "\"action\":\"query.maybe\",\"outcome\":\"ALLOWED\",\"actor\":\"institution:x\"}", "{\"index\":")) {
      assertThatThrownBy(() -> EntryOutline.of(bad.getBytes(UTF_8))).as(bad).isInstanceOf(AuditFormatException.class);
    }
  }

  private static void assertOutlineOf(byte[] stored) {
    AuditEntry entry = AuditEntry.parseStored(stored);
    AuditEvent event = entry.event();
    EntryOutline outline = EntryOutline.of(stored);
    assertThat(outline).isEqualTo(new EntryOutline(entry.index(), event.time(), event.action(), event.outcome(), event.actor(),
        event.subjectRef(), event.purpose(), event.grade(), event.consentId(), event.reasonCode(), event.institution()));
  }
}
