package org.consentgateway.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.junit.jupiter.api.Test;

/** The complaint's states, step by step, and what the institution concerned is shown of it. */
class ComplaintRulesTest {

  private static final Instant FILED = Instant.parse("2026-03-02T02:00:00Z");

  @Test
  void eachStepStartsOnlyFromItsStatuses() {
    allowedFrom(ComplaintTransitions::acknowledge, EnumSet.of(ComplaintStatus.FILED));
    allowedFrom(ComplaintTransitions::requestInformation, EnumSet.of(ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.RESPONDED));
    allowedFrom(ComplaintTransitions::respond, EnumSet.of(ComplaintStatus.INFORMATION_REQUESTED));
    allowedFrom(ComplaintTransitions::resolve,
        EnumSet.of(ComplaintStatus.ACKNOWLEDGED, ComplaintStatus.INFORMATION_REQUESTED, ComplaintStatus.RESPONDED));
  }

  @Test
  void aNewQuestionReplacesTheLastAnswerAndAResolutionKeepsTheRest() {
    Complaint asked = ComplaintTransitions.with(filed(), ComplaintStatus.INFORMATION_REQUESTED).question("为何查询？", FILED).build();
    Complaint answered = ComplaintTransitions.with(asked, ComplaintStatus.RESPONDED).response("误操作", FILED.plusSeconds(60)).build();
    Complaint again = ComplaintTransitions.with(answered, ComplaintStatus.INFORMATION_REQUESTED).question("证据？", FILED.plusSeconds(120))
        .build();
    assertThat(again.question()).contains("证据？");
    assertThat(again.response()).isEmpty();
    Complaint resolved = ComplaintTransitions.with(again, ComplaintStatus.RESOLVED)
        .resolution(ComplaintOutcome.UPHELD, "属实", FILED.plusSeconds(180)).build();
    assertThat(resolved.outcome()).contains(ComplaintOutcome.UPHELD);
    assertThat(resolved.question()).contains("证据？");
    assertThat(resolved.text()).isEqualTo("我没有授权");
  }

  @Test
  void overdueOnlyWhileOpenAndPastItsDeadline() {
    Complaint complaint = filed();
    assertThat(complaint.overdue(complaint.dueBy())).isFalse();
    assertThat(complaint.overdue(complaint.dueBy().plusMillis(1))).isTrue();
    Complaint resolved = ComplaintTransitions.with(complaint, ComplaintStatus.RESOLVED)
        .resolution(ComplaintOutcome.DISMISSED, "不属实", FILED).build();
    assertThat(resolved.overdue(complaint.dueBy().plusMillis(1))).isFalse();
  }

  @Test
  void theInstitutionSeesNeitherTheCitizensTextNorWhoTheyAre() {
    Complaint.InstitutionView view = filed().forInstitution();
    assertThat(view.toString()).doesNotContain("我没有授权");
    assertThat(List.of(Complaint.InstitutionView.class.getRecordComponents()))
        .extracting(component -> component.getName())
        .doesNotContain("text", "subjectRef", "resolutionNote", "evidence");
    assertThat(filed().toString()).doesNotContain("我没有授权").doesNotContain("ab".repeat(32));
  }

  @Test
  void wireCodesAreTheDocumentedOnes() {
    assertThat(EnumSet.allOf(ComplaintReason.class)).extracting(ComplaintReason::code)
        .containsExactly("not_authorised", "beyond_purpose", "beyond_grade", "other");
    assertThat(ComplaintReason.fromCode("NOT_AUTHORISED")).isEmpty();
    assertThat(ComplaintOutcome.fromCode("upheld")).contains(ComplaintOutcome.UPHELD);
    assertThat(ComplaintOutcome.fromCode("maybe")).isEmpty();
  }

  private static void allowedFrom(Consumer<ComplaintStatus> step, Set<ComplaintStatus> allowed) {
    for (ComplaintStatus status : ComplaintStatus.values()) {
      if (allowed.contains(status)) {
        step.accept(status);
      } else {
        assertThatThrownBy(() -> step.accept(status)).as(status.name()).isInstanceOfSatisfying(ProblemException.class,
            problem -> assertThat(problem.code()).isEqualTo(ErrorCode.COMPLAINT_STATUS));
      }
    }
  }

  private static Complaint filed() {
    ComplaintEvidence evidence = new ComplaintEvidence(7, "{}".getBytes(), 8, "note", List.of(Sha256Hash.digest(new byte[1])));
    return new Complaint(UUID.randomUUID(), "ab".repeat(32), "91350100M000100Y43", 7, ComplaintReason.NOT_AUTHORISED, "我没有授权",
        ComplaintStatus.FILED, FILED, FILED.plus(Duration.ofDays(30)), evidence, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
