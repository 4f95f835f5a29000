package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;

/**
 * Signs the gateway's answers as RFC 9421 HTTP message signatures with its current signing key
 * ({@code keyid} = the key's {@code kid} in the JWKS, so a bank verifies with the key set it
 * already trusts for tokens). Immutable and thread-safe: every signature takes a fresh JCA
 * {@code Signature}, served by the fastest installed provider ({@link CryptoProvider}).
 */
public final class MessageSigner {

  private final PrivateKey key;
  private final String keyId;
  private final MessageAlgorithm alg;

  public MessageSigner(PrivateKey key, String keyId) {
    this.key = requireNonNull(key, "key is null");
    this.keyId = requireNonNull(keyId, "keyId is null");
    this.alg = MessageAlgorithm.forKey(key)
        .orElseThrow(() -> new IllegalArgumentException("answers are signed with an EC P-256 or Ed25519 key"));
  }

  /** The signer with the gateway's current token signing key and its {@code kid}. */
  public static MessageSigner of(GatewaySigningKeys keys) {
    try {
      return new MessageSigner(keys.current().toECPrivateKey(), keys.currentKeyId());
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("the gateway signing key has no private part", e);
    }
  }

  /** The parameters of a signature made at {@code now}. */
  public SignatureParams params(Instant now) {
    return new SignatureParams(now.getEpochSecond(), keyId, alg);
  }

  /**
   * The headers of {@code body} answered under {@code base}; throws {@link IllegalArgumentException}
   * if the base was not made with this signer's parameters or another body's digest.
   */
  public SignedResponse sign(byte[] body, ResponseSignatureBase base) {
    requireNonNull(base, "base is null");
    if (!base.params().keyId().equals(keyId) || base.params().alg() != alg) {
      throw new IllegalArgumentException("the base names another key or algorithm");
    }
    if (!base.contentDigest().equals(ContentDigest.sha256(body))) {
      throw new IllegalArgumentException("the base covers another body");
    }
    byte[] signature = alg.sign(key, base.bytes());
    return new SignedResponse(body, base.contentType(), base.contentDigest(), base.signatureInputHeader(),
        ResponseSignatureBase.LABEL + "=:" + Base64.getEncoder().encodeToString(signature) + ":");
  }
}
