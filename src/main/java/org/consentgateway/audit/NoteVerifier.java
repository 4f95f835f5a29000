package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * A trusted Ed25519 signed-note key, as C2SP signed-note verifiers configure it. Its text form,
 * the verifier key published at {@code GET /v1/audit/verifier-key}, is {@code <name>+<8 hex key
 * id>+<base64(0x01 || 32-byte public key)>}, for example {@code
 * PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}.
 */
public final class NoteVerifier {

  private final String name;
  private final int keyId;
  private final byte[] rawPublicKey;
  private final PublicKey publicKey;

  private NoteVerifier(String name, byte[] rawPublicKey, PublicKey publicKey) {
    this.name = name;
    this.keyId = NoteKeys.keyId(name, rawPublicKey);
    this.rawPublicKey = rawPublicKey;
    this.publicKey = publicKey;
  }

  /** The verifier of a JDK Ed25519 public key under a key name. */
  public static NoteVerifier of(String name, PublicKey publicKey) {
    requireNonNull(publicKey, "publicKey is null");
    if (!NoteKeys.isValidKeyName(name)) {
      throw new IllegalArgumentException("a key name is non-empty, without spaces or '+'");
    }
    return new NoteVerifier(name, NoteKeys.rawPublicKey(publicKey), publicKey);
  }

  /** Parses a verifier key; throws {@link AuditFormatException} when malformed, not Ed25519, or its key id is wrong. */
  public static NoteVerifier parse(String verifierKey) {
    requireNonNull(verifierKey, "verifierKey is null");
    NoteKeys.VerifierKeyText key = NoteKeys.parseVerifierKey(verifierKey, NoteKeys.ED25519, "verifier key");
    return new NoteVerifier(key.name(), key.raw(), key.publicKey());
  }


  public String name() {
    return name;
  }

  /** The key id: the first four bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
  public int keyId() {
    return keyId;
  }

  /** The verifier key text. */
  public String verifierKey() {
    return name + "+" + NoteKeys.keyIdHex(keyId) + "+"
        + StrictBase64.encode(NoteKeys.concat(new byte[] {NoteKeys.ED25519}, rawPublicKey));
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** Whether {@code signature} is this key's signature line (name and key id match). */
  public boolean isKeyOf(NoteSignature signature) {
    return signature.keyName().equals(name) && signature.keyId() == keyId;
  }

  /** Whether the 64 signature bytes are this key's Ed25519 signature (RFC 8032) over {@code text}. */
  public boolean verifies(byte[] text, byte[] signature) {
    if (signature.length != NoteKeys.SIGNATURE_SIZE) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(publicKey);
      verifier.update(text);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifier other && verifierKey().equals(other.verifierKey());
  }

  @Override
  public int hashCode() {
    return verifierKey().hashCode();
  }

  @Override
  public String toString() {
    return verifierKey();
  }
}
