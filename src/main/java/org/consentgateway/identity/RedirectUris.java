package org.consentgateway.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.consentgateway.identity.RegistryException.Reason;

/**
 * The rules an institution's redirect URIs follow (docs/registries.md "Redirect URIs"). A consent
 * request may only name one of them, byte for byte, so these rules are what stands between the
 * consent page and an open redirect: absolute {@code https} URIs with a host, no fragment (RFC 6749
 * §3.1.2), no user info, visible ASCII only (RFC 3986 §2). Plain {@code http} is accepted for the
 * loopback host alone, so an institution can develop against a gateway on its own machine
 * (RFC 8252 §7.3). The strings are kept exactly as registered: nothing is normalised, so what is
 * matched is what the operator typed.
 */
final class RedirectUris {

  static final int MAX_COUNT = 10;
  static final int MAX_LENGTH = 2000;

  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost");

  private RedirectUris() {}

  /** {@code uris}, each checked, as an immutable list; a broken rule is a {@link RegistryException} naming the URI. */
  static List<String> checked(List<String> uris) {
    List<String> copy = List.copyOf(uris);
    if (copy.size() > MAX_COUNT) {
      throw invalid("an institution may register at most " + MAX_COUNT + " redirect URIs, not " + copy.size());
    }
    Set<String> seen = new HashSet<>();
    for (String uri : copy) {
      check(uri);
      if (!seen.add(uri)) {
        throw invalid("redirect URI '" + RegistryRules.printable(uri) + "' is listed twice");
      }
    }
    return copy;
  }

  private static void check(String text) {
    if (text.isEmpty() || text.length() > MAX_LENGTH) {
      throw invalid("a redirect URI has 1 to " + MAX_LENGTH + " characters; '" + RegistryRules.printable(text) + "' has "
          + text.length());
    }
    // Visible ASCII only: no space, control or non-ASCII character that a browser or a log would read differently.
    if (!text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw refused(text, "contains a character that is not visible ASCII (percent-encode it)");
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw refused(text, "is not a URI: " + e.getReason());
    }
    if (uri.getRawFragment() != null || text.indexOf('#') >= 0) {
      throw refused(text, "has a fragment");
    }
    if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
      // Not echoed: user info may hold a password.
      throw invalid("a redirect URI has user info (user@ or user:password@ before the host); register it without");
    }
    if (uri.getHost() == null || !uri.isAbsolute() || uri.isOpaque()) {
      throw refused(text, "is not an absolute URI with a host");
    }
    boolean secure = "https".equals(uri.getScheme());
    boolean loopback = "http".equals(uri.getScheme()) && LOOPBACK_HOSTS.contains(uri.getHost());
    if (!secure && !loopback) {
      throw refused(text, "is not https (plain http only for 127.0.0.1 or localhost)");
    }
  }

  private static RegistryException refused(String uri, String why) {
    return invalid("redirect URI '" + RegistryRules.printable(uri) + "' " + why);
  }

  private static RegistryException invalid(String message) {
    return new RegistryException(Reason.INVALID, message);
  }
}
