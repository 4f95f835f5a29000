package org.consentgateway.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.Test;

class SyntheticCreditDataTest {

  private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

  private static List<CreditFile> generate(long seed, int count) {
    SyntheticCreditData generator = new SyntheticCreditData(seed, AS_OF);
    List<CreditFile> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(generator.next());
    }
    return files;
  }

  @Test
  void theSameSeedGivesTheSameDataByteForByte() {
    List<String> first = generate(42, 200).stream().map(f -> CreditFileJson.toJson(f).toString()).toList();
    List<String> second = generate(42, 200).stream().map(f -> CreditFileJson.toJson(f).toString()).toList();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void anotherSeedGivesOtherData() {
    assertThat(generate(1, 20)).isNotEqualTo(generate(2, 20));
  }

  @Test
  void everySubjectIsValidAndUnique() {
    List<CreditFile> files = generate(7, 5000);
    Set<String> ids = new HashSet<>();
    Set<java.util.UUID> recordIds = new HashSet<>();

    for (CreditFile file : files) {
      assertThat(ResidentIdNumber.isValid(file.identity().idNumber().value())).isTrue();
      assertThat(ids.add(file.identity().idNumber().value())).isTrue();
      file.accounts().forEach(a -> assertThat(recordIds.add(a.id())).isTrue());
      file.publicRecords().forEach(r -> assertThat(recordIds.add(r.id())).isTrue());
      // Every generated line passes the import's own validation.
      assertThat(CreditFileJson.parse(CreditFileJson.toJson(file).toString()).problems()).isEmpty();
    }
  }

  @Test
  void theMixLooksLikeRealCreditFiles() {
    List<CreditFile> files = generate(11, 10_000);

    long clean = files.stream().filter(f -> f.accounts().stream().noneMatch(CreditAccount::negative) && f.publicRecords().isEmpty()).count();
    long overdueNow = files.stream().filter(f -> f.accounts().stream().anyMatch(a -> a.status() == AccountStatus.OVERDUE)).count();
    long badDebt = files.stream().filter(f -> f.accounts().stream()
        .anyMatch(a -> a.status() == AccountStatus.DEFAULT || a.status() == AccountStatus.WRITTEN_OFF)).count();
    long withPublicRecords = files.stream().filter(f -> !f.publicRecords().isEmpty()).count();

    assertThat(clean).isBetween(6_500L, 8_000L);
    assertThat(overdueNow).isBetween(300L, 800L);
    assertThat(badDebt).isBetween(200L, 700L);
    assertThat(withPublicRecords).isBetween(200L, 700L);
  }

  @Test
  void someNegativeInformationIsOlderThanTheFiveYearDisplayPeriodAndSomeIsNot() {
    LocalDate fiveYearsAgo = AS_OF.minusYears(5);
    List<LocalDate> ends = generate(3, 5000).stream()
        .flatMap(f -> f.accounts().stream())
        .flatMap(a -> a.negativeEndedOn().stream())
        .toList();

    assertThat(ends).anyMatch(d -> d.isBefore(fiveYearsAgo)).anyMatch(d -> d.isAfter(fiveYearsAgo));
    assertThat(ends).allMatch(d -> !d.isAfter(AS_OF));
  }

  @Test
  void datesSpreadOverTenYearsAndNeverLieInTheFuture() {
    List<CreditAccount> accounts = generate(5, 3000).stream().flatMap(f -> f.accounts().stream()).toList();

    assertThat(accounts).allMatch(a -> !a.openedOn().isAfter(AS_OF) && a.openedOn().isAfter(AS_OF.minusYears(10).minusDays(1)));
    assertThat(accounts).anyMatch(a -> a.openedOn().isBefore(AS_OF.minusYears(8)));
    assertThat(accounts).allMatch(a -> a.closedOn().map(d -> !d.isAfter(AS_OF)).orElse(true));
  }
}
