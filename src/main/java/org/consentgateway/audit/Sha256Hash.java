package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable 32-byte SHA-256 value: a leaf, node, root or chain hash, a response or policy hash.
 * Its text form in JSON and checkpoints is standard base64 (RFC 4648 §4), as docs/api.md says.
 */
public final class Sha256Hash {

  /** The length of every hash in this package. */
  public static final int SIZE = 32;

  private final byte[] bytes;

  private Sha256Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}; throws {@link IllegalArgumentException} unless 32 bytes long. */
  public static Sha256Hash of(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("a SHA-256 hash is 32 bytes, not " + bytes.length);
    }
    return new Sha256Hash(bytes.clone());
  }

  /** Wraps an array this package owns and will never modify: no copy. */
  static Sha256Hash wrap(byte[] owned) {
    if (owned.length != SIZE) {
      throw new IllegalArgumentException("a SHA-256 hash is 32 bytes, not " + owned.length);
    }
    return new Sha256Hash(owned);
  }

  /** SHA-256 of {@code data}. */
  public static Sha256Hash digest(byte[] data) {
    requireNonNull(data, "data is null");
    return new Sha256Hash(newDigest().digest(data));
  }

  /** Parses canonical standard base64 of 32 bytes; throws {@link AuditFormatException} otherwise. */
  public static Sha256Hash fromBase64(String text) {
    byte[] decoded = StrictBase64.decode(text, "hash");
    if (decoded.length != SIZE) {
      throw new AuditFormatException("a hash must be 32 bytes, got " + decoded.length);
    }
    return new Sha256Hash(decoded);
  }

  /** Parses 64 hex digits (either case); throws {@link AuditFormatException} otherwise. */
  public static Sha256Hash fromHex(String text) {
    requireNonNull(text, "text is null");
    if (text.length() != 2 * SIZE) {
      throw new AuditFormatException("a hex hash has 64 digits, got " + text.length());
    }
    try {
      return new Sha256Hash(HexFormat.of().parseHex(text));
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException("not a hex hash", e);
    }
  }

  /** A fresh copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The bytes without a copy, for hashing inside the package; callers must not modify them. */
  byte[] raw() {
    return bytes;
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether this hash equals {@code other}, whatever its length (false when it is not 32 bytes). */
  public boolean matches(byte[] other) {
    return MessageDigest.isEqual(bytes, other);
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sha256Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return base64();
  }
}
