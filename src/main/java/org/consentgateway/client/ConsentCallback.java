package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the gateway appends to the institution's redirect URI once the citizen answered
 * (docs/consents.md "Consent by redirect"): {@code requestId}, {@code state} (when one was given)
 * and {@code outcome}. It is only a signal, proving nothing by itself: {@link #parse} checks the
 * state the institution expects, and the client then reads the request's status with its own token.
 */
public record ConsentCallback(String requestId, Optional<String> state, String outcome) {

  private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  public ConsentCallback {
    requireNonNull(requestId, "requestId is null");
    requireNonNull(state, "state is null");
    requireNonNull(outcome, "outcome is null");
  }

  /**
   * Parses the URL the citizen's browser came back to, refusing it unless it carries exactly the
   * {@code expectedState} (compared in constant time), a request id and an outcome.
   */
  public static ConsentCallback parse(URI redirected, String expectedState) {
    requireNonNull(expectedState, "expectedState is null");
    ConsentCallback callback = parse(redirected);
    byte[] got = callback.state().orElse("").getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(got, expectedState.getBytes(StandardCharsets.UTF_8))) {
      throw new IllegalArgumentException("the callback's state is not the one this request was sent with");
    }
    return callback;
  }

  /** Parses a callback of a request made without a state. */
  public static ConsentCallback parse(URI redirected) {
    Map<String, String> parameters = new HashMap<>();
    String query = requireNonNull(redirected, "redirected is null").getRawQuery();
    for (String pair : query == null ? new String[0] : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        // The gateway appends its members after the URI's own query: the last of a name is its.
        parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    String requestId = parameters.getOrDefault("requestId", "");
    String outcome = parameters.getOrDefault("outcome", "");
    if (!UUID.matcher(requestId).matches() || !outcome.equals("approved") && !outcome.equals("rejected")) {
      throw new IllegalArgumentException("the callback carries no request id and outcome (approved or rejected)");
    }
    return new ConsentCallback(requestId, Optional.ofNullable(parameters.get("state")), outcome);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
