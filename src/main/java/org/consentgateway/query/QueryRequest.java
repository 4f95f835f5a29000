package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonObject;
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
  public static QueryRequest fromJson(JsonObject body) {
    String token = text(body, "consentToken");
    String purpose = text(body, "purpose");
    Grade grade = Grade.named(text(body, "grade"))
        .orElseThrow(() -> new ProblemException(ErrorCode.INVALID_REQUEST, "grade must be BASIC, SUMMARY or DETAIL."));
    return new QueryRequest(token, purpose, grade);
  }

  private static String text(JsonObject body, String name) {
    if (body.getValue(name) instanceof String value && !value.isBlank()) {
      return value;
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, name + " must be a non-empty string.");
  }
}
