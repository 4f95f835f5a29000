package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/** The HTTP message signature algorithms the gateway signs with (RFC 9421 §3.3), and their wire forms. */
public enum MessageAlgorithm {
  /** RFC 9421 §3.3.4: ECDSA P-256 over SHA-256, the signature is r || s, 32 bytes each (not DER). */
  ECDSA_P256_SHA256("ecdsa-p256-sha256", KeyType.EC_P256),
  /** RFC 9421 §3.3.6: Ed25519 (RFC 8032), the 64-byte signature as it is. */
  ED25519("ed25519", KeyType.ED25519);

  private static final int P256_SCALAR_BYTES = 32;

  private final String wireName;
  private final KeyType keyType;

  MessageAlgorithm(String wireName, KeyType keyType) {
    this.wireName = wireName;
    this.keyType = keyType;
  }

  /** The {@code alg} parameter's value. */
  public String wireName() {
    return wireName;
  }

  public static Optional<MessageAlgorithm> fromWireName(String name) {
    return Arrays.stream(values()).filter(alg -> alg.wireName.equals(name)).findFirst();
  }

  /** The algorithm that signs with {@code key}; empty for a key of another type. */
  public static Optional<MessageAlgorithm> forKey(java.security.Key key) {
    return KeyType.of(key).flatMap(type -> Arrays.stream(values()).filter(alg -> alg.keyType == type).findFirst());
  }

  /** The signature of {@code base} in this algorithm's wire form. */
  public byte[] sign(PrivateKey key, byte[] base) {
    requireNonNull(key, "key is null");
    try {
      Signature signer = Signature.getInstance(keyType.signatureAlgorithm());
      signer.initSign(key);
      signer.update(base);
      byte[] signature = signer.sign();
      return switch (this) {
        case ECDSA_P256_SHA256 -> derToConcat(signature);
        case ED25519 -> signature;
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + wireName, e);
    }
  }

  /** Whether {@code signature} (wire form) is valid for {@code base} under {@code key}; false for any malformed input. */
  public boolean verify(PublicKey key, byte[] base, byte[] signature) {
    requireNonNull(key, "key is null");
    if (!keyType.matches(key)) {
      return false;
    }
    try {
      byte[] jca = switch (this) {
        case ECDSA_P256_SHA256 -> concatToDer(signature);
        case ED25519 -> signature;
      };
      Signature verifier = Signature.getInstance(keyType.signatureAlgorithm());
      verifier.initVerify(key);
      verifier.update(base);
      return verifier.verify(jca);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** JCA's DER {@code SEQUENCE {r INTEGER, s INTEGER}} as r || s, each left-padded to 32 bytes (RFC 9421 §3.3.4). */
  static byte[] derToConcat(byte[] der) {
    ASN1Sequence sequence = ASN1Sequence.getInstance(der);
    if (sequence.size() != 2) {
      throw new IllegalArgumentException("an ECDSA signature is a sequence of two integers");
    }
    byte[] concat = new byte[2 * P256_SCALAR_BYTES];
    unsigned(ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue(), concat, 0);
    unsigned(ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue(), concat, P256_SCALAR_BYTES);
    return concat;
  }

  /** r || s back to DER, for JCA to verify; throws {@link IllegalArgumentException} unless it is 64 bytes. */
  static byte[] concatToDer(byte[] concat) {
    if (concat.length != 2 * P256_SCALAR_BYTES) {
      throw new IllegalArgumentException("an ecdsa-p256-sha256 signature is 64 bytes");
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(concat, 0, P256_SCALAR_BYTES));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(concat, P256_SCALAR_BYTES, concat.length));
    try {
      return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded(ASN1Encoding.DER);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("DER encoding in memory failed", e);
    }
  }

  private static void unsigned(BigInteger value, byte[] into, int offset) {
    if (value.signum() < 0 || value.bitLength() > 8 * P256_SCALAR_BYTES) {
      throw new IllegalArgumentException("an ECDSA P-256 scalar is at most 32 bytes");
    }
    byte[] bytes = value.toByteArray(); // at most 33 bytes: a sign byte of 0 may lead
    int start = Math.max(0, bytes.length - P256_SCALAR_BYTES);
    int length = bytes.length - start;
    System.arraycopy(bytes, start, into, offset + P256_SCALAR_BYTES - length, length);
  }
}
