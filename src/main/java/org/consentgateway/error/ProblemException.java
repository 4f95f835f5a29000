package org.consentgateway.error;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A request that ends in a problem response. The detail is shown to the caller: it must never
 * hold a raw ID number, a name or a secret.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final Map<String, String> extensions;

  public ProblemException(ErrorCode code, String detail) {
    this(code, detail, Map.of());
  }

  /**
   * A problem with extension members (RFC 9457 §3.2) that the client may act on, e.g. the day a
   * refused repair becomes possible; like the detail, they never hold personal data.
   */
  public ProblemException(ErrorCode code, String detail, Map<String, String> extensions) {
    super(detail, null, false, false);
    this.code = requireNonNull(code, "code is null");
    this.extensions = Map.copyOf(requireNonNull(extensions, "extensions is null"));
  }

  public ErrorCode code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  /** The extension members, by name; empty for most problems. */
  public Map<String, String> extensions() {
    return extensions;
  }
}
