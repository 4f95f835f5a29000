package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.policy.Grade;
import org.consentgateway.value.SubjectRef;

/**
 * The claims of a verified consent token (issued by {@code consent.ConsentTokens}). The token only
 * names the consent: its live state is read from the consents table on every query.
 *
 * @param jkt the {@code cnf.jkt} thumbprint of the institution key the token is bound to
 */
record ConsentClaims(UUID consentId, String subjectRef, List<String> audience, String jkt, String purpose, Grade grade) {

  ConsentClaims {
    requireNonNull(consentId, "consentId is null");
    requireNonNull(subjectRef, "subjectRef is null");
    audience = List.copyOf(audience);
    requireNonNull(jkt, "jkt is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
  }

  /** The claims, or empty when a claim the gateway always issues is missing or malformed. */
  static Optional<ConsentClaims> read(JWTClaimsSet claims, String issuer) {
    try {
      if (!issuer.equals(claims.getIssuer()) || claims.getAudience() == null) {
        return Optional.empty();
      }
      UUID id = UUID.fromString(requireNonNull(claims.getJWTID()));
      String subject = SubjectRef.parse(requireNonNull(claims.getSubject())).value();
      Map<String, Object> cnf = claims.getJSONObjectClaim("cnf");
      if (cnf == null || !(cnf.get("jkt") instanceof String jkt)) {
        return Optional.empty();
      }
      Optional<Grade> grade = Grade.named(requireNonNull(claims.getStringClaim("grade")));
      String purpose = requireNonNull(claims.getStringClaim("purpose"));
      return grade.map(value -> new ConsentClaims(id, subject, claims.getAudience(), jkt, purpose, value));
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the token was issued to exactly this institution. */
  boolean issuedTo(String uscc) {
    return audience.size() == 1 && audience.get(0).equals(uscc);
  }
}
