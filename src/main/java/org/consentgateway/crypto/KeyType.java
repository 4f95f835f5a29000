package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** The asymmetric key types the gateway reads, writes and generates. */
public enum KeyType {
  /** ECDSA on NIST P-256 (secp256r1), used for ES256 JWS (RFC 7518 §3.4). */
  EC_P256("EC P-256", "SHA256withECDSA"),
  /** EdDSA on Curve25519 (RFC 8032), used for C2SP signed-note checkpoints. */
  ED25519("Ed25519", "Ed25519"),
  /** RSA, accepted for interoperability (e.g. an identity provider's RS256 key); the gateway's own keys are never RSA. */
  RSA("RSA", "SHA256withRSA");

  private final String description;
  private final String signatureAlgorithm;

  KeyType(String description, String signatureAlgorithm) {
    this.description = description;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** Human-readable, for messages: "EC P-256", "Ed25519", "RSA". */
  public String description() {
    return description;
  }

  /** The JCA signature algorithm used with keys of this type. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /**
   * The type of {@code key}, read from the algorithm identifier in its standard encoding (SPKI,
   * RFC 5280 §4.1.2.7, or PKCS#8, RFC 5208), so it does not depend on which JCA provider made it.
   * Empty for any other algorithm or curve.
   */
  public static Optional<KeyType> of(Key key) {
    requireNonNull(key, "key is null");
    byte[] encoded = key.getEncoded();
    if (encoded == null) {
      return Optional.empty();
    }
    AlgorithmIdentifier algorithm;
    try {
      algorithm = key instanceof PrivateKey
          ? PrivateKeyInfo.getInstance(encoded).getPrivateKeyAlgorithm()
          : SubjectPublicKeyInfo.getInstance(encoded).getAlgorithm();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      // RFC 5480 §2.1.1: the curve is the namedCurve parameter.
      return X9ObjectIdentifiers.prime256v1.equals(algorithm.getParameters())
          ? Optional.of(EC_P256) : Optional.empty();
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return Optional.of(ED25519);
    }
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return Optional.of(RSA);
    }
    return Optional.empty();
  }

  /** Whether {@code key} is of this type. */
  public boolean matches(Key key) {
    return of(key).filter(this::equals).isPresent();
  }

  /** A fresh key pair from the platform's default JCA providers and a strong random source. */
  public KeyPair generateKeyPair() {
    try {
      // A switch expression, so a key type added later does not compile until it is decided here.
      KeyPairGenerator generator = switch (this) {
        case EC_P256 -> {
          KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
          ec.initialize(new ECGenParameterSpec("secp256r1"));
          yield ec;
        }
        case ED25519 -> KeyPairGenerator.getInstance("Ed25519");
        case RSA -> {
          KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
          rsa.initialize(3072); // NIST SP 800-57 Part 1 Rev. 5, table 2: 128-bit strength
          yield rsa;
        }
      };
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + description + " key pair", e);
    }
  }

  /** Whether {@code privateKey} and {@code publicKey} belong together: signs a challenge and verifies it. */
  public boolean isKeyPair(PrivateKey privateKey, PublicKey publicKey) {
    requireNonNull(privateKey, "privateKey is null");
    requireNonNull(publicKey, "publicKey is null");
    try {
      byte[] challenge = "consent-gateway key pair check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(signatureAlgorithm);
      signer.initSign(privateKey);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(signatureAlgorithm);
      verifier.initVerify(publicKey);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
