package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A plan's fields with their actions: what a citizen is told before consenting is what the plan discloses. */
class DisclosedFieldTest {

  private final PolicyBundle bundle = PolicyBundle.load(Path.of("policies"));

  @Test
  void eachGradeListsTheFieldsItsPlanDisclosesInReportOrder() {
    for (Grade grade : Grade.values()) {
      ProjectionPlan plan = bundle.plan(grade);

      assertThat(plan.fields()).extracting(DisclosedField::path).as(grade.name()).containsExactlyElementsOf(plan.fieldPaths());
    }
  }

  @Test
  void theShippedBasicGradeMasksTheNameAndIdNumberAndShowsWhetherThereAreRecords() {
    assertThat(bundle.plan(Grade.BASIC).fields()).containsExactly(
        new DisclosedField("subject.name", FieldAction.MASK_NAME),
        new DisclosedField("subject.idNumber", FieldAction.MASK_ID_NUMBER),
        new DisclosedField("summary.hasRecords", FieldAction.ALLOW));
    assertThat(bundle.plan(Grade.BASIC).fields()).extracting(DisclosedField::masked).containsExactly(true, true, false);
  }

  @Test
  void everyActionButAllowMasksAndAnOmittedFieldIsNoDisclosedField() {
    for (FieldAction action : List.of(FieldAction.MASK_NAME, FieldAction.MASK_ID_NUMBER, FieldAction.MASK_PHONE,
        FieldAction.TO_CITY, FieldAction.BAND)) {
      assertThat(new DisclosedField("summary.totalBalance", action).masked()).as(action.name()).isTrue();
    }
    assertThat(new DisclosedField("summary.totalBalance", FieldAction.ALLOW).masked()).isFalse();
    assertThatThrownBy(() -> new DisclosedField("summary.totalBalance", FieldAction.OMIT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
