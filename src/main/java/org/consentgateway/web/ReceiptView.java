package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.util.Date;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.PurposeCatalog;

/**
 * A consent receipt as the citizen reads it: what the signed JWS says, claim by claim, in words,
 * and the JWS itself to download. The receipt is the one the consent capability has just signed;
 * this only reads it.
 *
 * @param action what the receipt records, in words
 * @param institutionUscc the {@code institution} claim
 * @param purposeLabel the {@code purpose} claim, as the policies name it
 * @param gradeName the {@code grade} claim, as a named set of data
 * @param validFrom the {@code nbf} claim
 * @param validUntil the {@code exp} claim
 * @param signedAt the {@code iat} claim
 * @param issuer the {@code iss} claim: the gateway that signed it
 * @param keyId the header's {@code kid}: the key in the gateway's JWKS that verifies it
 * @param jws the receipt as signed (JWS compact serialisation)
 */
public record ReceiptView(
    String consentId,
    String action,
    String institutionUscc,
    String purposeLabel,
    String gradeName,
    String validFrom,
    String validUntil,
    String signedAt,
    String issuer,
    String keyId,
    String jws) {

  /** The media type of a JWS in compact serialisation (RFC 7515 §9.2.1). */
  static final String MEDIA_TYPE = "application/jose";

  public ReceiptView {
    requireNonNull(consentId, "consentId is null");
    requireNonNull(action, "action is null");
    requireNonNull(institutionUscc, "institutionUscc is null");
    requireNonNull(purposeLabel, "purposeLabel is null");
    requireNonNull(gradeName, "gradeName is null");
    requireNonNull(validFrom, "validFrom is null");
    requireNonNull(validUntil, "validUntil is null");
    requireNonNull(signedAt, "signedAt is null");
    requireNonNull(issuer, "issuer is null");
    requireNonNull(keyId, "keyId is null");
    requireNonNull(jws, "jws is null");
  }

  /** Reads {@code receipt}, a receipt the gateway signed, in the reader's words. */
  static ReceiptView of(String receipt, PurposeCatalog purposes, Messages words) {
    SignedJWT jwt = parse(receipt);
    JWTClaimsSet claims = claims(jwt);
    String purpose = text(claims, "purpose");
    Grade grade = Grade.named(text(claims, "grade")).orElseThrow(() -> new IllegalStateException("a receipt names an unknown grade"));
    return new ReceiptView(text(claims, "consent_id"), words.text("receipt.action." + text(claims, "action")),
        text(claims, "institution"),
        purposes.find(purpose).map(found -> ConsentScreen.purposeLabel(found, words)).orElse(purpose),
        ConsentScreen.gradeName(grade, words), time(claims.getNotBeforeTime(), words), time(claims.getExpirationTime(), words),
        time(claims.getIssueTime(), words), claims.getIssuer(), jwt.getHeader().getKeyID(), receipt);
  }

  /** The name the download is saved under. */
  public String fileName() {
    return fileName(consentId);
  }

  static String fileName(String consentId) {
    return "consent-receipt-" + consentId + ".jws";
  }

  /** Where the citizen downloads this receipt, as a file ({@link ReceiptDownload}). */
  public String downloadHref() {
    return ReceiptDownload.href(consentId);
  }

  private static SignedJWT parse(String receipt) {
    try {
      return SignedJWT.parse(requireNonNull(receipt, "receipt is null"));
    } catch (ParseException e) {
      throw new IllegalStateException("the gateway's own receipt does not parse", e);
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new IllegalStateException("the gateway's own receipt has no claims set", e);
    }
  }

  private static String text(JWTClaimsSet claims, String name) {
    Object value = claims.getClaim(name);
    if (!(value instanceof String text)) {
      throw new IllegalStateException("a receipt lacks its " + name + " claim");
    }
    return text;
  }

  private static String time(Date date, Messages words) {
    return DisplayTime.of(requireNonNull(date, "a receipt lacks a time claim").toInstant(), words);
  }
}
