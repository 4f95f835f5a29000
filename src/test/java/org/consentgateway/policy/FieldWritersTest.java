package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.consentgateway.records.SubjectIdentity;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.Test;

/** Fail closed: an action a writer was not built for is refused when the plan is compiled, never written as the raw value. */
class FieldWritersTest {

  private static final SubjectIdentity ZHANG = new SubjectIdentity(ResidentIdNumber.parse("11010519491231002X"), "张三",
      Optional.of("13812345678"), Optional.of("北京市朝阳区建国路88号"));

  @Test
  void eachMaskingActionMasksTheFieldItBelongsTo() {
    assertThat(written(FieldWriters.subject(Field.SUBJECT_NAME, FieldAction.MASK_NAME))).isEqualTo("{\"name\":\"张*\"}");
    assertThat(written(FieldWriters.subject(Field.SUBJECT_ID_NUMBER, FieldAction.MASK_ID_NUMBER)))
        .isEqualTo("{\"idNumber\":\"110105********002X\"}");
    assertThat(written(FieldWriters.subject(Field.SUBJECT_PHONE, FieldAction.MASK_PHONE))).isEqualTo("{\"phone\":\"138****5678\"}");
    assertThat(written(FieldWriters.subject(Field.SUBJECT_NAME, FieldAction.ALLOW))).isEqualTo("{\"name\":\"张三\"}");
  }

  @Test
  void aMaskingActionOfAnotherKindIsRefusedRatherThanWrittenRaw() {
    assertThatThrownBy(() -> FieldWriters.subject(Field.SUBJECT_NAME, FieldAction.MASK_PHONE))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("MASK_PHONE does not apply to subject.name");
    assertThatThrownBy(() -> FieldWriters.subject(Field.SUBJECT_ID_NUMBER, FieldAction.BAND))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FieldWriters.account(Field.ACCOUNT_LENDER, FieldAction.MASK_NAME))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FieldWriters.summary(Field.SUMMARY_ACCOUNT_COUNT, FieldAction.BAND))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anOmittedFieldHasNoWriter() {
    assertThatThrownBy(() -> FieldWriters.subject(Field.SUBJECT_NAME, FieldAction.OMIT)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFieldOfAnotherSectionHasNoWriterHere() {
    assertThatThrownBy(() -> FieldWriters.subject(Field.ACCOUNT_BALANCE, FieldAction.ALLOW))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not a field of subject");
  }

  private static String written(FieldWriter<SubjectIdentity> writer) {
    ObjectNode target = JsonNodeFactory.instance.objectNode();
    writer.write(ZHANG, target);
    return target.toString();
  }
}
