package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The audit log's C2SP signed-note verifier key, {@code <name>+<key id hex>+<base64(0x01 || Ed25519 key)>}
 * ({@code GET /v1/audit/verifier-key}, docs/audit.md). Pin it from a trusted channel where you can:
 * a key fetched from the gateway proves only that the gateway agrees with itself.
 */
public final class VerifierKey {

  private static final byte ED25519 = 0x01;

  private final String name;
  private final int keyId;
  private final PublicKey key;

  private VerifierKey(String name, int keyId, PublicKey key) {
    this.name = name;
    this.keyId = keyId;
    this.key = key;
  }

  /** Parses the text form; a key id that does not match its name and key is refused. */
  public static VerifierKey parse(String text) {
    String[] parts = requireNonNull(text, "text is null").strip().split("\\+", 3); // base64 may hold '+', names never
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].length() != 8) {
      throw invalid("a verifier key is <name>+<8 hex digit key id>+<base64 key>");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw invalid("the verifier key's base64 does not decode");
    }
    if (typed.length != 33 || typed[0] != ED25519) {
      throw invalid("the verifier key is not an Ed25519 key (type 0x01 and 32 bytes)");
    }
    int keyId = keyId(parts[0], typed);
    int stated;
    try {
      stated = HexFormat.fromHexDigits(parts[1]);
    } catch (IllegalArgumentException e) {
      throw invalid("the verifier key's id is not hex");
    }
    if (keyId != stated) {
      throw invalid("the verifier key's id does not match its name and key");
    }
    try {
      return new VerifierKey(parts[0], keyId, AnswerVerifier.ed25519(Arrays.copyOfRange(typed, 1, typed.length)));
    } catch (GeneralSecurityException e) {
      throw new VerificationException(VerificationFailure.CHECKPOINT_INVALID, "the verifier key is not an Ed25519 key", e);
    }
  }

  /** C2SP signed-note: key id = SHA-256(name || 0x0A || type || key)[:4], big-endian. */
  private static int keyId(String name, byte[] typedKey) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[nameBytes.length + 1 + typedKey.length];
    System.arraycopy(nameBytes, 0, input, 0, nameBytes.length);
    input[nameBytes.length] = '\n';
    System.arraycopy(typedKey, 0, input, nameBytes.length + 1, typedKey.length);
    byte[] hash = AnswerVerifier.sha256(input);
    return ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
  }

  public String name() {
    return name;
  }

  int keyId() {
    return keyId;
  }

  PublicKey publicKey() {
    return key;
  }

  @Override
  public String toString() {
    return name + "+" + HexFormat.of().toHexDigits(keyId);
  }

  private static VerificationException invalid(String message) {
    return new VerificationException(VerificationFailure.CHECKPOINT_INVALID, message);
  }
}
