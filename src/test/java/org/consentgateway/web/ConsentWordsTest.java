package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.policy.DisclosedField;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.Purpose;
import org.junit.jupiter.api.Test;

/**
 * The consent screen has words for everything the policies can put on it, in both languages: every
 * field of every grade, how each masked one is masked, every grade's name, every purpose's label.
 */
class ConsentWordsTest {

  private final PolicyBundle policies = PolicyBundle.load(Path.of("policies"));
  private final Map<Language, Messages> messages = Messages.load();

  @Test
  void everyFieldOfEveryGradeIsNamedAndEveryMaskedOneSaysHowInBothLanguages() {
    for (Language language : Language.values()) {
      Messages words = messages.get(language);
      for (Grade grade : Grade.values()) {
        List<DisclosedField> fields = policies.plan(grade).fields();

        List<ConsentScreen.FieldLine> lines = ConsentScreen.fieldGroups(policies.plan(grade), words).stream()
            .flatMap(group -> group.fields().stream()).toList();

        assertThat(lines).as(language + " " + grade).hasSameSizeAs(fields);
        for (int i = 0; i < fields.size(); i++) {
          assertThat(lines.get(i).masking().isPresent()).as(fields.get(i).path()).isEqualTo(fields.get(i).masked());
        }
        assertThat(words.text("grade." + grade.name() + ".name")).isNotBlank();
        assertThat(words.text("grade." + grade.name() + ".mine")).isNotBlank();
      }
    }
  }

  @Test
  void theFieldsOfAGradeAreGroupedByPartOfTheReport() {
    List<ConsentScreen.FieldGroup> english = ConsentScreen.fieldGroups(policies.plan(Grade.DETAIL), messages.get(Language.EN));

    assertThat(english).extracting(ConsentScreen.FieldGroup::heading)
        .containsExactly("About you", "Summary of your credit file", "For each credit account", "For each public record");
    assertThat(english.get(0).fields()).first().isEqualTo(new ConsentScreen.FieldLine("Name",
        Optional.of("masked: only the first character is shown, e.g. 张*")));
  }

  @Test
  void aPurposeIsNamedByItsOwnLabelInTheReadersLanguage() {
    Purpose loan = policies.purposes().find("LOAN_APPROVAL").orElseThrow();

    assertThat(ConsentScreen.purposeLabel(loan, messages.get(Language.ZH_CN))).isEqualTo("贷款审批");
    assertThat(ConsentScreen.purposeLabel(loan, messages.get(Language.EN))).isEqualTo("Loan approval");
  }
}
