package org.consentgateway.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.consentgateway.value.InvalidIdentifierException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResidentIdNumberTest {

  private static final String VALID = "11010519491231002X";

  @Test
  void parsesAValidNumberAndReadsItsParts() {
    ResidentIdNumber id = ResidentIdNumber.parse(VALID);

    assertThat(id.value()).isEqualTo(VALID);
    assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    assertThat(id.sex()).isEqualTo(Sex.FEMALE); // 17th digit 2 is even
    assertThat(ResidentIdNumber.isValid(VALID)).isTrue();
  }

  @Test
  void acceptsLowerCaseXAndNormalisesIt() {
    ResidentIdNumber id = ResidentIdNumber.parse("11010519491231002x");

    assertThat(id.value()).isEqualTo(VALID);
    assertThat(id).isEqualTo(ResidentIdNumber.parse(VALID));
  }

  @Test
  void buildsANumberWithItsCheckCharacter() {
    ResidentIdNumber id = ResidentIdNumber.of("110105", LocalDate.of(1949, 12, 31), 2);

    assertThat(id.value()).isEqualTo(VALID);
  }

  @Test
  void oddSequenceMeansMale() {
    ResidentIdNumber id = ResidentIdNumber.of("440305", LocalDate.of(1990, 2, 28), 123);

    assertThat(id.sex()).isEqualTo(Sex.MALE);
    assertThat(ResidentIdNumber.isValid(id.value())).isTrue();
  }

  @Test
  void everyBuiltNumberValidates() {
    LocalDate date = LocalDate.of(1900, 1, 1);
    for (int sequence = 0; sequence < 1000; sequence += 7) {
      ResidentIdNumber id = ResidentIdNumber.of("310115", date.plusDays(sequence * 41L), sequence);
      assertThat(ResidentIdNumber.parse(id.value())).isEqualTo(id);
    }
  }

  @Test
  void printsOnlyTheMaskedForm() {
    ResidentIdNumber id = ResidentIdNumber.parse(VALID);

    assertThat(id.masked()).isEqualTo("110105********002X");
    assertThat(id.toString()).isEqualTo("110105********002X");
    assertThat("subject " + id).doesNotContain("19491231");
  }

  @Test
  void rejectsAWrongCheckCharacter() {
    assertRejected("110105194912310021", Reason.BAD_CHECK_CHARACTER, "check character");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "110105194902300025", // 30 February
      "110105194913010021", // month 13
      "110105194900010021", // month 00
      "110105189912310021", // before 1900
  })
  void rejectsABirthDateThatIsNotAPlausibleCalendarDate(String text) {
    InvalidIdentifierException e = catchThrowableOfType(InvalidIdentifierException.class, () -> ResidentIdNumber.parse(text));

    assertThat(e.reason()).isEqualTo(Reason.BAD_BIRTH_DATE);
    assertThat(e.getMessage()).contains("birth date").doesNotContain(text);
  }

  @Test
  void rejectsABirthDateInTheFuture() {
    LocalDate nextYear = LocalDate.now().plusYears(1);
    String first17 = "110105" + nextYear.format(DateTimeFormatter.BASIC_ISO_DATE) + "002";

    assertRejected(first17 + "X", Reason.BAD_BIRTH_DATE, "future");
    assertThatThrownBy(() -> ResidentIdNumber.of("110105", nextYear, 2))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("future");
  }

  @Test
  void rejectsLettersInTheDigitPart() {
    assertRejected("1101051949A231002X", Reason.BAD_CHARACTER, "digits");
    assertRejected("11010519491231002Y", Reason.BAD_CHARACTER, "digit or X");
  }

  @Test
  void rejectsARegionCodeStartingWithZero() {
    assertRejected("010105194912310021", Reason.BAD_REGION_CODE, "region code");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "11010519491231002", "11010519491231002X0", "110105491231002"})
  void rejectsTheWrongLength(String text) {
    assertRejected(text, Reason.WRONG_LENGTH, "18 characters");
  }

  @Test
  void rejectsNothing() {
    assertThat(ResidentIdNumber.isValid(null)).isFalse();
    assertThatThrownBy(() -> ResidentIdNumber.parse(null))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessage("resident ID number is missing");
  }

  private static void assertRejected(String text, Reason reason, String messagePart) {
    InvalidIdentifierException e = catchThrowableOfType(InvalidIdentifierException.class, () -> ResidentIdNumber.parse(text));

    assertThat(e).as("rejection of a %d-character input", text.length()).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.getMessage()).contains(messagePart);
    if (!text.isEmpty()) {
      assertThat(e.getMessage()).doesNotContain(text);
    }
    assertThat(ResidentIdNumber.isValid(text)).isFalse();
  }
}
