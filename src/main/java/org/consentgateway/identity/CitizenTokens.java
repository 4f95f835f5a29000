package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.consentgateway.crypto.Pseudonymizer;
import org.consentgateway.value.Principal;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.Role;

/**
 * Citizen tokens from the trusted identity provider: signed by one of its keys, {@code iss} and
 * {@code aud} as configured, not expired, and a valid resident ID number in {@code idn}. The
 * principal carries the pseudonymous subjectRef, never the ID number.
 */
public final class CitizenTokens {

  public static final String ID_NUMBER_CLAIM = "idn";
  /** The refusal of a token signed with a key this verifier does not have (the provider may have rotated). */
  public static final String UNKNOWN_KEY = "citizen token key id is unknown";
  /** The refusal of a token past its {@code exp}. */
  public static final String EXPIRED = "citizen token has expired";
  /** The refusal of a token whose {@code idn} is missing or not a valid resident ID number. */
  public static final String NO_VALID_ID_NUMBER = "citizen token has no valid resident ID number";

  private final JWKSet keys;
  private final String issuer;
  private final String audience;
  private final Duration skew;
  private final Pseudonymizer pseudonymizer;
  private final Clock clock;

  public CitizenTokens(JWKSet keys, String issuer, String audience, Duration skew, Pseudonymizer pseudonymizer, Clock clock) {
    this.keys = requireNonNull(keys, "keys is null");
    this.issuer = requireNonNull(issuer, "issuer is null");
    this.audience = requireNonNull(audience, "audience is null");
    this.skew = requireNonNull(skew, "skew is null");
    this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public String issuer() {
    return issuer;
  }

  public Authentication verify(SignedJWT jwt) {
    Optional<JWK> key = keyFor(jwt);
    if (key.isEmpty()) {
      return Authentication.refused(UNKNOWN_KEY);
    }
    Optional<String> badSignature = KeyBoundSignature.check(jwt, key.get());
    if (badSignature.isPresent()) {
      return Authentication.refused("citizen token " + badSignature.get());
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return Authentication.refused("citizen token claims are malformed");
    }
    Instant now = clock.instant();
    if (!issuer.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(audience)) {
      return Authentication.refused("citizen token was not issued for this gateway");
    }
    if (claims.getExpirationTime() == null || !claims.getExpirationTime().toInstant().plus(skew).isAfter(now)) {
      return Authentication.refused(EXPIRED);
    }
    if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().isAfter(now.plus(skew))) {
      return Authentication.refused("citizen token is not valid yet");
    }
    Object idn = claims.getClaim(ID_NUMBER_CLAIM);
    if (!(idn instanceof String text) || !ResidentIdNumber.isValid(text)) {
      return Authentication.refused(NO_VALID_ID_NUMBER);
    }
    String subjectRef = pseudonymizer.subjectRef(ResidentIdNumber.parse(text)).value();
    return Authentication.of(new Principal(Role.CITIZEN, subjectRef), claims.getExpirationTime().toInstant());
  }

  private Optional<JWK> keyFor(SignedJWT jwt) {
    String kid = jwt.getHeader().getKeyID();
    List<JWK> all = keys.getKeys();
    if (kid == null) {
      return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }
    return Optional.ofNullable(keys.getKeyByKeyId(kid));
  }
}
