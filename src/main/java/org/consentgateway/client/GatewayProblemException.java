package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The gateway refused with a problem (RFC 9457). Each known {@link ProblemCode} arrives as one of
 * the nested types, so a caller catches the kind it can act on: {@link ConsentRefused} (ask the
 * citizen again), {@link RateLimited} and {@link Unavailable} (try later), {@link InvalidRequest}
 * (fix the request), and so on. A code the library does not know is {@link UnknownProblem}.
 */
public abstract class GatewayProblemException extends ConsentGatewayException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  GatewayProblemException(Problem problem) {
    super(requireNonNull(problem, "problem is null").status() + " " + problem.code() + ": " + problem.detail(), null);
    this.problem = problem;
  }

  /** The refusal's problem, as the gateway sent it. */
  public Problem problem() {
    return problem;
  }

  /** The code, when the library knows it; empty for {@link UnknownProblem}. */
  public Optional<ProblemCode> code() {
    return ProblemCode.fromWireName(problem.code());
  }

  /** How long the gateway asked the caller to wait ({@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return problem.retryAfter();
  }

  /** The typed exception for {@code problem}: one type per kind of refusal, exhaustively. */
  static GatewayProblemException of(Problem problem) {
    Optional<ProblemCode> code = ProblemCode.fromWireName(problem.code());
    if (code.isEmpty()) {
      return new UnknownProblem(problem);
    }
    return switch (code.get()) {
      case INVALID_REQUEST, METHOD_NOT_ALLOWED, REQUEST_TIMEOUT, PAYLOAD_TOO_LARGE, URI_TOO_LONG, UNSUPPORTED_MEDIA_TYPE,
          EXPECTATION_FAILED, HEADER_FIELDS_TOO_LARGE, REPAIR_NOT_ALLOWED, REPAIR_TOO_EARLY -> new InvalidRequest(problem);
      case UNAUTHENTICATED -> new Unauthenticated(problem);
      case FORBIDDEN -> new Forbidden(problem);
      case CONSENT_INVALID, CONSENT_EXPIRED, CONSENT_REVOKED, CONSENT_EXHAUSTED, CONSENT_NOT_YOURS, PURPOSE_MISMATCH,
          GRADE_EXCEEDS_CONSENT, PURPOSE_NOT_PERMITTED -> new ConsentRefused(problem);
      case NOT_FOUND -> new NotFound(problem);
      case CONFLICT, REPAIR_NOT_PENDING, COMPLAINT_OPEN, COMPLAINT_STATUS -> new Conflict(problem);
      case RATE_LIMITED -> new RateLimited(problem);
      case INTERNAL_ERROR -> new ServerError(problem);
      case UNAVAILABLE -> new Unavailable(problem);
    };
  }

  /** 400, 405, 408, 413-417, 431: the request itself is wrong; sending it again changes nothing. */
  public static final class InvalidRequest extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    InvalidRequest(Problem problem) {
      super(problem);
    }
  }

  /** 401: the access token or client assertion was refused (a wrong key, an unregistered client id, a clock far off). */
  public static final class Unauthenticated extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    Unauthenticated(Problem problem) {
      super(problem);
    }
  }

  /** 403 {@code forbidden}: not open to this client (another role, or the institution is disabled). */
  public static final class Forbidden extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    Forbidden(Problem problem) {
      super(problem);
    }
  }

  /**
   * 403 with a consent code ({@code consent_invalid}, {@code consent_expired}, {@code consent_revoked},
   * {@code consent_exhausted}, {@code consent_not_yours}, {@code purpose_mismatch},
   * {@code grade_exceeds_consent}, {@code purpose_not_permitted}): this consent does not allow this;
   * {@link #code()} says why.
   */
  public static final class ConsentRefused extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    ConsentRefused(Problem problem) {
      super(problem);
    }
  }

  /** 404: nothing this client may see (another's request, no credit file, an entry not its own). */
  public static final class NotFound extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    NotFound(Problem problem) {
      super(problem);
    }
  }

  /** 409: the state does not allow it yet or any more (for a proof: no checkpoint covers the entry yet). */
  public static final class Conflict extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    Conflict(Problem problem) {
      super(problem);
    }
  }

  /** 429: over the client's rate; {@link #retryAfter()} says when to try again. */
  public static final class RateLimited extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    RateLimited(Problem problem) {
      super(problem);
    }
  }

  /** 500: the gateway failed; the detail carries a reference for its operator. */
  public static final class ServerError extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    ServerError(Problem problem) {
      super(problem);
    }
  }

  /** 503: the gateway could not do it now; nothing was disclosed or changed, {@link #retryAfter()} says when to try again. */
  public static final class Unavailable extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    Unavailable(Problem problem) {
      super(problem);
    }
  }

  /** A code this version of the library does not know; {@link #problem()} holds it. */
  public static final class UnknownProblem extends GatewayProblemException {
    private static final long serialVersionUID = 1L;

    UnknownProblem(Problem problem) {
      super(problem);
    }
  }
}
