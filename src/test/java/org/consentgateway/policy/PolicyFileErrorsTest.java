package org.consentgateway.policy;

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
  void aMissingFileIsNamed() throws IOException {
    Files.delete(folder.resolve("grades.yaml"));

    assertThatThrownBy(() -> PolicyBundle.load(folder)).isInstanceOf(PolicyException.class)
        .hasMessageStartingWith(folder.resolve("grades.yaml") + ": missing");
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
