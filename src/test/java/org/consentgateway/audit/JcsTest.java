package org.consentgateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JcsTest {

  @Test
  void sortsMembersByUtf16CodeUnitsAsRfc8785Section323Shows() {
    String input = """
        {
          "\\u20ac": "Euro Sign",
          "\\r": "Carriage Return",
          "\\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\\ud83d\\ude00": "Emoji: Grinning Face",
          "\\u0080": "Control",
          "\\u00f6": "Latin Small Letter O With Diaeresis"
        }""";

    assertThat(canonical(input)).isEqualTo(
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
            + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
            + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void escapesStringsAsRfc8785Section3222Shows() {
    String input = "{\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}";

    assertThat(canonical(input)).isEqualTo("{\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
  }

  @Test
  void keepsLiteralsAndDropsWhitespaceAsRfc8785Section322Shows() {
    String input = "{\n  \"literals\": [null, true, false],\n  \"string\": \"\\u20ac$\"\n}";

    assertThat(canonical(input)).isEqualTo("{\"literals\":[null,true,false],\"string\":\"\u20ac$\"}");
  }

  @Test
  void usesShortEscapesAndLowerCaseHexForOtherControls() {
    assertThat(canonical("[\"\\b\\f\\n\\r\\t\\u0001\\u001F\\u007f\"]"))
        .isEqualTo("[\"\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\"]");
  }

  @Test
  void sortsNestedObjectsButKeepsArrayOrder() {
    assertThat(canonical("{\"b\": [3, 1, {\"z\": 0, \"a\": -7}], \"a\": {}}"))
        .isEqualTo("{\"a\":{},\"b\":[3,1,{\"a\":-7,\"z\":0}]}");
  }

  @Test
  void writesIntegersUpToTwoToThe53AsPlainDecimals() {
    assertThat(canonical("[0, -0, 9007199254740991, -9007199254740991]"))
        .isEqualTo("[0,0,9007199254740991,-9007199254740991]");
  }

  @Test
  void escapesWhatFollowsPlainTextAsIfItStartedTheString() {
    assertThat(canonical("[\"plain\\u0001\\n\\\"end\", \"plain\\ud83d\\ude00\"]"))
        .isEqualTo("[\"plain\\u0001\\n\\\"end\",\"plain\ud83d\ude00\"]");
    assertThatThrownBy(() -> canonical("[\"plain\\ud800\"]")).isInstanceOf(AuditFormatException.class);
  }

  @Test
  void refusesWhatItCannotWriteExactly() {
    assertThatThrownBy(() -> canonical("[4.50]")).isInstanceOf(AuditFormatException.class);
    assertThatThrownBy(() -> canonical("[1E30]")).isInstanceOf(AuditFormatException.class);
    assertThatThrownBy(() -> canonical("[9007199254740992]")).isInstanceOf(AuditFormatException.class);
    assertThatThrownBy(() -> canonical("[\"\\ud800\"]")).isInstanceOf(AuditFormatException.class);
    assertThatThrownBy(() -> canonical("[\"\\ude00\\ud83d\"]")).isInstanceOf(AuditFormatException.class);
  }

  @Test
  void refusesDuplicateNamesAndTrailingData() {
    assertThatThrownBy(() -> canonical("{\"a\": 1, \"a\": 2}")).isInstanceOf(AuditFormatException.class);
    assertThatThrownBy(() -> canonical("{} {}")).isInstanceOf(AuditFormatException.class);
    assertThatThrownBy(() -> canonical("")).isInstanceOf(AuditFormatException.class);
  }

  private static String canonical(String json) {
    return new String(Jcs.canonicalize(json.getBytes(UTF_8)), UTF_8);
  }
}
