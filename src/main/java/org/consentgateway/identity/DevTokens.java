package org.consentgateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.consentgateway.value.ResidentIdNumber;

/**
 * Mints the tokens other parties would bring, for integrators trying the API and for tests: a
 * client's {@code private_key_jwt} assertion (RFC 7523), and a citizen token as the identity
 * provider would sign it (only ever with the demo identity provider key).
 */
public final class DevTokens {

  /** How long a fresh assertion lives: well inside the five minutes the gateway allows. */
  public static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(2);

  private DevTokens() {}

  /** A fresh assertion (new {@code jti} each time) signed with the client's private key. */
  public static String clientAssertion(String clientId, String audience, PrivateKey key, Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(clientId)
        .subject(clientId)
        .audience(audience)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    return sign(claims, key, null);
  }

  /** A citizen token carrying the ID number in {@code idn}, as the identity provider issues it. */
  public static String citizenToken(String idNumber, String issuer, String audience, PrivateKey key, Instant now, Duration lifetime) {
    ResidentIdNumber.parse(idNumber);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(UUID.randomUUID().toString())
        .audience(audience)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(lifetime)))
        .claim(CitizenTokens.ID_NUMBER_CLAIM, idNumber)
        .build();
    return sign(claims, key, JOSEObjectType.JWT);
  }

  /** Signs with ES256 for an EC key, RS256 for an RSA key. */
  public static String sign(JWTClaimsSet claims, PrivateKey key, JOSEObjectType type) {
    try {
      JWSSigner signer;
      JWSAlgorithm algorithm;
      if (key instanceof ECPrivateKey ec) {
        signer = new ECDSASigner(ec);
        algorithm = JWSAlgorithm.ES256;
      } else if (key instanceof RSAPrivateKey rsa) {
        signer = new RSASSASigner(rsa);
        algorithm = JWSAlgorithm.RS256;
      } else {
        throw new IllegalArgumentException("the key must be an EC P-256 or RSA private key");
      }
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(type).build(), claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
    }
  }
}
