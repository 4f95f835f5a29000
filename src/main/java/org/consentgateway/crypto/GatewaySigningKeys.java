package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's token signing keys as JWKs: the current one (signs) and the retired ones still
 * needed to verify tokens that have not expired. {@code kid} is the RFC 7638 thumbprint.
 * Immutable and thread-safe.
 */
public final class GatewaySigningKeys {

  private final ECKey current;
  private final Map<String, ECKey> verificationKeys;

  private GatewaySigningKeys(ECKey current, Map<String, ECKey> verificationKeys) {
    this.current = current;
    this.verificationKeys = Map.copyOf(verificationKeys);
  }

  /**
   * @param longestTokenLifetime how long a token signed just before a retirement may stay valid;
   *     retired keys older than that are no longer published nor accepted
   */
  public static GatewaySigningKeys of(KeyPair current, List<SigningKeyRotation.RetiredKey> retired, Instant now,
      Duration longestTokenLifetime) {
    requireNonNull(current, "current is null");
    ECKey currentKey = withThumbprint(new ECKey.Builder(Curve.P_256, (ECPublicKey) current.getPublic())
        .privateKey((ECPrivateKey) current.getPrivate()));
    Map<String, ECKey> verification = new LinkedHashMap<>();
    verification.put(currentKey.getKeyID(), currentKey.toPublicJWK());
    for (SigningKeyRotation.RetiredKey key : retired) {
      if (key.retiredAt().plus(longestTokenLifetime).isAfter(now)) {
        ECKey retiredKey = withThumbprint(new ECKey.Builder(Curve.P_256, (ECPublicKey) key.key()));
        verification.putIfAbsent(retiredKey.getKeyID(), retiredKey);
      }
    }
    return new GatewaySigningKeys(currentKey, verification);
  }

  private static ECKey withThumbprint(ECKey.Builder builder) {
    try {
      ECKey key = builder.keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build();
      return new ECKey.Builder(key).keyID(key.computeThumbprint().toString()).build();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot compute a key thumbprint", e);
    }
  }

  /** The key that signs new tokens (holds the private part: never publish it). */
  public ECKey current() {
    return current;
  }

  public String currentKeyId() {
    return current.getKeyID();
  }

  /** A public key that may verify a token with this {@code kid}. */
  public Optional<ECKey> verificationKey(String kid) {
    return Optional.ofNullable(verificationKeys.get(kid));
  }

  /** The public JWK set: current key first, then the still-valid retired keys. */
  public JWKSet publicJwkSet() {
    List<com.nimbusds.jose.jwk.JWK> keys = new ArrayList<>(verificationKeys.size());
    keys.add(current.toPublicJWK());
    verificationKeys.values().stream().filter(key -> !key.getKeyID().equals(current.getKeyID())).forEach(keys::add);
    return new JWKSet(keys);
  }
}
