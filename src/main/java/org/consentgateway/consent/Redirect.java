package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a consent request sends the citizen back once they have answered it (docs/consents.md
 * "Consent by redirect"): one of the institution's registered redirect URIs, exactly as it was
 * registered when the request was made, and the institution's opaque {@code state}. The target is
 * only ever built from these two, so no one can steer the citizen anywhere the institution did not
 * register.
 *
 * @param uri a registered redirect URI, copied when the request was made
 * @param state echoed back unchanged; 1 to 256 visible ASCII characters
 */
public record Redirect(String uri, Optional<String> state) {

  /** What {@code state} may hold: 1 to 256 visible ASCII characters (RFC 5234 VCHAR). */
  public static final Pattern STATE = Pattern.compile("[!-~]{1,256}");

  public Redirect {
    requireNonNull(uri, "uri is null");
    requireNonNull(state, "state is null");
    if (state.isPresent() && !STATE.matcher(state.get()).matches()) {
      throw new IllegalArgumentException("state must be 1 to 256 visible ASCII characters");
    }
  }

  /** The answer the citizen gave, as the {@code outcome} parameter names it. */
  public enum Outcome {
    APPROVED("approved"),
    REJECTED("rejected");

    private final String wireName;

    Outcome(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /**
   * {@code uri} with {@code requestId}, {@code state} (when there is one) and {@code outcome}
   * appended to its query, each percent-encoded (RFC 3986 §2.1, everything but the unreserved
   * characters); a registered URI that has a query keeps it, and the parameters follow it.
   */
  public URI target(UUID requestId, Outcome outcome) {
    requireNonNull(requestId, "requestId is null");
    requireNonNull(outcome, "outcome is null");
    StringBuilder target = new StringBuilder(uri);
    int query = uri.indexOf('?');
    if (query < 0) {
      target.append('?');
    } else if (query < uri.length() - 1) {
      target.append('&');
    }
    target.append("requestId=").append(encoded(requestId.toString()));
    state.ifPresent(value -> target.append("&state=").append(encoded(value)));
    target.append("&outcome=").append(encoded(outcome.wireName()));
    return URI.create(target.toString());
  }

  private static String encoded(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (unreserved(c)) {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }

  // RFC 3986 §2.3.
  private static boolean unreserved(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'
        || c == '~';
  }
}
