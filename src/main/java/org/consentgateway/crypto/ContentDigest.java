package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The {@code Content-Digest} field of a body (RFC 9530 §2), with sha-256, the one algorithm we send. */
public final class ContentDigest {

  /** The header's name. */
  public static final String HEADER = "Content-Digest";

  private ContentDigest() {}

  /** {@code sha-256=:<base64 of SHA-256(body)>:}, an RFC 8941 dictionary with one byte-sequence member. */
  public static String sha256(byte[] body) {
    requireNonNull(body, "body is null");
    return "sha-256=:" + Base64.getEncoder().encodeToString(sha256Bytes(body)) + ":";
  }

  static byte[] sha256Bytes(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
