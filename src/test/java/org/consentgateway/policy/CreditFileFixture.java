package org.consentgateway.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.records.AccountStatus;
import org.consentgateway.records.AccountType;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.PublicRecordType;
import org.consentgateway.records.SubjectIdentity;
import org.consentgateway.value.ResidentIdNumber;

/** The fixed synthetic subject of the golden files. Change it and the golden files change with it. */
final class CreditFileFixture {

  static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
  static final int WINDOW_MONTHS = 60;
  static final String NAME = "欧阳娜娜";
  static final String ID_NUMBER = "11010519491231002X";
  static final String PHONE = "13812345678";
  static final String ADDRESS = "广东省深圳市南山区科技园路88号";

  static final UUID CARD = UUID.fromString("00000000-0000-4000-8000-000000000001");
  /** Negative, ended two years before {@link #TODAY}: still shown. */
  static final UUID LOAN = UUID.fromString("00000000-0000-4000-8000-000000000002");
  /** Negative, ended six years before {@link #TODAY}: past its display period. */
  static final UUID MORTGAGE = UUID.fromString("00000000-0000-4000-8000-000000000003");
  static final UUID JUDGMENT = UUID.fromString("00000000-0000-4000-8000-000000000004");

  private CreditFileFixture() {}

  static SubjectIdentity identity() {
    return new SubjectIdentity(ResidentIdNumber.parse(ID_NUMBER), NAME, Optional.of(PHONE), Optional.of(ADDRESS));
  }

  static CreditFile file() {
    return new CreditFile(identity(), List.of(
        new CreditAccount(CARD, AccountType.CREDIT_CARD, "招商银行", LocalDate.of(2019, 3, 15), Optional.empty(),
            50_000, 12_000, 0, AccountStatus.NORMAL, "N".repeat(24), Optional.empty()),
        new CreditAccount(LOAN, AccountType.CONSUMER_LOAN, "中国工商银行", LocalDate.of(2021, 1, 10),
            Optional.of(TODAY.minusYears(2)), 30_000, 0, 0, AccountStatus.CLOSED, "NNN12NNNNNNNNNNNNNNNCCCC",
            Optional.of(TODAY.minusYears(2))),
        new CreditAccount(MORTGAGE, AccountType.MORTGAGE, "中国建设银行", LocalDate.of(2012, 8, 1), Optional.empty(),
            800_000, 420_000, 0, AccountStatus.NORMAL, "N".repeat(24), Optional.of(TODAY.minusYears(6)))),
        List.of(new PublicRecord(JUDGMENT, PublicRecordType.COURT_JUDGMENT, "北京市朝阳区人民法院", 15_000,
            LocalDate.of(2022, 3, 1), Optional.of(LocalDate.of(2022, 9, 15)))));
  }

  static CreditAccount openAccount(UUID id, Optional<LocalDate> negativeEndedOn) {
    return new CreditAccount(id, AccountType.CONSUMER_LOAN, "测试银行", LocalDate.of(2010, 1, 1), Optional.empty(), 10_000,
        5_000, 0, AccountStatus.NORMAL, "N".repeat(24), negativeEndedOn);
  }

  static CreditFile withAccounts(List<CreditAccount> accounts, List<PublicRecord> publicRecords) {
    return new CreditFile(identity(), accounts, publicRecords);
  }
}
