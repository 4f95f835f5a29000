package org.consentgateway.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.consentgateway.value.InvalidIdentifierException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTest {

  private static final String VALID = "91350100M000100Y43";

  @Test
  void parsesAValidCode() {
    UnifiedSocialCreditCode code = UnifiedSocialCreditCode.parse(VALID);

    assertThat(code.value()).isEqualTo(VALID);
    assertThat(code.regionCode()).isEqualTo("350100");
    assertThat(code.toString()).isEqualTo(VALID); // not personal data
    assertThat(UnifiedSocialCreditCode.isValid(VALID)).isTrue();
  }

  @Test
  void completesTheFirst17CharactersWithTheCheckCharacter() {
    assertThat(UnifiedSocialCreditCode.of("91350100M000100Y4").value()).isEqualTo(VALID);
  }

  @Test
  void aCheckValueOf31IsWrittenAsZero() {
    // Position 17 has weight 28, coprime to 31, so exactly one of its 31 characters makes the
    // weighted sum a multiple of 31: the check value is then 31, written as 0.
    String found = null;
    for (char c : UnifiedSocialCreditCode.ALPHABET.toCharArray()) {
      UnifiedSocialCreditCode code = UnifiedSocialCreditCode.of("91110000MA00000" + "1" + c);
      if (code.value().endsWith("0")) {
        found = code.value();
      }
    }
    assertThat(found).isNotNull();
    assertThat(UnifiedSocialCreditCode.isValid(found)).isTrue();
  }

  @Test
  void rejectsAWrongCheckCharacter() {
    assertRejected("91350100M000100Y44", Reason.BAD_CHECK_CHARACTER, "check character");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "91350100I000100Y43", // I looks like 1
      "91350100O000100Y43", // O looks like 0
      "91350100Z000100Y43", // Z looks like 2
      "91350100S000100Y43", // S looks like 5
      "91350100V000100Y43", // V looks like U
      "91350100m000100Y43", // lower case
      "91350100M000100Y4-",
  })
  void rejectsCharactersOutsideTheAlphabet(String text) {
    assertRejected(text, Reason.BAD_CHARACTER, "alphabet");
  }

  @Test
  void namesThePositionOfTheBadCharacter() {
    assertThat(catchThrowableOfType(InvalidIdentifierException.class, () -> UnifiedSocialCreditCode.parse("91350100I000100Y43")))
        .hasMessageContaining("position 9");
  }

  @Test
  void rejectsLettersInTheRegionCode() {
    assertRejected("9135A100M000100Y43", Reason.BAD_REGION_CODE, "positions 3-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "91350100M000100Y4", "91350100M000100Y430"})
  void rejectsTheWrongLength(String text) {
    assertRejected(text, Reason.WRONG_LENGTH, "18 characters");
  }

  @Test
  void rejectsNothing() {
    assertThat(UnifiedSocialCreditCode.isValid(null)).isFalse();
    assertThatThrownBy(() -> UnifiedSocialCreditCode.parse(null)).isInstanceOf(InvalidIdentifierException.class);
  }

  private static void assertRejected(String text, Reason reason, String messagePart) {
    InvalidIdentifierException e = catchThrowableOfType(InvalidIdentifierException.class, () -> UnifiedSocialCreditCode.parse(text));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).contains(messagePart);
    if (!text.isEmpty()) {
      assertThat(e.getMessage()).doesNotContain(text);
    }
    assertThat(UnifiedSocialCreditCode.isValid(text)).isFalse();
  }
}
