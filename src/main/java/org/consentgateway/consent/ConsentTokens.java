package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.consentgateway.crypto.GatewayJwt;

/**
 * The gateway-signed tokens of the lifecycle (ES256, {@code kid} in the JWKS). Each has its own
 * {@code typ}, so a receipt can never be presented as a consent token. Thread-safe.
 */
public final class ConsentTokens {

  /** The consent token an institution presents with a query. */
  public static final JOSEObjectType CONSENT_TOKEN_TYPE = new JOSEObjectType("consent+jwt");
  /** The citizen's proof of what they approved or revoked. */
  public static final JOSEObjectType RECEIPT_TYPE = new JOSEObjectType("consent-receipt+jwt");

  /** What a receipt attests, its {@code action} claim. */
  public enum ReceiptAction {
    APPROVED("approved"),
    REVOKED("revoked");

    private final String claim;

    ReceiptAction(String claim) {
      this.claim = claim;
    }

    public String claim() {
      return claim;
    }
  }

  private final GatewayJwt jwt;
  private final String issuer;
  private final Clock clock;

  public ConsentTokens(GatewayJwt jwt, String issuer, Clock clock) {
    this.jwt = requireNonNull(jwt, "jwt is null");
    this.issuer = requireNonNull(issuer, "issuer is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The consent token: who ({@code sub}, the subjectRef, never the ID number) let whom ({@code aud})
   * do what ({@code purpose}, {@code grade}) for how long ({@code nbf}..{@code exp}). {@code cnf.jkt}
   * binds it to the institution's registered key (RFC 7800 §3.1, thumbprint per RFC 7638 as in
   * RFC 9449 §6.1), so a stolen token is useless without that key.
   */
  public String consentToken(Consent consent, String institutionKeyThumbprint) {
    requireNonNull(institutionKeyThumbprint, "institutionKeyThumbprint is null");
    JWTClaimsSet claims = period(consent)
        .audience(consent.institutionUscc())
        .jwtID(consent.id().toString())
        .claim("max_uses", consent.maxUses())
        .claim("data_window_months", consent.dataWindowMonths())
        .claim("cnf", Map.of("jkt", institutionKeyThumbprint))
        .build();
    return jwt.sign(CONSENT_TOKEN_TYPE, claims);
  }

  /** A receipt naming the consent, institution, purpose, grade, period and what was done. */
  public String receipt(Consent consent, ReceiptAction action) {
    JWTClaimsSet claims = period(consent)
        .jwtID(UUID.randomUUID().toString())
        .claim("consent_id", consent.id().toString())
        .claim("institution", consent.institutionUscc())
        .claim("action", action.claim())
        .build();
    return jwt.sign(RECEIPT_TYPE, claims);
  }

  private JWTClaimsSet.Builder period(Consent consent) {
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(consent.subjectRef())
        .issueTime(Date.from(clock.instant()))
        .notBeforeTime(Date.from(consent.notBefore()))
        .expirationTime(Date.from(consent.expiresAt()))
        .claim("purpose", consent.purpose())
        .claim("grade", consent.grade().name());
  }
}
