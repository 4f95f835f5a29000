package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A witness's public key as a log's readers trust it (C2SP tlog-cosignature, Ed25519
 * {@code cosignature/v1}). Its text form is a C2SP vkey with signature type 0x04: {@code
 * <name>+<8 hex key id>+<base64(0x04 || 32-byte public key)>}; the key id is the first four bytes of
 * SHA-256(name || 0x0A || 0x04 || public key), so a witness's lines never pass for a log signature.
 */
public final class CosignerKey {

  /** The signature type of Ed25519 cosignatures (C2SP tlog-cosignature). */
  static final byte COSIGNATURE_V1 = 0x04;

  /** A cosignature: an 8-byte big-endian timestamp, then the 64-byte Ed25519 signature. */
  static final int SIGNATURE_SIZE = 8 + NoteKeys.SIGNATURE_SIZE;

  private final String name;
  private final int keyId;
  private final byte[] rawPublicKey;
  private final PublicKey publicKey;

  private CosignerKey(String name, byte[] rawPublicKey, PublicKey publicKey) {
    this.name = name;
    this.keyId = keyId(name, rawPublicKey);
    this.rawPublicKey = rawPublicKey;
    this.publicKey = publicKey;
  }

  /** The key of a JDK Ed25519 public key under a cosigner name. */
  public static CosignerKey of(String name, PublicKey publicKey) {
    requireNonNull(publicKey, "publicKey is null");
    if (!NoteKeys.isValidKeyName(name)) {
      throw new IllegalArgumentException("a key name is non-empty, without spaces or '+'");
    }
    return new CosignerKey(name, NoteKeys.rawPublicKey(publicKey), publicKey);
  }

  /** Parses a vkey of type 0x04; throws {@link AuditFormatException} when malformed or its key id is wrong. */
  public static CosignerKey parse(String vkey) {
    requireNonNull(vkey, "vkey is null");
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3 || !NoteKeys.isValidKeyName(parts[0]) || parts[1].length() != 8
        || !parts[1].chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new AuditFormatException("a witness key is <name>+<8 hex key id>+<base64 key>");
    }
    byte[] key = StrictBase64.decode(parts[2], "witness key");
    if (key.length != 1 + NoteKeys.RAW_KEY_SIZE || key[0] != COSIGNATURE_V1) {
      throw new AuditFormatException("a witness key is an Ed25519 cosigner key (type 0x04 and 32 bytes)");
    }
    byte[] raw = Arrays.copyOfRange(key, 1, key.length);
    CosignerKey parsed;
    try {
      parsed = new CosignerKey(parts[0], raw, NoteKeys.publicKey(raw));
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException("witness key is not a valid Ed25519 key", e);
    }
    if (parsed.keyId != HexFormat.fromHexDigits(parts[1])) {
      throw new AuditFormatException("witness key id does not match its name and key");
    }
    return parsed;
  }

  static int keyId(String name, byte[] rawPublicKey) {
    MessageDigest digest = Sha256Hash.newDigest();
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) '\n');
    digest.update(COSIGNATURE_V1);
    digest.update(rawPublicKey);
    return ByteBuffer.wrap(digest.digest()).getInt();
  }

  /** The message a cosignature signs: {@code cosignature/v1}, {@code time <seconds>}, then the checkpoint text. */
  static byte[] signedMessage(long timestamp, byte[] checkpointText) {
    byte[] header = ("cosignature/v1\ntime " + Long.toUnsignedString(timestamp) + "\n").getBytes(StandardCharsets.US_ASCII);
    return NoteKeys.concat(header, checkpointText);
  }

  public String name() {
    return name;
  }

  public int keyId() {
    return keyId;
  }

  /** The vkey text to publish and to put in a witness policy. */
  public String vkey() {
    byte[] typed = new byte[1 + rawPublicKey.length];
    typed[0] = COSIGNATURE_V1;
    System.arraycopy(rawPublicKey, 0, typed, 1, rawPublicKey.length);
    return name + "+" + NoteKeys.keyIdHex(keyId) + "+" + StrictBase64.encode(typed);
  }

  /** Whether a signature line names this key (name and key id); other lines are not this key's business. */
  public boolean isKeyOf(NoteSignature signature) {
    return signature.keyName().equals(name) && signature.keyId() == keyId;
  }

  /**
   * The time a line of this key cosigned {@code checkpointText} at, or empty when the line does
   * not verify (wrong length, timestamp over 2^63 - 1, or a bad signature).
   */
  public Optional<Instant> cosignedAt(byte[] checkpointText, NoteSignature signature) {
    byte[] bytes = signature.signature();
    if (!isKeyOf(signature) || bytes.length != SIGNATURE_SIZE) {
      return Optional.empty();
    }
    long timestamp = ByteBuffer.wrap(bytes, 0, 8).getLong();
    if (timestamp < 0) {
      return Optional.empty();
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(signedMessage(timestamp, checkpointText));
      return verifier.verify(bytes, 8, NoteKeys.SIGNATURE_SIZE) ? Optional.of(Instant.ofEpochSecond(timestamp)) : Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CosignerKey other && name.equals(other.name) && Arrays.equals(rawPublicKey, other.rawPublicKey);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(rawPublicKey);
  }

  @Override
  public String toString() {
    return vkey();
  }
}
