package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Signs notes with an Ed25519 key under a key name (C2SP signed-note, "Ed25519 signatures").
 * Ed25519 is deterministic (RFC 8032 §5.1.6): the same key and text give the same line. {@link
 * #toString()} never shows the key.
 */
public final class NoteSigner {

  private static final byte[] PROBE = "consent-gateway key pair check\n".getBytes(StandardCharsets.UTF_8);

  private final PrivateKey privateKey;
  private final NoteVerifier verifier;

  private NoteSigner(PrivateKey privateKey, NoteVerifier verifier) {
    this.privateKey = privateKey;
    this.verifier = verifier;
  }

  /**
   * A signer from a JDK Ed25519 key pair; throws {@link IllegalArgumentException} for an invalid
   * key name, keys that are not Ed25519, or keys that are not one pair.
   */
  public static NoteSigner of(String name, PrivateKey privateKey, PublicKey publicKey) {
    requireNonNull(privateKey, "privateKey is null");
    NoteSigner signer = new NoteSigner(privateKey, NoteVerifier.of(name, publicKey));
    boolean onePair;
    try {
      onePair = signer.verifier.verifies(PROBE, signer.signature(PROBE));
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException("not an Ed25519 private key", e);
    }
    if (!onePair) {
      throw new IllegalArgumentException("the private and public keys are not one Ed25519 pair");
    }
    return signer;
  }

  /** A signer with a fresh random key. */
  public static NoteSigner generate(String name) {
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return of(name, pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK since 15 has Ed25519", e);
    }
  }

  /**
   * Parses the reference implementation's signer key text, {@code PRIVATE+KEY+<name>+<8 hex key
   * id>+<base64(0x01 || 32-byte seed)>} (golang.org/x/mod/sumdb/note); throws {@link
   * AuditFormatException}.
   */
  public static NoteSigner parse(String signerKey) {
    requireNonNull(signerKey, "signerKey is null");
    String[] parts = signerKey.split("\\+", 5); // base64 may hold "+", names and ids never
    if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
      throw new AuditFormatException("a signer key is PRIVATE+KEY+<name>+<key id>+<base64 key>");
    }
    byte[] key = StrictBase64.decode(parts[4], "signer key");
    if (key.length != 1 + NoteKeys.RAW_KEY_SIZE || key[0] != NoteKeys.ED25519) {
      throw new AuditFormatException("signer key is not an Ed25519 key (type 0x01 and 32 bytes)");
    }
    byte[] seed = Arrays.copyOfRange(key, 1, key.length);
    byte[] rawPublic = NoteKeys.rawPublicKeyOfSeed(seed);
    NoteSigner signer;
    try {
      signer = of(parts[2], NoteKeys.privateKey(seed), NoteKeys.publicKey(rawPublic));
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException("invalid signer key: " + e.getMessage(), e);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    if (parts[3].length() != 8 || signer.keyId() != parseHex(parts[3])) {
      throw new AuditFormatException("signer key id does not match its name and key");
    }
    return signer;
  }

  private static int parseHex(String text) {
    try {
      return HexFormat.fromHexDigits(text);
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException("signer key id is not hex");
    }
  }

  public String keyName() {
    return verifier.name();
  }

  public int keyId() {
    return verifier.keyId();
  }

  /** The matching verifier; its {@link NoteVerifier#verifierKey()} is what to publish. */
  public NoteVerifier verifier() {
    return verifier;
  }

  /** The signature line for {@code text}, the exact note text bytes. */
  public NoteSignature sign(byte[] text) {
    requireNonNull(text, "text is null");
    return new NoteSignature(keyName(), keyId(), signature(text));
  }

  private byte[] signature(byte[] text) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(text);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  @Override
  public String toString() {
    return "NoteSigner[" + verifier.verifierKey() + "]";
  }
}
