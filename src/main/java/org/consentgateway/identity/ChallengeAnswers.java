package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The console's sign-in without passwords: a regulator or operator signs a one-time challenge with
 * the key registered for its {@code private_key_jwt} client, as a compact JWS whose claims are
 * {@code iss} = {@code sub} = the client id, {@code aud} = the console's audience
 * ({@link #audience}), {@value #CHALLENGE_CLAIM} = the challenge shown on the sign-in page, and an
 * {@code exp} at most the assertion lifetime ahead. The signature is checked exactly as a client
 * assertion's ({@link KeyBoundSignature}: the registered key's type chooses the algorithm, ES256
 * or RS/PS). Whether the challenge is still unused and this browser's is the caller's to decide.
 */
public final class ChallengeAnswers {

  /** The claim that carries the challenge. */
  public static final String CHALLENGE_CLAIM = "challenge";
  /** Appended to the gateway's issuer: the console's audience, so no client assertion for the token endpoint can sign in. */
  public static final String AUDIENCE_PATH = "/console";
  /** A challenge answer is a few hundred bytes; anything this long is not one. */
  public static final int MAX_ANSWER_LENGTH = 8192;

  private final String audience;
  private final Duration skew;
  private final Duration maxLifetime;
  private final Clock clock;

  /** Why an answer is refused, as the sign-in page words it. */
  public enum Problem {
    /** Not a compact JWS with the claims asked for. */
    MALFORMED,
    /** No regulator or operator has this id (an institution's id included: institutions have no console). */
    UNKNOWN_CLIENT,
    /** The member is disabled. */
    DISABLED,
    /** The signature does not verify with the member's registered key, or iss/sub are not its id. */
    BAD_SIGNATURE,
    /** Signed for another audience. */
    WRONG_AUDIENCE,
    /** Signed over another challenge than this page's. */
    WRONG_CHALLENGE,
    /** Past its {@code exp}, or with an {@code exp} too far ahead. */
    EXPIRED
  }

  /** @param issuer the gateway's issuer URL; the console's audience is derived from it */
  public ChallengeAnswers(String issuer, Duration skew, Duration maxLifetime, Clock clock) {
    this.audience = audience(requireNonNull(issuer, "issuer is null"));
    this.skew = requireNonNull(skew, "skew is null");
    this.maxLifetime = requireNonNull(maxLifetime, "maxLifetime is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The console's audience for a gateway whose issuer is {@code issuer}: {@code <issuer>/console}. */
  public static String audience(String issuer) {
    return (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + AUDIENCE_PATH;
  }

  /** The client id an answer claims ({@code iss} = {@code sub}), read without verifying it. */
  public static Optional<String> claimedClientId(String answer) {
    return ClientAssertions.claimedClientId(answer);
  }

  /**
   * Checks {@code answer} against {@code challenge} and {@code client}'s registered key: empty when
   * it is a good answer of an active regulator or operator.
   */
  public Optional<Problem> check(String answer, String challenge, RegisteredClient client) {
    requireNonNull(challenge, "challenge is null");
    requireNonNull(client, "client is null");
    if (answer == null || answer.length() > MAX_ANSWER_LENGTH) {
      return Optional.of(Problem.MALFORMED);
    }
    switch (client.role()) {
      case REGULATOR, OPERATOR -> { }
      case INSTITUTION, CITIZEN -> {
        return Optional.of(Problem.UNKNOWN_CLIENT);
      }
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(answer.strip());
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return Optional.of(Problem.MALFORMED);
    }
    if (KeyBoundSignature.check(jwt, client.key().jwk()).isPresent()
        || !client.id().equals(claims.getIssuer()) || !client.id().equals(claims.getSubject())) {
      return Optional.of(Problem.BAD_SIGNATURE);
    }
    if (!client.active()) {
      return Optional.of(Problem.DISABLED);
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
      return Optional.of(Problem.WRONG_AUDIENCE);
    }
    Object signed = claims.getClaim(CHALLENGE_CLAIM);
    if (!(signed instanceof String text) || !MessageDigest.isEqual(text.getBytes(StandardCharsets.UTF_8),
        challenge.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(Problem.WRONG_CHALLENGE);
    }
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.toInstant().plus(skew).isAfter(now) || exp.toInstant().isAfter(now.plus(maxLifetime).plus(skew))) {
      return Optional.of(Problem.EXPIRED);
    }
    return Optional.empty();
  }

  /**
   * The answer to {@code challenge}, signed with the member's private key (ES256 for EC P-256,
   * RS256 for RSA), valid for {@link DevTokens#ASSERTION_LIFETIME}: what {@code gateway dev
   * sign-challenge} prints.
   */
  public static String sign(String clientId, String audience, String challenge, PrivateKey key, Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(requireNonNull(clientId, "clientId is null"))
        .subject(clientId)
        .audience(requireNonNull(audience, "audience is null"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(DevTokens.ASSERTION_LIFETIME)))
        .claim(CHALLENGE_CLAIM, requireNonNull(challenge, "challenge is null").strip())
        .build();
    return DevTokens.sign(claims, key, null);
  }
}
