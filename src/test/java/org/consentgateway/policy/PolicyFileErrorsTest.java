package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad grades or categories file stops loading with {@code file:line: problem}. */
class PolicyFileErrorsTest {

  private static final Path SHIPPED = Path.of("policies");
  private static final String GOOD_GRADES_TAIL = """
        SUMMARY:
          fields: {}
        DETAIL:
          fields: {}
      """;

  @TempDir
  Path folder;

  @BeforeEach
  void copyShippedPolicies() throws IOException {
    for (String name : PolicyBundle.FILES) {
      Files.copy(SHIPPED.resolve(name), folder.resolve(name));
    }
  }

  @Test
  void anUnknownFieldPathIsReported() throws IOException {
    grades("""
        grades:
          BASIC:
            fields:
              subject.name: MASK_NAME
              subject.nickname: ALLOW
        """ + GOOD_GRADES_TAIL);

    assertProblem("grades.yaml", 5, "unknown field path 'subject.nickname' in grade BASIC");
  }

  @Test
  void anUnknownActionIsReported() throws IOException {
    grades("""
        grades:
          BASIC:
            fields:
              subject.name: SCRAMBLE
        """ + GOOD_GRADES_TAIL);

    assertProblem("grades.yaml", 4, "unknown action 'SCRAMBLE' for subject.name"
        + " (expected one of [ALLOW, MASK_NAME, MASK_ID_NUMBER, MASK_PHONE, TO_CITY, BAND, OMIT])");
  }

  @Test
  void anActionThatDoesNotFitTheFieldIsReported() throws IOException {
    grades("""
        grades:
          BASIC:
            fields:
              summary.accountCount: MASK_NAME
        """ + GOOD_GRADES_TAIL);

    assertProblem("grades.yaml", 4, "action MASK_NAME does not apply to summary.accountCount (expected one of [ALLOW, OMIT])");
  }

  @Test
  void anUnknownGradeIsReported() throws IOException {
    grades("""
        grades:
          PREMIUM:
            fields: {}
        """);

    assertProblem("grades.yaml", 2, "unknown grade 'PREMIUM' (expected one of BASIC, SUMMARY, DETAIL)");
  }

  @Test
  void aDuplicateRuleIsReported() throws IOException {
    grades("""
        grades:
          BASIC:
            fields:
              subject.name: MASK_NAME
              subject.name: ALLOW
        """ + GOOD_GRADES_TAIL);

    assertProblem("grades.yaml", 5, "duplicate rule for subject.name in grade BASIC");
  }

  @Test
  void aMissingGradeIsReported() throws IOException {
    grades("""
        grades:
          BASIC:
            fields: {}
        """);

    assertProblem("grades.yaml", 2, "grade SUMMARY is not defined (list its fields, or 'fields: {}')");
  }

  @Test
  void anUnknownCategoryIsReported() throws IOException {
    Files.writeString(folder.resolve("categories.yaml"), """
        categories:
          GOSSIP:
            labels: {zh: 八卦, en: Gossip}
            display-years: 1
        """);

    assertThatThrownBy(() -> PolicyBundle.load(folder)).isInstanceOf(PolicyException.class)
        .hasMessageStartingWith(folder.resolve("categories.yaml") + ":2: unknown category 'GOSSIP'");
  }

  @Test
  void negativeInformationMustHaveADisplayPeriod() throws IOException {
    String shipped = Files.readString(SHIPPED.resolve("categories.yaml"));
    int start = shipped.indexOf("COURT_JUDGMENT:");
    int years = shipped.indexOf("display-years: 5", start);
    int line = lineOf(shipped, years);
    Files.writeString(folder.resolve("categories.yaml"),
        shipped.substring(0, years) + "display-years: unlimited" + shipped.substring(years + "display-years: 5".length()));

    assertProblem("categories.yaml", line, "negative information (COURT_JUDGMENT) must have a display period in years");
  }

  @Test
  void theShippedRepairRulesAreTheDocumentedExamples() {
    PolicyBundle bundle = PolicyBundle.load(folder);
    RepairRule tax = bundle.repairRule(InformationCategory.TAX_ARREARS).orElseThrow();
    assertThat(tax.earliestAfter()).isEqualTo(java.time.Period.ofMonths(3));
    assertThat(tax.outcome()).isEqualTo(org.consentgateway.records.RepairOutcome.HIDDEN);
    assertThat(tax.possibleFrom(java.time.LocalDate.of(2026, 1, 31))).isEqualTo(java.time.LocalDate.of(2026, 4, 30));
    assertThat(bundle.repairRule(InformationCategory.COURT_JUDGMENT).orElseThrow().outcome())
        .isEqualTo(org.consentgateway.records.RepairOutcome.ANNOTATED);
    assertThat(bundle.repairRule(InformationCategory.ENFORCEMENT)).as("possible: false").isEmpty();
    assertThat(bundle.repairRule(InformationCategory.NEGATIVE_ACCOUNT)).as("accounts are not repaired").isEmpty();
  }

  @Test
  void aRepairPeriodThatIsNotAnIsoPeriodIsReported() throws IOException {
    int line = replaceInCategories("earliest-after: P3M", "earliest-after: three months");

    assertProblem("categories.yaml", line, "earliest-after must be an ISO-8601 period such as P3M or P1Y");
  }

  @Test
  void anUnknownRepairOutcomeIsReported() throws IOException {
    int line = replaceInCategories("outcome: hidden", "outcome: erased");

    assertProblem("categories.yaml", line, "outcome must be hidden or annotated, not 'erased'");
  }

  @Test
  void aRepairWithoutEvidenceIsReported() throws IOException {
    String shipped = Files.readString(folder.resolve("categories.yaml"));
    int start = shipped.indexOf("TAX_ARREARS:");
    int evidence = shipped.indexOf("      evidence:", start);
    int end = shipped.indexOf('\n', evidence) + 1;
    int repair = shipped.indexOf("    repair:", start);
    Files.writeString(folder.resolve("categories.yaml"), shipped.substring(0, evidence) + shipped.substring(end));

    assertProblem("categories.yaml", lineOf(shipped, repair) + 1, "the repair of TAX_ARREARS has no 'evidence'");
  }

  @Test
  void anAccountCategoryCannotAllowRepair() throws IOException {
    String shipped = Files.readString(folder.resolve("categories.yaml"));
    int start = shipped.indexOf("NEGATIVE_ACCOUNT:");
    int years = shipped.indexOf("display-years: 5", start);
    int end = shipped.indexOf('\n', years) + 1;
    String block = "    repair:\n      possible: true\n      earliest-after: P1Y\n      evidence: {zh: 证明, en: Proof}\n"
        + "      max-attachment-bytes: 1000\n      outcome: hidden\n";
    Files.writeString(folder.resolve("categories.yaml"), shipped.substring(0, end) + block + shipped.substring(end));

    assertProblem("categories.yaml", lineOf(shipped, end) + 1, "repair applies to public records only, not to NEGATIVE_ACCOUNT");
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    Files.delete(folder.resolve("grades.yaml"));

    assertThatThrownBy(() -> PolicyBundle.load(folder)).isInstanceOf(PolicyException.class)
        .hasMessageStartingWith(folder.resolve("grades.yaml") + ": missing");
  }

  /** Replaces the first {@code from} in the shipped categories.yaml; returns its line. */
  private int replaceInCategories(String from, String to) throws IOException {
    String shipped = Files.readString(folder.resolve("categories.yaml"));
    int at = shipped.indexOf(from);
    Files.writeString(folder.resolve("categories.yaml"), shipped.substring(0, at) + to + shipped.substring(at + from.length()));
    return lineOf(shipped, at);
  }

  private void grades(String text) throws IOException {
    Files.writeString(folder.resolve("grades.yaml"), text);
  }

  private void assertProblem(String file, int line, String problem) {
    assertThatThrownBy(() -> PolicyBundle.load(folder)).isInstanceOf(PolicyException.class)
        .hasMessage(folder.resolve(file) + ":" + line + ": " + problem);
  }

  private static int lineOf(String text, int offset) {
    String before = text.substring(0, offset);
    return (int) before.chars().filter(c -> c == '\n').count() + 1;
  }
}
