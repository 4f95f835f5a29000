package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;

/**
 * The short-lived bearer tokens the token endpoint issues (RFC 9068 profile: {@code typ}
 * {@code at+jwt}, ES256, claims {@code iss}, {@code sub}, {@code aud}, {@code role}, {@code iat},
 * {@code exp}, {@code jti}).
 */
public final class AccessTokens {

  public static final JOSEObjectType TYPE = new JOSEObjectType("at+jwt");

  private final GatewayJwt jwt;
  private final String issuer;
  private final Duration ttl;
  private final Duration skew;
  private final Clock clock;

  /** An issued token and its lifetime in seconds. */
  public record Issued(String token, long expiresInSeconds) {}

  public AccessTokens(GatewayJwt jwt, String issuer, Duration ttl, Duration skew, Clock clock) {
    this.jwt = requireNonNull(jwt, "jwt is null");
    this.issuer = requireNonNull(issuer, "issuer is null");
    this.ttl = requireNonNull(ttl, "ttl is null");
    this.skew = requireNonNull(skew, "skew is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Issued issue(Role role, String clientId) {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(clientId)
        .audience(issuer)
        .claim("role", role.wireName())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ttl)))
        .jwtID(UUID.randomUUID().toString())
        .build();
    return new Issued(jwt.sign(TYPE, claims), ttl.toSeconds());
  }

  /** The principal of a valid access token, or why it is refused. */
  public Authentication verify(String token) {
    GatewayJwt.Verification verification = jwt.verify(token, TYPE);
    if (!verification.verified()) {
      return Authentication.refused(verification.problem());
    }
    JWTClaimsSet claims = verification.claims().get();
    Instant now = clock.instant();
    if (!issuer.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(issuer)) {
      return Authentication.refused("access token was not issued for this gateway");
    }
    if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().plus(skew).isAfter(now)) {
      return Authentication.refused("access token has expired");
    }
    Optional<Role> role = roleOf(claims).filter(r -> r != Role.CITIZEN);
    if (role.isEmpty() || claims.getSubject() == null) {
      return Authentication.refused("access token has no valid role or subject");
    }
    return Authentication.of(new Principal(role.get(), claims.getSubject()), claims.getExpirationTime().toInstant());
  }

  private static Optional<Role> roleOf(JWTClaimsSet claims) {
    try {
      return Optional.ofNullable(claims.getStringClaim("role")).flatMap(Role::fromWireName);
    } catch (ParseException e) {
      return Optional.empty();
    }
  }
}
