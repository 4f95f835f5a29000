package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.InvalidIdentifierException;
import org.consentgateway.value.ResidentIdNumber;

/**
 * The body of {@code POST /v1/consent-requests}, checked for shape only (the policy checks are
 * {@link ConsentLifecycle}'s). The ID number is held as {@link ResidentIdNumber}, which prints
 * masked, and is never echoed in a refusal.
 *
 * @param dataWindowMonths empty means the purpose's maximum
 * @param redirectUri where to send the citizen back once they have answered; it must be one of the
 *     institution's registered redirect URIs, which {@link ConsentLifecycle} checks. Never echoed in a
 *     refusal: it is the institution's text
 * @param state the institution's opaque value for the redirect (1 to 256 visible ASCII characters);
 *     only with {@code redirectUri}
 */
public record NewConsentRequest(ResidentIdNumber subject, String purpose, String grade, int validDays, int maxUses,
    Optional<Integer> dataWindowMonths, Optional<String> redirectUri, Optional<String> state) {

  public NewConsentRequest {
    requireNonNull(subject, "subject is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(dataWindowMonths, "dataWindowMonths is null");
    requireNonNull(redirectUri, "redirectUri is null");
    requireNonNull(state, "state is null");
    if (state.isPresent() && redirectUri.isEmpty()) {
      throw invalid("state is only accepted together with redirectUri.");
    }
    if (state.isPresent() && !Redirect.STATE.matcher(state.get()).matches()) {
      throw invalid("state must be 1 to 256 visible ASCII characters (no space or control character).");
    }
  }

  /** Parses the body; a missing or ill-typed field is a 400 {@code invalid_request}. */
  public static NewConsentRequest fromJson(ObjectNode body) {
    requireNonNull(body, "body is null");
    ResidentIdNumber subject;
    try {
      subject = ResidentIdNumber.parse(text(body, "subjectIdNumber"));
    } catch (InvalidIdentifierException e) {
      // The parser's message is safe, but a fixed detail guarantees the number is never echoed.
      throw invalid("subjectIdNumber is not a valid resident ID number (GB 11643).");
    }
    Optional<Integer> window = body.has("dataWindowMonths")
        ? Optional.of(whole(body, "dataWindowMonths")) : Optional.empty();
    return new NewConsentRequest(subject, text(body, "purpose"), text(body, "grade"), whole(body, "validDays"),
        whole(body, "maxUses"), window, optionalText(body, "redirectUri"), optionalText(body, "state"));
  }

  /** The member's string when it is there; any other JSON value (null too) is refused. */
  private static Optional<String> optionalText(ObjectNode body, String field) {
    if (!body.has(field)) {
      return Optional.empty();
    }
    JsonNode value = body.get(field);
    if (value.isTextual() && !value.textValue().isEmpty()) {
      return Optional.of(value.textValue());
    }
    throw invalid(field + " must be a non-empty string.");
  }

  private static String text(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value != null && value.isTextual() && !value.textValue().isBlank()) {
      return value.textValue();
    }
    throw invalid(field + " is required and must be a non-empty string.");
  }

  private static int whole(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value != null && value.isIntegralNumber() && value.canConvertToInt()) {
      return value.intValue();
    }
    throw invalid(field + " is required and must be a whole number.");
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ErrorCode.INVALID_REQUEST, detail);
  }
}
