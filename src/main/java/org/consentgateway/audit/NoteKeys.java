package org.consentgateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/** Ed25519 key encodings and the C2SP signed-note key name and key id rules. */
final class NoteKeys {

  /** The signature type byte of Ed25519 (C2SP signed-note, "Signature types"). */
  static final byte ED25519 = 0x01;

  static final int RAW_KEY_SIZE = 32;
  static final int SIGNATURE_SIZE = 64;

  // RFC 8410 §4: SubjectPublicKeyInfo of an Ed25519 key is this header then the 32 key bytes.
  private static final byte[] SPKI_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");
  // RFC 8410 §7: a version 1 OneAsymmetricKey holding the 32-byte seed.
  private static final byte[] PKCS8_HEADER = HexFormat.of().parseHex("302e020100300506032b657004220420");

  private NoteKeys() {}

  /**
   * C2SP signed-note: key names are non-empty and hold no Unicode space and no plus sign; control
   * characters cannot appear in a note either.
   */
  static boolean isValidKeyName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    return name.codePoints().noneMatch(c -> c == '+' || c == 0x85 || Character.isWhitespace(c)
        || Character.isSpaceChar(c) || Character.isISOControl(c) || isSurrogate(c));
  }

  private static boolean isSurrogate(int codePoint) {
    return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
  }

  /** key ID = SHA-256(key name || 0x0A || 0x01 || 32-byte Ed25519 public key)[:4], big-endian. */
  static int keyId(String name, byte[] rawPublicKey) {
    return keyId(name, ED25519, rawPublicKey);
  }

  /** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian (C2SP signed-note, tlog-cosignature). */
  static int keyId(String name, byte type, byte[] rawPublicKey) {
    MessageDigest digest = Sha256Hash.newDigest();
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    digest.update(type);
    digest.update(rawPublicKey);
    byte[] hash = digest.digest();
    return ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
  }

  /** A verifier key's text taken apart: its name, its key id (checked) and its Ed25519 public key. */
  record VerifierKeyText(String name, byte[] raw, PublicKey publicKey) {}

  /**
   * Parses {@code <name>+<8 hex key id>+<base64(type || 32-byte Ed25519 key)>}, the form of C2SP
   * verifier keys (type 0x01 for note signers, 0x04 for witnesses); throws {@link
   * AuditFormatException} naming {@code what} when malformed, of another type, or its key id is wrong.
   */
  static VerifierKeyText parseVerifierKey(String text, byte type, String what) {
    String[] parts = text.split("\\+", 3); // base64 may hold "+", names and ids never
    if (parts.length != 3 || !isValidKeyName(parts[0]) || parts[1].length() != 8
        || !parts[1].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new AuditFormatException("a " + what + " is <name>+<8 hex key id>+<base64 key>");
    }
    byte[] key = StrictBase64.decode(parts[2], what);
    if (key.length != 1 + RAW_KEY_SIZE || key[0] != type) {
      throw new AuditFormatException(what + " is not an Ed25519 key (type 0x0" + type + " and 32 bytes)");
    }
    byte[] raw = Arrays.copyOfRange(key, 1, key.length);
    PublicKey publicKey;
    try {
      publicKey = publicKey(raw);
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException(what + " is not a valid Ed25519 key", e);
    }
    if (keyId(parts[0], type, raw) != HexFormat.fromHexDigits(parts[1])) {
      throw new AuditFormatException(what + " id does not match its name and key");
    }
    return new VerifierKeyText(parts[0], raw, publicKey);
  }

  static String keyIdHex(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  /** The 32 raw bytes of a JDK Ed25519 public key: the end of its SubjectPublicKeyInfo. */
  static byte[] rawPublicKey(PublicKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null
        || encoded.length != SPKI_HEADER.length + RAW_KEY_SIZE
        || !Arrays.equals(encoded, 0, SPKI_HEADER.length, SPKI_HEADER, 0, SPKI_HEADER.length)) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
    return Arrays.copyOfRange(encoded, SPKI_HEADER.length, encoded.length);
  }

  static PublicKey publicKey(byte[] raw) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(concat(SPKI_HEADER, raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key", e);
    }
  }

  static PrivateKey privateKey(byte[] seed) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_HEADER, seed)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key", e);
    }
  }

  /** The public key of a JDK Ed25519 private key in PKCS#8 (RFC 8410), as {@code openssl genpkey} writes it. */
  static PublicKey publicKeyOf(PrivateKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null || encoded.length != PKCS8_HEADER.length + RAW_KEY_SIZE
        || !Arrays.equals(encoded, 0, PKCS8_HEADER.length, PKCS8_HEADER, 0, PKCS8_HEADER.length)) {
      throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8, RFC 8410)");
    }
    byte[] seed = Arrays.copyOfRange(encoded, PKCS8_HEADER.length, encoded.length);
    try {
      return publicKey(rawPublicKeyOfSeed(seed));
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(encoded, (byte) 0);
    }
  }

  /** The public key of a 32-byte seed (RFC 8032 §5.1.5); the JDK has no API for it. */
  static byte[] rawPublicKeyOfSeed(byte[] seed) {
    return new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
