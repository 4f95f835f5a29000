package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.policy.CreditFileFixture.ID_NUMBER;
import static org.consentgateway.policy.CreditFileFixture.NAME;
import static org.consentgateway.policy.CreditFileFixture.TODAY;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STYLE habit 10: for the fixture subject, the exact JSON of every grade each shipped purpose
 * allows, one file per pair: {@code src/test/resources/golden/<PURPOSE>-<GRADE>.json}. Each
 * pair is projected with its purpose's own {@code max-data-window-months} as the consent's data
 * window, so files of one grade differ between purposes where the windows drop different records.
 * With the shipped policies they differ once: the fixture's court judgment ended 2022-09-15,
 * outside the 24-month window of POST_LOAN_MANAGEMENT, whose SUMMARY counts no public record. Its
 * closed loan ended exactly at that window's start and stays (the boundary is inclusive); the
 * 12-month window of MERCHANT_VERIFICATION drops it, but BASIC shows no records to tell. Every
 * DETAIL purpose has the 60-month window, so their files are alike.
 *
 * <p>The files are reviewed by eye. After a deliberate change to the policies, the fixture or the
 * projection, rewrite them instead of comparing, then review the diff:
 *
 * <pre>{@code ./mvnw -B -o test -Dtest=ProjectionGoldenTest -Dgolden.update=true}</pre>
 */
class ProjectionGoldenTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PolicyBundle BUNDLE = PolicyBundle.load(Path.of("policies"));

  /** A purpose and one grade its max-grade includes; named as its golden file is. */
  record Pair(Purpose purpose, Grade grade) {

    Disclosure project() {
      return BUNDLE.project(CreditFileFixture.file(), grade, TODAY, purpose.maxDataWindowMonths());
    }

    String fileName() {
      return purpose.code() + "-" + grade + ".json";
    }

    @Override
    public String toString() {
      return purpose.code() + " at " + grade + ", " + purpose.maxDataWindowMonths() + " months";
    }
  }

  static Stream<Pair> pairs() {
    return BUNDLE.purposes().all().stream()
        .flatMap(purpose -> Stream.of(Grade.values()).filter(purpose.maxGrade()::includes)
            .map(grade -> new Pair(purpose, grade)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void eachPurposeAndGradeYieldsItsGoldenJson(Pair pair) throws IOException {
    Disclosure disclosure = pair.project();
    // Shaped like the query answer of docs/api.md, less the members the query adds (queryId, auditIndex, ...).
    ObjectNode answer = disclosure.report().deepCopy();
    answer.set("disclosedFields", JSON.valueToTree(disclosure.disclosedFields()));
    String actual = pretty(answer);

    Path golden = GOLDEN.resolve(pair.fileName());
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file, written with -Dgolden.update=true").exists();
    assertThat(actual).isEqualTo(normalise(Files.readString(golden, StandardCharsets.UTF_8)));
  }

  /** A purpose or grade withdrawn from the policies leaves no golden file behind that nothing checks. */
  @Test
  void theGoldenFolderHoldsExactlyOneFilePerPair() throws IOException {
    List<String> files;
    try (Stream<Path> listing = Files.list(GOLDEN)) {
      files = listing.map(path -> path.getFileName().toString()).toList();
    }

    assertThat(files).containsExactlyInAnyOrderElementsOf(pairs().map(Pair::fileName).toList());
  }

  /** Guards the claim of the class comment: the windows really do make the files differ. */
  @Test
  void aShorterDataWindowDropsTheEndedJudgment() {
    Purpose wide = BUNDLE.purposes().find("INSURANCE_REVIEW").orElseThrow();
    Purpose narrow = BUNDLE.purposes().find("POST_LOAN_MANAGEMENT").orElseThrow();

    assertThat(new Pair(wide, Grade.SUMMARY).project().report().at("/summary/publicRecordCount").asInt()).isEqualTo(1);
    assertThat(new Pair(narrow, Grade.SUMMARY).project().report().at("/summary/publicRecordCount").asInt()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void exactlyThePlannedFieldsAppearAndTheyAreListed(Pair pair) {
    ProjectionPlan plan = BUNDLE.plan(pair.grade());
    Disclosure disclosure = pair.project();

    List<String> present = leafPaths(disclosure.report());
    assertThat(plan.fieldPaths()).containsAll(present);
    assertThat(disclosure.disclosedFields()).containsExactlyInAnyOrderElementsOf(present);
    assertThat(disclosure.report().findValues("negativeEndedOn")).isEmpty();
    // A field not permitted, or without a value, is absent: never present as null.
    assertThat(leafValues(disclosure.report())).noneMatch(JsonNode::isNull);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void noPairRevealsTheRawNameOrIdNumber(Pair pair) {
    String body = pair.project().report().toString();

    assertThat(body).doesNotContain(NAME, ID_NUMBER, CreditFileFixture.PHONE, CreditFileFixture.ADDRESS,
        NAME.substring(1), ID_NUMBER.substring(6, 14));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void gradesAddSectionsOnlyAsPermitted(Pair pair) {
    Grade grade = pair.grade();
    JsonNode report = pair.project().report();

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
      String prefix = section.getKey() + (section.getValue().isArray() ? "[]" : "");
      for (JsonNode object : objects(section.getValue())) {
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

  /** Every field value of a report, each record of each array section included. */
  private static List<JsonNode> leafValues(JsonNode report) {
    List<JsonNode> values = new ArrayList<>();
    report.forEach(section -> objects(section).forEach(object -> object.forEach(values::add)));
    return values;
  }

  /** A section's objects: itself, or the records of an array section. */
  private static List<JsonNode> objects(JsonNode section) {
    List<JsonNode> objects = new ArrayList<>();
    if (section.isArray()) {
      section.forEach(objects::add);
    } else {
      objects.add(section);
    }
    return objects;
  }

  static String pretty(JsonNode node) throws JsonProcessingException {
    return normalise(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node)) + "\n";
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n");
  }
}
