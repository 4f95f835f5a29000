package org.consentgateway.value;

import static java.util.Objects.requireNonNull;

import org.consentgateway.value.InvalidIdentifierException.Reason;

/**
 * An organisation's 18-character unified social credit code (统一社会信用代码) as defined by
 * GB 32100-2015: position 1 the registration authority, 2 the organisation type, 3-8 the
 * administrative region code, 9-17 the organisation code, 18 a MOD 31 check character. Every
 * character is from the 31-character alphabet {@value #ALPHABET}, which leaves out I, O, Z, S and
 * V so they cannot be confused with 1, 0, 2, 5 and U.
 *
 * <p>An institution's code is not personal data, so {@link #toString()} prints it.
 */
public record UnifiedSocialCreditCode(String value) {

  public static final int LENGTH = 18;

  /** GB 32100-2015 §4.1, table 1: the characters and, by position, their numeric values 0-30. */
  public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  // GB 32100-2015 §5, weight of position i is 3^(i-1) mod 31.
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  public UnifiedSocialCreditCode {
    if (value == null) {
      throw new InvalidIdentifierException(Reason.MISSING, "unified social credit code is missing");
    }
    validate(value);
  }

  /** Parses and validates; throws {@link InvalidIdentifierException} saying what is wrong. */
  public static UnifiedSocialCreditCode parse(String text) {
    return new UnifiedSocialCreditCode(text);
  }

  /** Whether {@code text} is a valid unified social credit code; {@code null} is not. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (InvalidIdentifierException e) {
      return false;
    }
  }

  /** Completes the first 17 characters with their check character. */
  public static UnifiedSocialCreditCode of(String first17) {
    requireNonNull(first17, "first17 is null");
    if (first17.length() != LENGTH - 1) {
      throw new InvalidIdentifierException(Reason.WRONG_LENGTH,
          "the code without its check character must be 17 characters, was " + first17.length());
    }
    validateCharacters(first17);
    return new UnifiedSocialCreditCode(first17 + checkCharacter(first17));
  }

  /** Positions 3-8, the administrative region code (GB/T 2260). */
  public String regionCode() {
    return value.substring(2, 8);
  }

  @Override
  public String toString() {
    return value;
  }

  private static void validate(String text) {
    if (text.length() != LENGTH) {
      throw new InvalidIdentifierException(Reason.WRONG_LENGTH,
          "unified social credit code must be 18 characters, was " + text.length());
    }
    validateCharacters(text);
    if (checkCharacter(text) != text.charAt(LENGTH - 1)) {
      throw new InvalidIdentifierException(Reason.BAD_CHECK_CHARACTER,
          "unified social credit code has a wrong check character (GB 32100-2015 MOD 31)");
    }
  }

  private static void validateCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (ALPHABET.indexOf(text.charAt(i)) < 0) {
        throw new InvalidIdentifierException(Reason.BAD_CHARACTER,
            "unified social credit code has a character at position " + (i + 1)
                + " that is not in the GB 32100 alphabet (digits and upper-case letters except I, O, Z, S, V)");
      }
    }
    for (int i = 2; i < 8; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new InvalidIdentifierException(Reason.BAD_REGION_CODE,
            "unified social credit code must have digits in positions 3-8 (the region code)");
      }
    }
  }

  /** GB 32100-2015 §5: C18 = 31 - (Σ Ci·Wi mod 31), with 31 written as 0. */
  private static char checkCharacter(String text) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(text.charAt(i)) * WEIGHTS[i];
    }
    int check = 31 - sum % 31;
    return ALPHABET.charAt(check == 31 ? 0 : check);
  }
}
