package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.Optional;

/**
 * The key pairs in a gateway key folder. Each is stored as {@code <name>.key.pem} (PKCS#8) and
 * {@code <name>.pub.pem} (SubjectPublicKeyInfo). The gateway's own two need their private key; for
 * the other parties the gateway needs only the public key, and a demo set carries their private
 * keys too so demo clients can sign.
 */
public enum KeyParty {
  /** Signs consent tokens, receipts and access tokens (ES256, published in the JWKS). */
  GATEWAY_SIGNING("gateway-signing", KeyType.EC_P256, true),
  /** Signs audit-log checkpoints (C2SP signed-note, Ed25519). */
  CHECKPOINT("checkpoint", KeyType.ED25519, true),
  /** Signs citizens' identity tokens. */
  IDENTITY_PROVIDER("identity-provider", KeyType.EC_P256, false),
  /** Signs a (demo) institution's client assertions (RFC 7523). */
  INSTITUTION("institution", KeyType.EC_P256, false),
  /** Signs a (demo) regulator's client assertions (RFC 7523). */
  REGULATOR("regulator", KeyType.EC_P256, false),
  /** Signs operator access tokens. */
  OPERATOR("operator", KeyType.EC_P256, false);

  private final String fileStem;
  private final KeyType keyType;
  private final boolean privateKeyRequired;

  KeyParty(String fileStem, KeyType keyType, boolean privateKeyRequired) {
    this.fileStem = fileStem;
    this.keyType = keyType;
    this.privateKeyRequired = privateKeyRequired;
  }

  /** The party's name as used in file names and configuration, e.g. {@code identity-provider}. */
  public String fileStem() {
    return fileStem;
  }

  public KeyType keyType() {
    return keyType;
  }

  /** Whether the gateway cannot start without this party's private key. */
  public boolean privateKeyRequired() {
    return privateKeyRequired;
  }

  public String privateKeyFileName() {
    return fileStem + ".key.pem";
  }

  public String publicKeyFileName() {
    return fileStem + ".pub.pem";
  }

  /** The party whose {@link #fileStem()} is {@code name}, e.g. {@code "regulator"}. */
  public static Optional<KeyParty> named(String name) {
    requireNonNull(name, "name is null");
    return Arrays.stream(values()).filter(party -> party.fileStem.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return fileStem;
  }
}
