package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.consentgateway.crypto.DecryptionFailedException.Reason;

/**
 * Encrypts identity data and record payloads at rest with AES-256-GCM (NIST SP 800-38D).
 *
 * <p>Ciphertext layout:
 * <pre>
 *   0x01 (format version) ‖ key-id length (1 byte) ‖ key id (ASCII) ‖ nonce (12 bytes) ‖ GCM ciphertext ‖ tag (16 bytes)
 * </pre>
 * The header (version, key-id length, key id) is authenticated together with the caller's
 * associated data, so neither can be swapped without detection; the nonce is authenticated by
 * GCM itself. Decryption takes the key from the header, so after a rotation rows written under
 * an older key still decrypt while new rows use the current key.
 *
 * <p>Nonces are 96 random bits (SP 800-38D §8.2.2). With random nonces one key may encrypt at
 * most 2^32 messages (§8.3); rotate the current key long before that.
 *
 * <p>Thread-safe: each call uses its own {@link Cipher}; {@link SecureRandom} is thread-safe.
 */
public final class RecordCipher {

  public static final byte FORMAT_VERSION = 0x01;
  public static final int NONCE_LENGTH = 12;
  public static final int TAG_LENGTH = 16;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final Map<String, SecretKey> keys;
  private final String currentKeyId;
  private final byte[] currentHeader;
  private final SecureRandom random = new SecureRandom();

  public RecordCipher(DataKeys dataKeys) {
    requireNonNull(dataKeys, "dataKeys is null");
    Map<String, SecretKey> byId = new LinkedHashMap<>();
    dataKeys.keys().forEach((keyId, key) -> byId.put(keyId, new SecretKeySpec(key, "AES")));
    this.keys = Collections.unmodifiableMap(byId);
    this.currentKeyId = dataKeys.currentKeyId();
    this.currentHeader = header(currentKeyId);
  }

  /** The key id that new ciphertexts are written under. */
  public String currentKeyId() {
    return currentKeyId;
  }

  /**
   * @param associatedData bound to the ciphertext but not stored in it, e.g. the table, column
   *     and row id, so a ciphertext copied to another row fails to decrypt; may be empty
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    requireNonNull(plaintext, "plaintext is null");
    requireNonNull(associatedData, "associatedData is null");
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    ByteBuffer out = ByteBuffer.allocate(currentHeader.length + NONCE_LENGTH + plaintext.length + TAG_LENGTH);
    out.put(currentHeader).put(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
      cipher.updateAAD(currentHeader);
      cipher.updateAAD(associatedData);
      cipher.doFinal(ByteBuffer.wrap(plaintext), out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM encryption failed", e);
    }
    return out.array();
  }

  /** Reverses {@link #encrypt}; throws {@link DecryptionFailedException} on any mismatch. */
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
    requireNonNull(ciphertext, "ciphertext is null");
    requireNonNull(associatedData, "associatedData is null");
    if (ciphertext.length < 2) {
      throw truncated(ciphertext.length, 2);
    }
    if (ciphertext[0] != FORMAT_VERSION) {
      throw new DecryptionFailedException(Reason.UNKNOWN_FORMAT_VERSION, String.format(
          "ciphertext has unknown format version 0x%02x (expected 0x%02x)", ciphertext[0], FORMAT_VERSION));
    }
    int headerLength = 2 + Byte.toUnsignedInt(ciphertext[1]);
    int minimum = headerLength + NONCE_LENGTH + TAG_LENGTH;
    if (ciphertext.length < minimum) {
      throw truncated(ciphertext.length, minimum);
    }
    String keyId = new String(ciphertext, 2, headerLength - 2, StandardCharsets.ISO_8859_1);
    SecretKey key = keys.get(keyId);
    if (key == null) {
      throw new DecryptionFailedException(Reason.UNKNOWN_KEY_ID, "ciphertext is under unknown key id \""
          + printable(keyId) + "\" (known: " + String.join(", ", keys.keySet()) + ")");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, ciphertext, headerLength, NONCE_LENGTH));
      cipher.updateAAD(ciphertext, 0, headerLength);
      cipher.updateAAD(associatedData);
      int bodyOffset = headerLength + NONCE_LENGTH;
      return cipher.doFinal(ciphertext, bodyOffset, ciphertext.length - bodyOffset);
    } catch (AEADBadTagException e) {
      throw new DecryptionFailedException(Reason.AUTHENTICATION_FAILED, "ciphertext failed authentication (key id "
          + keyId + "): data was altered, the associated data differs, or the key is wrong");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM decryption failed", e);
    }
  }

  private static byte[] header(String keyId) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] header = new byte[2 + id.length];
    header[0] = FORMAT_VERSION;
    header[1] = (byte) id.length;
    System.arraycopy(id, 0, header, 2, id.length);
    return header;
  }

  private static DecryptionFailedException truncated(int length, int minimum) {
    return new DecryptionFailedException(Reason.TRUNCATED,
        "ciphertext is truncated: " + length + " bytes, at least " + minimum + " expected");
  }

  /** The key id comes from untrusted bytes; keep the message printable and short. */
  private static String printable(String keyId) {
    StringBuilder out = new StringBuilder();
    keyId.chars().limit(64).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
    return out.toString();
  }

  @Override
  public String toString() {
    return "RecordCipher[AES-256-GCM, currentKeyId=" + currentKeyId + ", keyIds=" + keys.keySet() + "]";
  }
}
