package org.consentgateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.consentgateway.crypto.DecryptionFailedException.Reason;
import org.junit.jupiter.api.Test;

class RecordCipherTest {

  private static final byte[] PLAINTEXT = "{\"name\":\"张三\",\"phone\":\"13800138000\"}".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ROW = "subject:42".getBytes(StandardCharsets.UTF_8);

  private final RecordCipher cipher = new RecordCipher(DataKeys.of("k1", key(1)));

  @Test
  void roundTrips() {
    byte[] ciphertext = cipher.encrypt(PLAINTEXT, ROW);

    assertThat(cipher.decrypt(ciphertext, ROW)).isEqualTo(PLAINTEXT);
  }

  @Test
  void writesTheDocumentedLayout() {
    byte[] ciphertext = cipher.encrypt(PLAINTEXT, ROW);

    // 0x01 ‖ 2 ‖ "k1" ‖ 12-byte nonce ‖ ciphertext ‖ 16-byte tag
    assertThat(ciphertext[0]).isEqualTo((byte) 0x01);
    assertThat(ciphertext[1]).isEqualTo((byte) 2);
    assertThat(new String(ciphertext, 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k1");
    assertThat(ciphertext).hasSize(4 + 12 + PLAINTEXT.length + 16);
  }

  @Test
  void usesAFreshNonceEachTime() {
    assertThat(cipher.encrypt(PLAINTEXT, ROW)).isNotEqualTo(cipher.encrypt(PLAINTEXT, ROW));
  }

  @Test
  void roundTripsEmptyPlaintextAndEmptyAssociatedData() {
    assertThat(cipher.decrypt(cipher.encrypt(new byte[0], new byte[0]), new byte[0])).isEmpty();
  }

  @Test
  void failsWhenTheAssociatedDataDiffers() {
    byte[] ciphertext = cipher.encrypt(PLAINTEXT, ROW);

    assertThatThrownBy(() -> cipher.decrypt(ciphertext, "subject:43".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageStartingWith("ciphertext failed authentication (key id k1)");
  }

  @Test
  void failsWhenAnyByteIsFlipped() {
    byte[] ciphertext = cipher.encrypt(PLAINTEXT, ROW);
    for (int i = 0; i < ciphertext.length; i++) {
      byte[] tampered = ciphertext.clone();
      tampered[i] ^= 0x01;
      int position = i;

      DecryptionFailedException e = catchThrowableOfType(DecryptionFailedException.class, () -> cipher.decrypt(tampered, ROW));

      assertThat(e).as("flipped byte %d", position).isNotNull();
      assertThat(e.getMessage()).doesNotContain("13800138000");
    }
  }

  @Test
  void failsOnTruncatedInput() {
    byte[] ciphertext = cipher.encrypt(PLAINTEXT, ROW);
    for (int length = 0; length < ciphertext.length; length++) {
      byte[] truncated = Arrays.copyOf(ciphertext, length);

      assertThatThrownBy(() -> cipher.decrypt(truncated, ROW)).isInstanceOf(DecryptionFailedException.class);
    }
    assertThat(catchThrowableOfType(DecryptionFailedException.class, () -> cipher.decrypt(Arrays.copyOf(ciphertext, 20), ROW)))
        .hasMessage("ciphertext is truncated: 20 bytes, at least 32 expected")
        .extracting(DecryptionFailedException::reason).isEqualTo(Reason.TRUNCATED);
  }

  @Test
  void rowsWrittenUnderAnOldKeyStillDecryptAfterRotation() {
    byte[] oldRow = cipher.encrypt(PLAINTEXT, ROW);
    RecordCipher rotated = new RecordCipher(DataKeys.of("k1", key(1)).withCurrent("k2", key(2)));

    byte[] newRow = rotated.encrypt(PLAINTEXT, ROW);

    assertThat(rotated.decrypt(oldRow, ROW)).isEqualTo(PLAINTEXT);
    assertThat(new String(newRow, 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k2");
    assertThat(rotated.decrypt(newRow, ROW)).isEqualTo(PLAINTEXT);
  }

  @Test
  void namesAnUnknownKeyId() {
    RecordCipher rotated = new RecordCipher(DataKeys.of("k1", key(1)).withCurrent("k2", key(2)));
    byte[] newRow = rotated.encrypt(PLAINTEXT, ROW);

    DecryptionFailedException e = catchThrowableOfType(DecryptionFailedException.class, () -> cipher.decrypt(newRow, ROW));

    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_KEY_ID);
    assertThat(e.getMessage()).isEqualTo("ciphertext is under unknown key id \"k2\" (known: k1)");
  }

  @Test
  void aWrongKeyUnderTheSameIdFailsAuthentication() {
    byte[] ciphertext = cipher.encrypt(PLAINTEXT, ROW);
    RecordCipher impostor = new RecordCipher(DataKeys.of("k1", key(9)));

    assertThat(catchThrowableOfType(DecryptionFailedException.class, () -> impostor.decrypt(ciphertext, ROW)).reason())
        .isEqualTo(Reason.AUTHENTICATION_FAILED);
  }

  @Test
  void rejectsAnUnknownFormatVersion() {
    byte[] ciphertext = cipher.encrypt(PLAINTEXT, ROW);
    ciphertext[0] = 0x02;

    assertThatThrownBy(() -> cipher.decrypt(ciphertext, ROW))
        .hasMessage("ciphertext has unknown format version 0x02 (expected 0x01)");
  }

  @Test
  void dataKeysValidateAndNeverPrintKeys() {
    assertThatThrownBy(() -> DataKeys.of("k1", new byte[16])).hasMessageContaining("must be 32 bytes");
    assertThatThrownBy(() -> DataKeys.of("k 1", key(1))).hasMessageContaining("key id");
    assertThatThrownBy(() -> new DataKeys(Map.of("k1", key(1)), "k2")).hasMessageContaining("not among the keys");
    assertThat(DataKeys.of("k1", key(1)).withCurrent("k2", key(2)))
        .hasToString("DataKeys[keyIds=[k1, k2], currentKeyId=k2]")
        .isEqualTo(DataKeys.of("k1", key(1)).withCurrent("k2", key(2)));
  }

  private static byte[] key(int seed) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) seed);
    return key;
  }
}
