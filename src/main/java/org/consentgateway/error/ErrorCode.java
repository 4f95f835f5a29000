package org.consentgateway.error;

/**
 * The stable error codes of the public contract (docs/api.md), each with its HTTP status. This is the
 * one place that maps a code to a status; decisions carry the code, the response follows it.
 */
public enum ErrorCode {
  INVALID_REQUEST(400, "Invalid request"),
  UNAUTHENTICATED(401, "Unauthenticated"),
  FORBIDDEN(403, "Forbidden"),
  CONSENT_INVALID(403, "Consent token invalid"),
  CONSENT_EXPIRED(403, "Consent expired"),
  CONSENT_REVOKED(403, "Consent revoked"),
  CONSENT_EXHAUSTED(403, "Consent exhausted"),
  CONSENT_NOT_YOURS(403, "Consent issued to another institution"),
  PURPOSE_MISMATCH(403, "Purpose mismatch"),
  GRADE_EXCEEDS_CONSENT(403, "Grade exceeds consent"),
  PURPOSE_NOT_PERMITTED(403, "Purpose not permitted"),
  NOT_FOUND(404, "Not found"),
  METHOD_NOT_ALLOWED(405, "Method not allowed"),
  REQUEST_TIMEOUT(408, "Request timeout"),
  CONFLICT(409, "Conflict"),
  // Complaints (docs/citizen-rights.md "Complaints").
  COMPLAINT_OPEN(409, "A complaint about this entry is open"),
  COMPLAINT_STATUS(409, "Not possible in the complaint's status"),
  PAYLOAD_TOO_LARGE(413, "Payload too large"),
  URI_TOO_LONG(414, "URI too long"),
  UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
  EXPECTATION_FAILED(417, "Expectation failed"),
  RATE_LIMITED(429, "Rate limited"),
  HEADER_FIELDS_TOO_LARGE(431, "Request header fields too large"),
  INTERNAL_ERROR(500, "Internal error"),
  UNAVAILABLE(503, "Unavailable"),
  // Credit repair (issue 17): the category allows none, it is too early (the problem says from when), not pending.
  REPAIR_NOT_ALLOWED(422, "Repair not allowed"),
  REPAIR_TOO_EARLY(422, "Repair too early"),
  REPAIR_NOT_PENDING(409, "Repair not pending");

  private final int status;
  private final String title;

  ErrorCode(int status, String title) {
    this.status = status;
    this.title = title;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The snake_case code clients match on, e.g. {@code consent_revoked}. */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The code a framework-level HTTP status stands for (routing, body handling). Statuses are an
   * open set: any other is answered as a refusal, 500 {@code internal_error}, never as a success.
   */
  public static ErrorCode forStatus(int status) {
    return switch (status) {
      case 400 -> INVALID_REQUEST;
      case 401 -> UNAUTHENTICATED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 408 -> REQUEST_TIMEOUT;
      case 409 -> CONFLICT;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 414 -> URI_TOO_LONG;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      case 417 -> EXPECTATION_FAILED;
      case 429 -> RATE_LIMITED;
      case 431 -> HEADER_FIELDS_TOO_LARGE;
      case 503 -> UNAVAILABLE;
      default -> INTERNAL_ERROR;
    };
  }
}
