package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies the tokens the gateway signs for an institution: consent tokens, receipts and webhook
 * events. Each is
 * an ES256 JWS of its own {@code typ} (a receipt is never taken for a consent token), signed by a
 * key of the gateway's JWKS, issued by the gateway the client discovered, and naming this
 * institution.
 */
final class TokenVerifier {

  static final JOSEObjectType CONSENT_TOKEN = new JOSEObjectType("consent+jwt");
  static final JOSEObjectType RECEIPT = new JOSEObjectType("consent-receipt+jwt");
  static final JOSEObjectType EVENT = new JOSEObjectType("consent-event+jwt");
  static final JOSEObjectType COMPLAINT_EVENT = new JOSEObjectType("complaint-event+jwt");
  /** The gateway allows 30 s of clock skew; so does the client. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final JwksCache keys;
  private final String issuer;
  private final String clientId;
  private final Clock clock;

  TokenVerifier(JwksCache keys, String issuer, String clientId, Clock clock) {
    this.keys = requireNonNull(keys, "keys is null");
    this.issuer = requireNonNull(issuer, "issuer is null");
    this.clientId = requireNonNull(clientId, "clientId is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  CompletableFuture<ConsentToken> consentToken(String token) {
    return verified(token, CONSENT_TOKEN).thenApply(claims -> {
      if (!claims.getAudience().equals(java.util.List.of(clientId))) {
        throw invalid("the consent token was issued to another institution");
      }
      Instant now = clock.instant();
      Instant notBefore = instant(claims.getNotBeforeTime(), "nbf");
      Instant expiresAt = instant(claims.getExpirationTime(), "exp");
      if (now.isAfter(expiresAt.plus(CLOCK_SKEW))) {
        throw invalid("the consent token has expired");
      }
      return new ConsentToken(token, text(claims.getJWTID(), "jti"), text(claims.getSubject(), "sub"),
          claim(claims, "purpose"), claim(claims, "grade"), notBefore, expiresAt, number(claims, "max_uses"));
    });
  }

  CompletableFuture<Receipt> receipt(String receipt) {
    // A receipt attests a past act: it stays valid evidence after the consent's period.
    return verified(receipt, RECEIPT).thenApply(claims -> {
      if (!clientId.equals(claim(claims, "institution"))) {
        throw invalid("the receipt names another institution");
      }
      return new Receipt(claim(claims, "consent_id"), clientId, claim(claims, "action"), claim(claims, "purpose"),
          claim(claims, "grade"), instant(claims.getIssueTime(), "iat"), instant(claims.getExpirationTime(), "exp"));
    });
  }

  CompletableFuture<ConsentEvent> event(String event) {
    return verified(event, EVENT).thenApply(claims -> {
      if (!claims.getAudience().equals(java.util.List.of(clientId))) {
        throw invalid("the event is addressed to another institution");
      }
      return new ConsentEvent(text(claims.getJWTID(), "jti"), claim(claims, "consent_id"), claim(claims, "event"),
          instant(claims.getIssueTime(), "iat"));
    });
  }

  CompletableFuture<ComplaintEvent> complaintEvent(String event) {
    return verified(event, COMPLAINT_EVENT).thenApply(claims -> {
      if (!claims.getAudience().equals(java.util.List.of(clientId))) {
        throw invalid("the event is addressed to another institution");
      }
      Object index = claims.getClaim("audit_index");
      if (!(index instanceof Number number) || number.longValue() < 0) {
        throw invalid("the event has no audit_index");
      }
      Object outcome = claims.getClaim("outcome");
      return new ComplaintEvent(text(claims.getJWTID(), "jti"), claim(claims, "complaint_id"), number.longValue(),
          claim(claims, "event"), outcome instanceof String text ? java.util.Optional.of(text) : java.util.Optional.empty(),
          instant(claims.getIssueTime(), "iat"));
    });
  }

  private CompletableFuture<JWTClaimsSet> verified(String token, JOSEObjectType type) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(requireNonNull(token, "token is null"));
    } catch (ParseException e) {
      return CompletableFuture.failedFuture(new VerificationException(VerificationFailure.TOKEN_INVALID, "not a signed JWT", e));
    }
    if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !type.equals(jwt.getHeader().getType())
        || jwt.getHeader().getKeyID() == null
        || jwt.getHeader().getCriticalParams() != null && !jwt.getHeader().getCriticalParams().isEmpty()) {
      return CompletableFuture.failedFuture(invalid("not an ES256 " + type + " with a kid"));
    }
    return keys.key(jwt.getHeader().getKeyID()).thenApply(key -> {
      if (!signatureVerifies(jwt, key)) {
        throw new VerificationException(VerificationFailure.BAD_SIGNATURE, "the " + type + " signature does not verify with the gateway's key");
      }
      try {
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (!issuer.equals(claims.getIssuer())) {
          throw invalid("the " + type + " was issued by another gateway");
        }
        return claims;
      } catch (ParseException e) {
        throw new VerificationException(VerificationFailure.TOKEN_INVALID, "the claims do not parse", e);
      }
    });
  }

  private static boolean signatureVerifies(SignedJWT jwt, JWK key) {
    try {
      return key instanceof com.nimbusds.jose.jwk.ECKey ec && jwt.verify(new ECDSAVerifier(ec.toECPublicKey()));
    } catch (JOSEException e) {
      return false;
    }
  }

  private static VerificationException invalid(String message) {
    return new VerificationException(VerificationFailure.TOKEN_INVALID, message);
  }

  private static Instant instant(Date date, String name) {
    if (date == null) {
      throw invalid("the token has no " + name);
    }
    return date.toInstant();
  }

  private static String text(String value, String name) {
    if (value == null) {
      throw invalid("the token has no " + name);
    }
    return value;
  }

  private static String claim(JWTClaimsSet claims, String name) {
    return claims.getClaim(name) instanceof String value ? value : text(null, name);
  }

  private static long number(JWTClaimsSet claims, String name) {
    Map<String, Object> all = claims.getClaims();
    if (all.get(name) instanceof Number value) {
      return value.longValue();
    }
    throw invalid("the token has no " + name);
  }
}
