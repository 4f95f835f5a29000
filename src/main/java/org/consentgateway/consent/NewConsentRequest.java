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
 */
public record NewConsentRequest(
    ResidentIdNumber subject, String purpose, String grade, int validDays, int maxUses, Optional<Integer> dataWindowMonths) {

  public NewConsentRequest {
    requireNonNull(subject, "subject is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
    requireNonNull(dataWindowMonths, "dataWindowMonths is null");
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
        whole(body, "maxUses"), window);
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
