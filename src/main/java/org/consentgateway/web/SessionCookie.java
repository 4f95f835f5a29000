package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import java.util.Locale;

/**
 * The session cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Lax} (not sent with
 * another site's form posts, still sent when the identity provider sends the browser back), and,
 * whenever the gateway is reached over https, {@code Secure} with the {@code __Host-} prefix, which
 * the browser honours only for a secure, host-only cookie on path {@code /} (RFC 6265bis §4.1.3.2).
 *
 * @param name {@value #NAME}, or {@code __Host-}{@value #NAME} over https
 * @param secure whether the cookie is sent only over https
 */
public record SessionCookie(String name, boolean secure) {

  static final String NAME = "cg_session";
  static final String HOST_PREFIX = "__Host-";

  public SessionCookie {
    requireNonNull(name, "name is null");
  }

  /** The cookie for a gateway whose issuer (its public URL) is {@code issuer}. */
  static SessionCookie forIssuer(String issuer) {
    return forIssuer(issuer, NAME);
  }

  /** A session cookie named {@code name} (the console's is its own, so neither session opens the other's pages). */
  public static SessionCookie forIssuer(String issuer, String name) {
    boolean https = issuer.toLowerCase(Locale.ROOT).startsWith("https://");
    return new SessionCookie(https ? HOST_PREFIX + name : name, https);
  }

  /** The cookie carrying {@code token}; without Max-Age it ends with the browser session, and the server's timeouts end it sooner. */
  public Cookie carrying(String token) {
    return Cookie.cookie(name, token).setPath("/").setHttpOnly(true).setSecure(secure).setSameSite(CookieSameSite.LAX);
  }

  /** The same cookie, emptied and expired: the browser forgets it. */
  public Cookie expired() {
    return carrying("").setMaxAge(0);
  }
}
