package org.consentgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.SubjectRef;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

  private static final byte[] KEY = filled((byte) 0x0b);
  private static final ResidentIdNumber ID = ResidentIdNumber.parse("11010519491231002X");

  @Test
  void sameKeyAndSameNumberGiveTheSameRef() {
    SubjectRef first = new Pseudonymizer(KEY).subjectRef(ID);
    SubjectRef second = new Pseudonymizer(KEY.clone()).subjectRef(ResidentIdNumber.parse("11010519491231002x"));

    assertThat(first).isEqualTo(second);
    assertThat(first.value()).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void anotherKeyGivesAnotherRef() {
    assertThat(new Pseudonymizer(filled((byte) 0x0c)).subjectRef(ID)).isNotEqualTo(new Pseudonymizer(KEY).subjectRef(ID));
  }

  @Test
  void anotherNumberGivesAnotherRef() {
    Pseudonymizer pseudonymizer = new Pseudonymizer(KEY);
    ResidentIdNumber other = ResidentIdNumber.of("110105", ID.birthDate(), 3);

    assertThat(pseudonymizer.subjectRef(other)).isNotEqualTo(pseudonymizer.subjectRef(ID));
  }

  @Test
  void isHmacSha256OfTheUtf8Number() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal("11010519491231002X".getBytes(StandardCharsets.UTF_8)));

    assertThat(new Pseudonymizer(KEY).subjectRef(ID).value()).isEqualTo(expected);
  }

  @Test
  void copiesTheKey() {
    byte[] key = filled((byte) 0x0b);
    Pseudonymizer pseudonymizer = new Pseudonymizer(key);
    Arrays.fill(key, (byte) 0);

    assertThat(pseudonymizer.subjectRef(ID)).isEqualTo(new Pseudonymizer(KEY).subjectRef(ID));
  }

  @Test
  void needsA32ByteKey() {
    assertThatThrownBy(() -> new Pseudonymizer(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pseudonym key must be 32 bytes, was 16");
  }

  @Test
  void subjectRefsAre64LowerCaseHexCharacters() {
    assertThatThrownBy(() -> SubjectRef.parse("ABC")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SubjectRef.parse("A".repeat(64))).isInstanceOf(IllegalArgumentException.class);
    assertThat(SubjectRef.parse("a".repeat(64)).toString()).isEqualTo("a".repeat(64));
  }

  private static byte[] filled(byte value) {
    byte[] key = new byte[32];
    Arrays.fill(key, value);
    return key;
  }
}
