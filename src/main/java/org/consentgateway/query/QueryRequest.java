package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.Grade;

/** The body of {@code POST /v1/queries}: {@code {"consentToken", "purpose", "grade"}}. */
public record QueryRequest(String consentToken, String purpose, Grade grade) {

  public QueryRequest {
    requireNonNull(consentToken, "consentToken is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grade, "grade is null");
  }

  /** Parses the body; a missing or ill-typed member is {@code invalid_request}. */
  public static QueryRequest fromJson(ObjectNode body) {
    String token = text(body, "consentToken");
    String purpose = text(body, "purpose");
    Grade grade = Grade.named(text(body, "grade"))
        .orElseThrow(() -> new ProblemException(ErrorCode.INVALID_REQUEST, "grade must be BASIC, SUMMARY or DETAIL."));
    return new QueryRequest(token, purpose, grade);
  }

  private static String text(ObjectNode body, String name) {
    JsonNode value = body.get(name);
    if (value != null && value.isTextual() && !value.textValue().isBlank()) {
      return value.textValue();
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, name + " must be a non-empty string.");
  }
}
