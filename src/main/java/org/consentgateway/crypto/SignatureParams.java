package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The parameters of an HTTP message signature (RFC 9421 §2.3) that the gateway sets: when it was
 * made, the key ({@code kid} of the JWKS) and the algorithm (RFC 9421 §3.3).
 *
 * @param created UNIX seconds
 * @param keyId the signing key's {@code kid}
 * @param alg {@code ecdsa-p256-sha256} or {@code ed25519}
 */
public record SignatureParams(long created, String keyId, MessageAlgorithm alg) {

  // An RFC 8941 sf-string holds printable ASCII; we also keep out '"' and '\', which would need escapes.
  private static final Pattern PLAIN_STRING = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]+");

  public SignatureParams {
    if (created < 0) {
      throw new IllegalArgumentException("created must not be negative");
    }
    if (!PLAIN_STRING.matcher(requireNonNull(keyId, "keyId is null")).matches()) {
      throw new IllegalArgumentException("keyId must be printable ASCII without quotes or backslashes");
    }
    requireNonNull(alg, "alg is null");
  }

  /** The parameters as they follow the covered components: {@code ;created=…;keyid="…";alg="…"}. */
  public String serialized() {
    return ";created=" + created + ";keyid=\"" + keyId + "\";alg=\"" + alg.wireName() + "\"";
  }
}
