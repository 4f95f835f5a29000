package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

/**
 * Client assertions for {@code private_key_jwt} (RFC 7523 §2.2, docs/authentication.md):
 * {@code iss} = {@code sub} = the client id, {@code aud} = the token endpoint, a fresh {@code jti}
 * (the gateway takes each once), and a short {@code exp}. A retried token request signs a new one.
 */
final class ClientAssertions {

  /** Well under the gateway's five minutes, so a slow clock still fits. */
  static final Duration LIFETIME = Duration.ofSeconds(60);

  private final String clientId;
  private final ClientSigningKey key;
  private final URI tokenEndpoint;
  private final Clock clock;

  ClientAssertions(String clientId, ClientSigningKey key, URI tokenEndpoint, Clock clock) {
    this.clientId = requireNonNull(clientId, "clientId is null");
    this.key = requireNonNull(key, "key is null");
    this.tokenEndpoint = requireNonNull(tokenEndpoint, "tokenEndpoint is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  String next() {
    Date now = Date.from(clock.instant());
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(clientId)
        .subject(clientId)
        .audience(tokenEndpoint.toString())
        .jwtID(UUID.randomUUID().toString())
        .issueTime(now)
        .expirationTime(Date.from(clock.instant().plus(LIFETIME)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).build(), claims);
    try {
      jwt.sign(key.signer());
    } catch (JOSEException e) {
      throw new ClientKeyException("the client assertion cannot be signed", e);
    }
    return jwt.serialize();
  }
}
