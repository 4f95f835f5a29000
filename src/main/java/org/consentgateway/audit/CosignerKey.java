package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
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
    this.keyId = NoteKeys.keyId(name, COSIGNATURE_V1, rawPublicKey);
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
    NoteKeys.VerifierKeyText key = NoteKeys.parseVerifierKey(vkey.strip(), COSIGNATURE_V1, "witness key");
    return new CosignerKey(key.name(), key.raw(), key.publicKey());
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
