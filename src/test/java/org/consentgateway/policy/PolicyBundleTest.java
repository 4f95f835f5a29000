package org.consentgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.policy.CreditFileFixture.TODAY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.PublicRecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyBundleTest {

  private static final Path SHIPPED = Path.of("policies");
  private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-0000000000aa");

  @TempDir
  Path folder;

  @Test
  void theShippedBundleLoadsWithAllThreeFiles() {
    PolicyBundle bundle = PolicyBundle.load(SHIPPED);

    assertThat(bundle.purposes().find("LOAN_APPROVAL")).isPresent();
    assertThat(bundle.displayYears(InformationCategory.NEGATIVE_ACCOUNT)).contains(5);
    assertThat(bundle.displayYears(InformationCategory.TAX_ARREARS)).contains(5);
    assertThat(bundle.displayYears(InformationCategory.POSITIVE_ACCOUNT)).isEmpty();
  }

  @Test
  void aPlanIsCompiledOnceAndReused() {
    PolicyBundle bundle = PolicyBundle.load(SHIPPED);

    for (Grade grade : Grade.values()) {
      assertThat(bundle.plan(grade)).isSameAs(bundle.plan(grade));
    }
    assertThat(bundle.plan(Grade.BASIC)).isNotSameAs(bundle.plan(Grade.SUMMARY));
  }

  @Test
  void higherGradesIncludeTheFieldsOfLowerOnes() {
    PolicyBundle bundle = PolicyBundle.load(SHIPPED);

    assertThat(bundle.plan(Grade.BASIC).fieldPaths()).containsExactly("subject.name", "subject.idNumber", "summary.hasRecords");
    assertThat(bundle.plan(Grade.SUMMARY).fieldPaths()).containsAll(bundle.plan(Grade.BASIC).fieldPaths());
    assertThat(bundle.plan(Grade.DETAIL).fieldPaths()).containsAll(bundle.plan(Grade.SUMMARY).fieldPaths())
        .contains("accounts[].lender", "publicRecords[].authority")
        .doesNotContain("accounts[].negativeEndedOn");
  }

  @Test
  void onlyDetailIsSensitive() {
    PolicyBundle bundle = PolicyBundle.load(SHIPPED);

    assertThat(bundle.plan(Grade.BASIC).sensitive()).isFalse();
    assertThat(bundle.plan(Grade.SUMMARY).sensitive()).isFalse();
    assertThat(bundle.plan(Grade.DETAIL).sensitive()).isTrue();
  }

  @Test
  void theVersionIsTheSha256OfTheFilesAndChangesWithAnyByte() throws IOException {
    copyShipped();
    String version = PolicyBundle.load(folder).version();

    assertThat(version).matches("[0-9a-f]{64}").isEqualTo(PolicyBundle.load(SHIPPED).version());
    Files.writeString(folder.resolve("categories.yaml"), "\n", StandardOpenOption.APPEND);
    assertThat(PolicyBundle.load(folder).version()).isNotEqualTo(version);
  }

  @Test
  void aNegativeRecordEndedFiveYearsAndOneDayAgoIsGoneOneEndedFourYears364DaysAgoStays() {
    PolicyBundle bundle = PolicyBundle.load(SHIPPED);
    UUID expired = UUID.fromString("00000000-0000-4000-8000-0000000000e1");
    UUID shown = UUID.fromString("00000000-0000-4000-8000-0000000000e2");
    UUID anniversary = UUID.fromString("00000000-0000-4000-8000-0000000000e3");
    CreditFile file = CreditFileFixture.withAccounts(List.of(
        CreditFileFixture.openAccount(expired, Optional.of(TODAY.minusYears(5).minusDays(1))),
        CreditFileFixture.openAccount(shown, Optional.of(TODAY.minusYears(4).minusDays(364))),
        CreditFileFixture.openAccount(anniversary, Optional.of(TODAY.minusYears(5)))),
        List.of(judgment(ID, TODAY.minusYears(5).minusDays(1))));

    Disclosure disclosure = bundle.project(file, Grade.DETAIL, TODAY, 120);

    assertThat(disclosure.report().get("accounts").findValuesAsText("id"))
        .containsExactly(shown.toString(), anniversary.toString());
    assertThat(disclosure.report().get("publicRecords")).isEmpty();
    assertThat(disclosure.report().at("/summary/accountCount").asInt()).isEqualTo(2);
    assertThat(disclosure.report().at("/summary/publicRecordCount").asInt()).isZero();
  }

  @Test
  void anOngoingNegativeRecordIsAlwaysShown() {
    CreditFile file = CreditFileFixture.withAccounts(List.of(), List.of(
        new PublicRecord(ID, PublicRecordType.TAX_ARREARS, "税务局", 1, LocalDate.of(2001, 1, 1), Optional.empty())));

    Disclosure disclosure = PolicyBundle.load(SHIPPED).project(file, Grade.DETAIL, TODAY, 12);

    assertThat(disclosure.report().get("publicRecords")).hasSize(1);
  }

  @Test
  void recordsThatEndedBeforeTheDataWindowAreDropped() {
    LocalDate windowStart = TODAY.minusMonths(24);
    UUID inside = UUID.fromString("00000000-0000-4000-8000-0000000000b1");
    UUID outside = UUID.fromString("00000000-0000-4000-8000-0000000000b2");
    UUID old = UUID.fromString("00000000-0000-4000-8000-0000000000b3");
    CreditFile file = CreditFileFixture.withAccounts(List.of(
        closedAccount(inside, windowStart),
        closedAccount(outside, windowStart.minusDays(1)),
        CreditFileFixture.openAccount(old, Optional.empty())),
        List.of(judgment(ID, windowStart.minusDays(1))));

    Disclosure disclosure = PolicyBundle.load(SHIPPED).project(file, Grade.DETAIL, TODAY, 24);

    assertThat(disclosure.report().get("accounts").findValuesAsText("id")).containsExactly(inside.toString(), old.toString());
    assertThat(disclosure.report().get("publicRecords")).isEmpty();
    assertThat(disclosure.disclosedFields()).noneMatch(path -> path.startsWith("publicRecords"));
    assertThat(disclosure.report().at("/summary/hasRecords").asBoolean()).isTrue();
  }

  @Test
  void theCitizensOwnReportShowsEverythingUnmasked() {
    Disclosure disclosure = PolicyBundle.load(SHIPPED).fullReport(CreditFileFixture.file());

    assertThat(disclosure.report().at("/subject/name").asText()).isEqualTo(CreditFileFixture.NAME);
    assertThat(disclosure.report().at("/subject/idNumber").asText()).isEqualTo(CreditFileFixture.ID_NUMBER);
    assertThat(disclosure.report().at("/subject/address").asText()).isEqualTo(CreditFileFixture.ADDRESS);
    assertThat(disclosure.report().at("/summary/totalBalance").asLong()).isEqualTo(432_000);
    assertThat(disclosure.report().get("accounts")).hasSize(3); // the expired mortgage too
    assertThat(disclosure.disclosedFields()).contains("accounts[].negativeEndedOn")
        .containsExactlyInAnyOrderElementsOf(ProjectionGoldenTest.leafPaths(disclosure.report()));
  }

  @Test
  void aHigherGradeMayOverrideOrOmitALowerGradesRule() throws IOException {
    copyShipped();
    Files.writeString(folder.resolve("grades.yaml"), """
        grades:
          BASIC:
            fields:
              subject.name: MASK_NAME
              summary.totalBalance: BAND
          SUMMARY:
            fields:
              summary.totalBalance: ALLOW
          DETAIL:
            fields:
              subject.name: OMIT
        """);
    PolicyBundle bundle = PolicyBundle.load(folder);

    assertThat(bundle.plan(Grade.BASIC).fieldPaths()).containsExactly("subject.name", "summary.totalBalance");
    assertThat(bundle.project(CreditFileFixture.file(), Grade.BASIC, TODAY, 60).report().at("/summary/totalBalance").asText())
        .isEqualTo("10001-50000");
    assertThat(bundle.project(CreditFileFixture.file(), Grade.SUMMARY, TODAY, 60).report().at("/summary/totalBalance").asLong())
        .isEqualTo(12_000);
    assertThat(bundle.plan(Grade.DETAIL).fieldPaths()).containsExactly("summary.totalBalance");
    assertThat(bundle.plan(Grade.DETAIL).sensitive()).isFalse();
  }

  private static CreditAccount closedAccount(UUID id, LocalDate closedOn) {
    return new CreditAccount(id, org.consentgateway.records.AccountType.CREDIT_CARD, "银行", LocalDate.of(2015, 1, 1),
        Optional.of(closedOn), 1, 0, 0, org.consentgateway.records.AccountStatus.CLOSED, "C".repeat(24), Optional.empty());
  }

  private static PublicRecord judgment(UUID id, LocalDate endedOn) {
    return new PublicRecord(id, PublicRecordType.COURT_JUDGMENT, "法院", 1_000, LocalDate.of(2015, 1, 1), Optional.of(endedOn));
  }

  private void copyShipped() throws IOException {
    for (String name : PolicyBundle.FILES) {
      Files.copy(SHIPPED.resolve(name), folder.resolve(name));
    }
  }
}
