package org.consentgateway.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where to go once signed in: a page of the app on this gateway, given as a path. Anything else
 * (an absolute URL, a scheme-relative {@code //host}, a path outside {@code /app/}, dot segments,
 * backslashes, which browsers read as slashes) is ignored in favour of the app's home, so the
 * sign-in can never be used to send someone elsewhere (no open redirect).
 */
final class NextPath {

  static final String HOME = "/app/";
  static final int MAX_LENGTH = 1024;

  private NextPath() {}

  /** {@code next} if it is a path of the app, else {@link #HOME}. */
  static String orHome(String next) {
    return isAppPath(next) ? next : HOME;
  }

  static boolean isAppPath(String next) {
    if (next == null || next.length() > MAX_LENGTH || !next.startsWith(HOME) || next.indexOf('\\') >= 0
        || next.toLowerCase(Locale.ROOT).contains("%2e") || next.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(next);
    } catch (URISyntaxException e) {
      return false;
    }
    return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawFragment() == null
        && uri.getRawPath() != null && uri.getRawPath().equals(uri.normalize().getRawPath());
  }
}
