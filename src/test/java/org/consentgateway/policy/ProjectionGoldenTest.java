package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.policy.CreditFileFixture.ID_NUMBER;
import static org.consentgateway.policy.CreditFileFixture.NAME;
import static org.consentgateway.policy.CreditFileFixture.TODAY;
import static org.consentgateway.policy.CreditFileFixture.WINDOW_MONTHS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * STYLE habit 10: for the fixture subject, the exact JSON each grade yields. The golden files are
 * reviewed by eye; regenerate them with {@code -Dgolden.update=true} after a deliberate change.
 */
class ProjectionGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static PolicyBundle bundle;

  @BeforeAll
  static void loadShippedPolicies() {
    bundle = PolicyBundle.load(Path.of("policies"));
  }

  @ParameterizedTest
  @EnumSource(Grade.class)
  void eachGradeYieldsItsGoldenJson(Grade grade) throws IOException {
    Disclosure disclosure = bundle.project(CreditFileFixture.file(), grade, TODAY, WINDOW_MONTHS);
    // Shaped like the query answer of API.md, less the members the query adds (queryId, auditIndex, ...).
    ObjectNode answer = disclosure.report().deepCopy();
    answer.set("disclosedFields", JSON.valueToTree(disclosure.disclosedFields()));
    String actual = pretty(answer);

    Path golden = GOLDEN.resolve("projection-" + grade + ".json");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(normalise(Files.readString(golden, StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @EnumSource(Grade.class)
  void exactlyThePlannedFieldsAppearAndTheyAreListed(Grade grade) {
    ProjectionPlan plan = bundle.plan(grade);
    Disclosure disclosure = plan.apply(CreditFileFixture.file(), TODAY, WINDOW_MONTHS);

    List<String> present = leafPaths(disclosure.report());
    assertThat(plan.fieldPaths()).containsAll(present);
    assertThat(disclosure.disclosedFields()).containsExactlyInAnyOrderElementsOf(present);
    assertThat(disclosure.report().findValues("negativeEndedOn")).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Grade.class)
  void noGradeRevealsTheRawNameOrIdNumber(Grade grade) {
    String body = bundle.project(CreditFileFixture.file(), grade, TODAY, WINDOW_MONTHS).report().toString();

    assertThat(body).doesNotContain(NAME, ID_NUMBER, CreditFileFixture.PHONE, CreditFileFixture.ADDRESS,
        NAME.substring(1), ID_NUMBER.substring(6, 14));
  }

  @ParameterizedTest
  @EnumSource(Grade.class)
  void gradesAddSectionsOnlyAsPermitted(Grade grade) {
    JsonNode report = bundle.project(CreditFileFixture.file(), grade, TODAY, WINDOW_MONTHS).report();

    assertThat(report.has("subject")).isTrue();
    assertThat(report.get("summary").has("accountCount")).isEqualTo(grade.includes(Grade.SUMMARY));
    assertThat(report.has("accounts")).isEqualTo(grade.includes(Grade.DETAIL));
    assertThat(report.has("publicRecords")).isEqualTo(grade.includes(Grade.DETAIL));
  }

  /** Every field path present in a report, arrays written {@code accounts[].x}, without repeats. */
  static List<String> leafPaths(JsonNode report) {
    List<String> paths = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> sections = report.fields(); sections.hasNext(); ) {
      Map.Entry<String, JsonNode> section = sections.next();
      List<JsonNode> objects = new ArrayList<>();
      String prefix = section.getKey();
      if (section.getValue().isArray()) {
        prefix += "[]";
        section.getValue().forEach(objects::add);
      } else {
        objects.add(section.getValue());
      }
      for (JsonNode object : objects) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
          String path = prefix + "." + names.next();
          if (!paths.contains(path)) {
            paths.add(path);
          }
        }
      }
    }
    return paths;
  }

  static String pretty(JsonNode node) throws JsonProcessingException {
    return normalise(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node)) + "\n";
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n");
  }
}
