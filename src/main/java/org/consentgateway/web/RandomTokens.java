package org.consentgateway.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The app's and the console's unguessable values: session ids, CSRF tokens, console challenges, OpenID Connect {@code state} and
 * {@code nonce}, PKCE verifiers and the demo provider's codes. Each is 256 random bits as
 * unpadded base64url (43 characters), which is also a valid PKCE verifier (RFC 7636 §4.1).
 */
public final class RandomTokens {

  static final int BYTES = 32;
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random = new SecureRandom();

  /** A fresh token. */
  public String next() {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return BASE64URL.encodeToString(bytes);
  }

  /** Whether {@code text} has the form of a token: anything else is not looked up at all. */
  public static boolean wellFormed(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  /** SHA-256 of the token's characters: what is stored in place of a session id. */
  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
    }
  }

  /** base64url(SHA-256(verifier)): the S256 code challenge (RFC 7636 §4.2). */
  static String s256Challenge(String verifier) {
    return BASE64URL.encodeToString(sha256(verifier));
  }

  /** Compares in time independent of where the two differ. */
  public static boolean same(String expected, String given) {
    return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
