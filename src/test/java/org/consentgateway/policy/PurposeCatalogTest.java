package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurposeCatalogTest {

  @TempDir
  Path folder;

  @Test
  void theShippedPoliciesDefineTheSixQueryReasons() {
    PurposeCatalog catalog = PurposeCatalog.load(Path.of("policies"));

    assertThat(catalog.all()).extracting(Purpose::code).containsExactly("CREDIT_CARD_APPROVAL", "GUARANTEE_REVIEW",
        "INSURANCE_REVIEW", "LOAN_APPROVAL", "MERCHANT_VERIFICATION", "POST_LOAN_MANAGEMENT");
    assertThat(catalog.find("LOAN_APPROVAL")).hasValueSatisfying(p -> {
      assertThat(p.labelZh()).isEqualTo("贷款审批");
      assertThat(p.maxGrade()).isEqualTo(Grade.DETAIL);
    });
    assertThat(catalog.find("MERCHANT_VERIFICATION")).hasValueSatisfying(p -> {
      assertThat(p.oneTime()).isTrue();
      assertThat(p.maxUses()).isEqualTo(1);
      assertThat(p.maxValidityDays()).isEqualTo(1);
    });
    assertThat(catalog.find("POST_LOAN_MANAGEMENT")).hasValueSatisfying(p -> {
      assertThat(p.maxValidityDays()).isEqualTo(365);
      assertThat(p.usesPerMonth()).isLessThanOrEqualTo(2);
    });
  }

  @Test
  void gradesIncludeTheOnesBelow() {
    assertThat(Grade.DETAIL.includes(Grade.SUMMARY)).isTrue();
    assertThat(Grade.SUMMARY.includes(Grade.BASIC)).isTrue();
    assertThat(Grade.BASIC.includes(Grade.SUMMARY)).isFalse();
  }

  @Test
  void anUnknownGradeIsReportedWithFileAndLine() throws IOException {
    write("""
        purposes:
          - code: LOAN_APPROVAL
            labels: {zh: 贷款审批, en: Loan approval}
            max-grade: EVERYTHING
            max-validity-days: 90
            max-uses: 5
            uses-per-day: 2
            uses-per-month: 5
            max-data-window-months: 60
            one-time: false
        """);

    assertThatThrownBy(() -> PurposeCatalog.load(folder))
        .isInstanceOf(PolicyException.class)
        .hasMessage(folder.resolve("purposes.yaml") + ":4: max-grade of purpose LOAN_APPROVAL must be one of BASIC, SUMMARY, DETAIL");
  }

  @Test
  void aMissingFieldAndAnUnknownKeyAreReported() throws IOException {
    write("purposes:\n  - code: X_Y\n    labels: {zh: a, en: b}\n    colour: red\n");

    assertThatThrownBy(() -> PurposeCatalog.load(folder)).hasMessageContaining(":4: unknown key 'colour'");
  }

  @Test
  void brokenYamlIsReportedWithItsLine() throws IOException {
    write("purposes:\n  - code: A\n   bad: [\n");

    assertThatThrownBy(() -> PurposeCatalog.load(folder)).isInstanceOf(PolicyException.class).hasMessageContaining("not valid YAML");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> PurposeCatalog.load(folder)).hasMessageContaining("purposes.yaml: missing");
  }

  private void write(String yaml) throws IOException {
    Files.writeString(folder.resolve("purposes.yaml"), yaml);
  }
}
