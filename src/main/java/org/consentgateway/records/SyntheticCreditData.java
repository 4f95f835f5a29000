package org.consentgateway.records;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.records.SyntheticVocabulary.pick;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.consentgateway.records.SyntheticVocabulary.Region;
import org.consentgateway.value.ResidentIdNumber;

/**
 * Realistic, valid, entirely made-up credit data for demos, tests and benchmarks. The output is a
 * function of the seed and the as-of date only: same inputs, same subjects, byte for byte.
 *
 * <p>The mix follows the shape of real credit files: most subjects are clean; some had a few
 * overdue months that were repaid; a few are overdue now; a few have bad debts or public records.
 * Dates spread over ten years before the as-of date, so some negative information is older than
 * the five-year display period and some is not.
 */
public final class SyntheticCreditData {

  private static final int HISTORY_DAYS = 3650;

  private final SplittableRandom random;
  private final LocalDate asOf;
  private final Set<String> issuedIdNumbers = new HashSet<>();

  public SyntheticCreditData(long seed, LocalDate asOf) {
    this.random = new SplittableRandom(seed);
    this.asOf = requireNonNull(asOf, "asOf is null");
  }

  /** The next subject. Not thread-safe: one generator per thread. */
  /** The characters a synthetic surname is one of: what a privacy check looks for in logs and audit entries. */
  public static String surnameCharacters() {
    return SyntheticVocabulary.SURNAMES;
  }

  /** The characters a synthetic given name (one or two of them) is made of. */
  public static String givenNameCharacters() {
    return SyntheticVocabulary.GIVEN;
  }

  public CreditFile next() {
    Region region = pick(random, SyntheticVocabulary.REGIONS);
    SubjectIdentity identity = new SubjectIdentity(
        uniqueIdNumber(region),
        SyntheticVocabulary.name(random),
        random.nextInt(10) < 9 ? Optional.of(SyntheticVocabulary.phone(random)) : Optional.empty(),
        Optional.of(SyntheticVocabulary.address(random, region)));
    Profile profile = Profile.draw(random);
    List<CreditAccount> accounts = new ArrayList<>();
    int accountCount = 1 + random.nextInt(5);
    for (int i = 0; i < accountCount; i++) {
      // The first account carries the subject's negative history, if any; the rest are clean.
      accounts.add(account(i == 0 ? profile : Profile.CLEAN));
    }
    List<PublicRecord> publicRecords = new ArrayList<>();
    if (random.nextInt(100) < 4) {
      publicRecords.add(publicRecord(region));
    }
    return new CreditFile(identity, accounts, publicRecords);
  }

  private enum Profile {
    CLEAN, REPAID_OVERDUE, OVERDUE_NOW, BAD_DEBT;

    static Profile draw(SplittableRandom random) {
      int roll = random.nextInt(100);
      if (roll < 75) {
        return CLEAN;
      }
      if (roll < 91) {
        return REPAID_OVERDUE;
      }
      return roll < 96 ? OVERDUE_NOW : BAD_DEBT;
    }
  }

  private ResidentIdNumber uniqueIdNumber(Region region) {
    while (true) {
      LocalDate birth = LocalDate.of(1955, 1, 1).plusDays(random.nextInt(365 * 48));
      ResidentIdNumber id = ResidentIdNumber.of(region.code(), birth, random.nextInt(1000));
      if (issuedIdNumbers.add(id.value())) {
        return id;
      }
    }
  }

  private CreditAccount account(Profile profile) {
    AccountType type = accountType();
    LocalDate openedOn = asOf.minusDays(60 + random.nextInt(HISTORY_DAYS - 60));
    boolean closed = profile == Profile.CLEAN && random.nextInt(100) < 25;
    Optional<LocalDate> closedOn = closed
        ? Optional.of(openedOn.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(openedOn, asOf))))
        : Optional.empty();
    long limit = creditLimit(type);
    long balance = closed ? 0 : (long) (limit * random.nextDouble() * 0.9);
    AccountStatus status = closed ? AccountStatus.CLOSED : AccountStatus.NORMAL;
    long overdueAmount = 0;
    Optional<LocalDate> negativeEndedOn = Optional.empty();
    char[] history = history(openedOn, closedOn.orElse(asOf));
    switch (profile) {
      case REPAID_OVERDUE -> {
        // Ended anywhere from last month to nine years ago; older episodes left the 24-month string.
        LocalDate ended = latest(openedOn.plusDays(30), asOf.minusDays(30 + random.nextInt(3300)));
        negativeEndedOn = Optional.of(ended);
        markOverdue(history, ended, 1 + random.nextInt(3));
      }
      case OVERDUE_NOW -> {
        status = AccountStatus.OVERDUE;
        int months = 1 + random.nextInt(4);
        overdueAmount = Math.max(100, balance / 10) * months;
        markOverdue(history, asOf, months);
      }
      case BAD_DEBT -> {
        status = random.nextBoolean() ? AccountStatus.DEFAULT : AccountStatus.WRITTEN_OFF;
        overdueAmount = Math.max(1000, balance);
        markOverdue(history, asOf, 7);
        if (random.nextInt(3) == 0) {
          // Settled years ago: the display period runs from the settlement.
          negativeEndedOn = Optional.of(earliest(asOf, latest(openedOn.plusDays(200), asOf.minusDays(365 + random.nextInt(3000)))));
          overdueAmount = 0;
          balance = 0;
        }
      }
      case CLEAN -> { }
    }
    return new CreditAccount(uuid(), type, lender(type), openedOn, closedOn, limit, balance, overdueAmount, status,
        new String(history), negativeEndedOn);
  }

  /**
   * The 24 months up to the as-of month, oldest first: '/' before opening, 'C' after closing, else
   * 'N'. {@code openUntil} is the day the account closed, or the as-of day while it is open.
   */
  private char[] history(LocalDate openedOn, LocalDate openUntil) {
    char[] months = new char[24];
    YearMonth current = YearMonth.from(asOf);
    for (int i = 0; i < 24; i++) {
      YearMonth month = current.minusMonths(23 - i);
      if (month.isBefore(YearMonth.from(openedOn))) {
        months[i] = '/';
      } else if (month.isAfter(YearMonth.from(openUntil))) {
        months[i] = 'C';
      } else {
        months[i] = 'N';
      }
    }
    return months;
  }

  /** Writes an escalating overdue run (1, 2, 3, ...) that ends in the month of {@code endedIn}. */
  private void markOverdue(char[] history, LocalDate endedIn, int months) {
    long lastIndex = 23 - ChronoUnit.MONTHS.between(YearMonth.from(endedIn), YearMonth.from(asOf));
    for (int k = 0; k < months; k++) {
      long index = lastIndex - (months - 1 - k);
      if (index >= 0 && index < 24 && history[(int) index] == 'N') {
        history[(int) index] = (char) ('1' + Math.min(k, 6));
      }
    }
  }

  private PublicRecord publicRecord(Region region) {
    PublicRecordType type = PublicRecordType.values()[random.nextInt(PublicRecordType.values().length)];
    LocalDate filedOn = asOf.minusDays(30 + random.nextInt(HISTORY_DAYS - 30));
    Optional<LocalDate> endedOn = random.nextInt(3) == 0
        ? Optional.empty()
        : Optional.of(earliest(asOf, filedOn.plusDays(30 + random.nextInt(700))));
    String authority = switch (type) {
      case COURT_JUDGMENT, ENFORCEMENT -> SyntheticVocabulary.court(region);
      case TAX_ARREARS -> SyntheticVocabulary.taxBureau(region);
      case ADMINISTRATIVE_PENALTY -> SyntheticVocabulary.marketRegulator(region);
    };
    long amount = 1000L * (1 + random.nextInt(500));
    return new PublicRecord(uuid(), type, authority, amount, filedOn, endedOn);
  }

  private AccountType accountType() {
    int roll = random.nextInt(100);
    if (roll < 45) {
      return AccountType.CREDIT_CARD;
    }
    if (roll < 65) {
      return AccountType.CONSUMER_LOAN;
    }
    if (roll < 82) {
      return AccountType.MORTGAGE;
    }
    return roll < 94 ? AccountType.AUTO_LOAN : AccountType.BUSINESS_LOAN;
  }

  private long creditLimit(AccountType type) {
    return switch (type) {
      case CREDIT_CARD -> 1000L * (5 + random.nextInt(96));
      case CONSUMER_LOAN -> 1000L * (10 + random.nextInt(191));
      case MORTGAGE -> 10_000L * (50 + random.nextInt(451));
      case AUTO_LOAN -> 10_000L * (5 + random.nextInt(36));
      case BUSINESS_LOAN -> 10_000L * (10 + random.nextInt(291));
    };
  }

  private String lender(AccountType type) {
    return type == AccountType.CONSUMER_LOAN && random.nextBoolean()
        ? pick(random, SyntheticVocabulary.CONSUMER_FINANCE)
        : pick(random, SyntheticVocabulary.BANKS);
  }

  /** A version-4 UUID drawn from the seeded generator, so record ids are reproducible too. */
  private UUID uuid() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low);
  }

  private static LocalDate latest(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate earliest(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
