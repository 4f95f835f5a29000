package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Optional;

/**
 * Signs and verifies the gateway's own JWTs (ES256, {@code kid} from the JWKS). Every token kind
 * has its own {@code typ} (access token, consent token, receipt), so one kind can never be
 * passed off as another. Verification checks form, size, algorithm, type, key and signature;
 * the claims are the caller's to check. Thread-safe.
 */
public final class GatewayJwt {

  private final GatewaySigningKeys keys;
  private final ECDSASigner signer;
  private final int maxTokenBytes;

  /** Why a token was refused, or its verified claims. */
  public record Verification(Optional<JWTClaimsSet> claims, String problem) {
    static Verification refused(String problem) {
      return new Verification(Optional.empty(), problem);
    }

    public boolean verified() {
      return claims.isPresent();
    }
  }

  public GatewayJwt(GatewaySigningKeys keys, int maxTokenBytes) {
    this.keys = requireNonNull(keys, "keys is null");
    this.maxTokenBytes = maxTokenBytes;
    try {
      this.signer = new ECDSASigner(keys.current());
    } catch (JOSEException e) {
      throw new IllegalStateException("the gateway signing key cannot sign ES256", e);
    }
  }

  public String sign(JOSEObjectType type, JWTClaimsSet claims) {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(type).keyID(keys.currentKeyId()).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
    return jwt.serialize();
  }

  public Verification verify(String token, JOSEObjectType expectedType) {
    if (token.length() > maxTokenBytes) {
      return Verification.refused("token is larger than " + maxTokenBytes + " bytes");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      return Verification.refused("token is not a signed JWT");
    }
    JWSHeader header = jwt.getHeader();
    // Only ES256 from our own keys: never "none", never HMAC, never a key named by the token itself (jku, x5u, jwk).
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      return Verification.refused("algorithm " + header.getAlgorithm() + " is not accepted");
    }
    if (!expectedType.equals(header.getType())) {
      return Verification.refused("token type is not " + expectedType);
    }
    if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
      return Verification.refused("token has critical header parameters this gateway does not understand");
    }
    Optional<ECKey> key = Optional.ofNullable(header.getKeyID()).flatMap(keys::verificationKey);
    if (key.isEmpty()) {
      return Verification.refused("token key id is unknown");
    }
    try {
      if (!jwt.verify(new ECDSAVerifier(key.get()))) {
        return Verification.refused("token signature is invalid");
      }
      return new Verification(Optional.of(jwt.getJWTClaimsSet()), "");
    } catch (JOSEException | ParseException e) {
      return Verification.refused("token signature or claims are malformed");
    }
  }
}
