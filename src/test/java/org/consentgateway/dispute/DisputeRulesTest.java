package org.consentgateway.dispute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.records.RecordKind;
import org.junit.jupiter.api.Test;

/** The rules a dispute and its resolution follow, before any database is involved. */
class DisputeRulesTest {

  private static final Instant FILED = Instant.parse("2026-11-01T09:00:00Z");

  @Test
  void anOpenDisputeIsOverdueOnlyAfterItsDeadline() {
    Dispute open = dispute(DisputeStatus.OPEN);
    assertThat(open.overdue(open.dueBy())).isFalse();
    assertThat(open.overdue(open.dueBy().plusSeconds(1))).isTrue();
    assertThat(dispute(DisputeStatus.REJECTED).overdue(FILED.plus(Duration.ofDays(100)))).as("a resolved dispute is never overdue").isFalse();
  }

  @Test
  void aDisputePrintsNeitherItsReasonNorItsSubject() {
    assertThat(dispute(DisputeStatus.OPEN).toString()).doesNotContain("张三").doesNotContain("ab".repeat(32));
  }

  @Test
  void aResolutionSaysWhatItDoes() {
    var correction = Optional.<com.fasterxml.jackson.databind.JsonNode>of(JsonNodeFactory.instance.objectNode().put("balance", 0));
    assertThat(new Disputes.Resolution(DisputeStatus.CORRECTED, " 已更正 ", correction).note()).isEqualTo("已更正");
    assertRefused(() -> new Disputes.Resolution(DisputeStatus.CORRECTED, "x", Optional.empty()), "needs the correction");
    assertRefused(() -> new Disputes.Resolution(DisputeStatus.REJECTED, "x", correction), "leave out correction");
    assertRefused(() -> new Disputes.Resolution(DisputeStatus.OPEN, "x", Optional.empty()), "CORRECTED or REJECTED");
    assertRefused(() -> new Disputes.Resolution(DisputeStatus.REJECTED, "  ", Optional.empty()), "note must be a non-empty string");
    assertRefused(() -> new Disputes.Resolution(DisputeStatus.REJECTED, "长".repeat(1001), Optional.empty()), "at most 1000");
  }

  private static void assertRefused(Runnable resolution, String detail) {
    assertThatThrownBy(resolution::run).isInstanceOfSatisfying(ProblemException.class, problem -> {
      assertThat(problem.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(problem.detail()).contains(detail);
    });
  }

  private static Dispute dispute(DisputeStatus status) {
    boolean open = status == DisputeStatus.OPEN;
    return new Dispute(UUID.randomUUID(), "ab".repeat(32), UUID.randomUUID(), RecordKind.ACCOUNT, "张三说余额不对", status, FILED,
        FILED.plus(Duration.ofDays(DisputeConfig.DEFAULT_DUE_DAYS)), 7, open ? Optional.empty() : Optional.of(FILED.plusSeconds(60)),
        open ? Optional.empty() : Optional.of("operator:desk"), open ? Optional.empty() : Optional.of("无误"),
        open ? Optional.empty() : Optional.of(9L));
  }
}
