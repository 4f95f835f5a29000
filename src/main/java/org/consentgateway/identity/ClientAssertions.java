package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@code private_key_jwt} client assertions (RFC 7523 §3, RFC 7521 §5.2): signed with the
 * client's registered key; {@code iss} = {@code sub} = client id; {@code aud} names this gateway;
 * {@code exp} present, not past, at most five minutes ahead; a {@code jti}. Single use of the
 * {@code jti} is the replay guard's job.
 */
public final class ClientAssertions {

  /** The JWS algorithms a client assertion may be signed with (which one depends on the client's key type). */
  public static List<String> signingAlgorithms() {
    return KeyBoundSignature.ACCEPTED.stream().map(JWSAlgorithm::getName).toList();
  }

  private static final int MAX_JTI_LENGTH = 256;

  private final List<String> audiences;
  private final Duration skew;
  private final Duration maxLifetime;
  private final Clock clock;

  /** A verified assertion's single-use id and expiry, or why it is refused. */
  public record Check(Optional<String> jti, Instant expiresAt, String problem) {
    static Check refused(String problem) {
      return new Check(Optional.empty(), Instant.EPOCH, problem);
    }

    public boolean accepted() {
      return jti.isPresent();
    }
  }

  /** @param issuer the gateway's issuer URL; its token endpoint URL is accepted as audience too (RFC 7523 §3) */
  public ClientAssertions(String issuer, Duration skew, Duration maxLifetime, Clock clock) {
    requireNonNull(issuer, "issuer is null");
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    this.audiences = List.of(issuer, base, base + "/v1/oauth/token");
    this.skew = requireNonNull(skew, "skew is null");
    this.maxLifetime = requireNonNull(maxLifetime, "maxLifetime is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The client id an assertion claims, read without verifying it (to find the key, and to rate-limit). */
  public static Optional<String> claimedClientId(String assertion) {
    try {
      JWTClaimsSet claims = SignedJWT.parse(assertion).getJWTClaimsSet();
      return Optional.ofNullable(claims.getIssuer()).filter(issuer -> issuer.equals(claims.getSubject()));
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  public Check verify(String assertion, RegisteredClient client) {
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(assertion);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return Check.refused("client assertion is not a signed JWT");
    }
    Optional<String> badSignature = KeyBoundSignature.check(jwt, client.key().jwk());
    if (badSignature.isPresent()) {
      return Check.refused("client assertion " + badSignature.get());
    }
    if (!client.id().equals(claims.getIssuer()) || !client.id().equals(claims.getSubject())) {
      return Check.refused("client assertion iss and sub must both be the client id");
    }
    if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
      return Check.refused("client assertion aud must be " + audiences.get(0));
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null) {
      return Check.refused("client assertion has no exp");
    }
    if (!exp.toInstant().plus(skew).isAfter(now)) {
      return Check.refused("client assertion has expired");
    }
    if (exp.toInstant().isAfter(now.plus(maxLifetime).plus(skew))) {
      return Check.refused("client assertion exp is more than " + maxLifetime.toMinutes() + " minutes ahead");
    }
    if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew))) {
      return Check.refused("client assertion is not valid yet (nbf)");
    }
    String jti = claims.getJWTID();
    if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_LENGTH) {
      return Check.refused("client assertion needs a jti of at most " + MAX_JTI_LENGTH + " characters");
    }
    return new Check(Optional.of(jti), exp.toInstant(), "");
  }
}
