package org.consentgateway.value;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.consentgateway.value.InvalidIdentifierException.Reason;

/**
 * A citizen's 18-character resident identity number (公民身份号码) as defined by GB 11643-1999:
 * a 6-digit region code, the 8-digit birth date {@code YYYYMMDD}, a 3-digit sequence code whose
 * last digit encodes sex, and a check character computed with ISO 7064 MOD 11-2.
 *
 * <p>{@link #value()} is the raw number and is personal data: hand it only to code that must have
 * it (pseudonymisation, encryption). {@link #toString()} prints the masked form, so the raw number
 * cannot leak through string concatenation or logging.
 */
public record ResidentIdNumber(String value) {

  public static final int LENGTH = 18;

  /** Birth dates before this are rejected as implausible. */
  public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

  // ISO 7064 MOD 11-2 as tabulated in GB 11643-1999 §7: weight of position i is 2^(17-i) mod 11.
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK_CHARACTERS = "10X98765432";

  /** Validates {@code value}; a lower-case {@code x} check character is normalised to {@code X}. */
  public ResidentIdNumber {
    if (value == null) {
      throw new InvalidIdentifierException(Reason.MISSING, "resident ID number is missing");
    }
    value = normalise(value);
    validate(value);
  }

  /** Parses and validates; throws {@link InvalidIdentifierException} saying what is wrong. */
  public static ResidentIdNumber parse(String text) {
    return new ResidentIdNumber(text);
  }

  /** Whether {@code text} is a valid resident ID number; {@code null} is not. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidIdentifierException e) {
      return false;
    }
  }

  /**
   * Builds a number from its parts and computes the check character; the synthetic data generator
   * uses this to make numbers that validate.
   *
   * @param regionCode six digits, the first 1-9
   * @param birthDate on or after 1900-01-01 and not in the future
   * @param sequence 0-999; odd for men, even for women
   */
  public static ResidentIdNumber of(String regionCode, LocalDate birthDate, int sequence) {
    requireNonNull(regionCode, "regionCode is null");
    requireNonNull(birthDate, "birthDate is null");
    if (sequence < 0 || sequence > 999) {
      throw new IllegalArgumentException("sequence must be 0..999, was " + sequence);
    }
    if (regionCode.length() != 6 || !allDigits(regionCode, 0, 6)) {
      throw new InvalidIdentifierException(Reason.BAD_REGION_CODE, "region code must be 6 digits");
    }
    String first17 = regionCode + String.format("%04d%02d%02d%03d",
        birthDate.getYear(), birthDate.getMonthValue(), birthDate.getDayOfMonth(), sequence);
    return new ResidentIdNumber(first17 + checkCharacter(first17));
  }

  /** The birth date encoded in positions 7-14. */
  public LocalDate birthDate() {
    return LocalDate.of(
        Integer.parseInt(value.substring(6, 10)),
        Integer.parseInt(value.substring(10, 12)),
        Integer.parseInt(value.substring(12, 14)));
  }

  /** The sex encoded in the 17th digit (odd = male). */
  public Sex sex() {
    return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
  }

  /** First 6 and last 4 characters, the rest starred, e.g. {@code 110105********002X}. */
  public String masked() {
    return value.substring(0, 6) + "********" + value.substring(14);
  }

  /** The masked form; the raw number never prints. */
  @Override
  public String toString() {
    return masked();
  }

  private static String normalise(String text) {
    if (text.length() == LENGTH && text.charAt(LENGTH - 1) == 'x') {
      return text.substring(0, LENGTH - 1) + 'X';
    }
    return text;
  }

  private static void validate(String text) {
    if (text.length() != LENGTH) {
      throw new InvalidIdentifierException(Reason.WRONG_LENGTH,
          "resident ID number must be 18 characters, was " + text.length());
    }
    if (!allDigits(text, 0, 17)) {
      throw new InvalidIdentifierException(Reason.BAD_CHARACTER,
          "resident ID number must have digits in positions 1-17");
    }
    char last = text.charAt(17);
    if (!(last >= '0' && last <= '9') && last != 'X') {
      throw new InvalidIdentifierException(Reason.BAD_CHARACTER,
          "resident ID number must end in a digit or X");
    }
    if (text.charAt(0) == '0') {
      throw new InvalidIdentifierException(Reason.BAD_REGION_CODE,
          "resident ID number has a region code starting with 0");
    }
    validateBirthDate(text);
    if (checkCharacter(text) != last) {
      throw new InvalidIdentifierException(Reason.BAD_CHECK_CHARACTER,
          "resident ID number has a wrong check character (ISO 7064 MOD 11-2)");
    }
  }

  private static void validateBirthDate(String text) {
    LocalDate birthDate;
    try {
      birthDate = LocalDate.of(
          Integer.parseInt(text.substring(6, 10)),
          Integer.parseInt(text.substring(10, 12)),
          Integer.parseInt(text.substring(12, 14)));
    } catch (DateTimeException e) {
      throw new InvalidIdentifierException(Reason.BAD_BIRTH_DATE,
          "resident ID number has a birth date that is not a calendar date");
    }
    if (birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
      throw new InvalidIdentifierException(Reason.BAD_BIRTH_DATE,
          "resident ID number has a birth date before 1900-01-01");
    }
    // Today in the easternmost time zone: a child born today anywhere is not "in the future".
    if (birthDate.isAfter(LocalDate.now(ZoneOffset.MAX))) {
      throw new InvalidIdentifierException(Reason.BAD_BIRTH_DATE,
          "resident ID number has a birth date in the future");
    }
  }

  /** The ISO 7064 MOD 11-2 check character over the first 17 characters of {@code text}. */
  private static char checkCharacter(String text) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (text.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARACTERS.charAt(sum % 11);
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
