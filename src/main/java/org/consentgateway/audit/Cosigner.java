package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;

/**
 * Cosigns checkpoints with a witness's Ed25519 key (C2SP tlog-cosignature, {@code cosignature/v1}):
 * the signature line carries the time of signing and the signature over {@code cosignature/v1},
 * {@code time <seconds>} and the checkpoint text. {@link #toString()} never shows the key.
 */
public final class Cosigner {

  private final PrivateKey privateKey;
  private final CosignerKey key;

  private Cosigner(PrivateKey privateKey, CosignerKey key) {
    this.privateKey = privateKey;
    this.key = key;
  }

  /** A cosigner from a JDK Ed25519 key pair; throws {@link IllegalArgumentException} when they are not one pair. */
  public static Cosigner of(String name, PrivateKey privateKey, PublicKey publicKey) {
    requireNonNull(privateKey, "privateKey is null");
    Cosigner cosigner = new Cosigner(privateKey, CosignerKey.of(name, publicKey));
    byte[] probe = "consent-gateway witness key pair check\n".getBytes(StandardCharsets.UTF_8);
    NoteSignature line;
    try {
      line = cosigner.cosign(probe, Instant.EPOCH);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("not an Ed25519 private key", e);
    }
    if (cosigner.key.cosignedAt(probe, line).isEmpty()) {
      throw new IllegalArgumentException("the private and public keys are not one Ed25519 pair");
    }
    return cosigner;
  }

  /** A cosigner from a JDK Ed25519 private key alone, e.g. read from a PEM file. */
  public static Cosigner of(String name, PrivateKey privateKey) {
    requireNonNull(privateKey, "privateKey is null");
    return of(name, privateKey, NoteKeys.publicKeyOf(privateKey));
  }

  public CosignerKey key() {
    return key;
  }

  /** The cosignature line of {@code checkpointText} (the note text, final newline included) at {@code time}, to the second. */
  public NoteSignature cosign(byte[] checkpointText, Instant time) {
    requireNonNull(checkpointText, "checkpointText is null");
    long timestamp = time.getEpochSecond();
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature's time is after 1970");
    }
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(CosignerKey.signedMessage(timestamp, checkpointText));
      byte[] signature = ByteBuffer.allocate(CosignerKey.SIGNATURE_SIZE).putLong(timestamp).put(signer.sign()).array();
      return new NoteSignature(key.name(), key.keyId(), signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  @Override
  public String toString() {
    return "Cosigner[" + key.vkey() + "]";
  }
}
