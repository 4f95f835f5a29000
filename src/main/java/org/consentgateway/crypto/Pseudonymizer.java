package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.SubjectRef;

/**
 * Derives a subject's {@link SubjectRef}: HMAC-SHA-256 (RFC 2104, FIPS 198-1) of the UTF-8 bytes
 * of the normalised resident ID number under a 32-byte secret key. Deterministic, so the same
 * citizen always gets the same reference; keyed, so nobody without the key can test a guessed ID
 * number against a reference (the ID space is small enough to enumerate).
 *
 * <p>Thread-safe: each call makes its own {@link Mac} (a few microseconds) rather than sharing one.
 */
public final class Pseudonymizer {

  public static final int KEY_LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  /** @param key the 32-byte pseudonym secret; copied */
  public Pseudonymizer(byte[] key) {
    requireNonNull(key, "key is null");
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("pseudonym key must be " + KEY_LENGTH + " bytes, was " + key.length);
    }
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  public SubjectRef subjectRef(ResidentIdNumber id) {
    requireNonNull(id, "id is null");
    byte[] tag = newMac().doFinal(id.value().getBytes(StandardCharsets.UTF_8));
    return new SubjectRef(HexFormat.of().formatHex(tag));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is a mandatory JCA algorithm; this is a broken runtime, not bad input.
      throw new IllegalStateException("HMAC-SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymizer[HMAC-SHA-256]";
  }
}
