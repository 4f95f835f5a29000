package org.consentgateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a JWS with a key we hold, allowing only the algorithms that key's type is for: ES256
 * for an EC P-256 key, RS/PS 256-512 for an RSA key. The token's own {@code alg} never chooses
 * the verifier, so {@code none} and HMAC keyed with a public key (alg confusion) cannot pass, and
 * keys named by the token ({@code jku}, {@code x5u}, {@code jwk}) are never fetched or used.
 */
final class KeyBoundSignature {

  private static final Set<JWSAlgorithm> RSA_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);

  /** Every algorithm some registered key may sign with, strongest-first by family: what the token endpoint's metadata lists. */
  static final List<JWSAlgorithm> ACCEPTED = List.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

  private KeyBoundSignature() {}

  /** Empty when the signature verifies with {@code key}; else what is wrong. */
  static Optional<String> check(SignedJWT jwt, JWK key) {
    JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
    if (jwt.getHeader().getCriticalParams() != null && !jwt.getHeader().getCriticalParams().isEmpty()) {
      return Optional.of("critical header parameters " + jwt.getHeader().getCriticalParams() + " are not understood");
    }
    try {
      JWSVerifier verifier;
      if (key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
        if (!JWSAlgorithm.ES256.equals(algorithm)) {
          return Optional.of("algorithm " + algorithm + " is not accepted for an EC P-256 key (use ES256)");
        }
        verifier = new ECDSAVerifier(ec);
      } else if (key instanceof RSAKey rsa) {
        if (!RSA_ALGORITHMS.contains(algorithm)) {
          return Optional.of("algorithm " + algorithm + " is not accepted for an RSA key (use RS256 or PS256)");
        }
        verifier = new RSASSAVerifier(rsa);
      } else {
        return Optional.of("the registered key type is not supported");
      }
      return jwt.verify(verifier) ? Optional.empty() : Optional.of("signature does not verify with the registered key");
    } catch (JOSEException | IllegalStateException e) {
      return Optional.of("signature cannot be verified");
    }
  }
}
