package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.consentgateway.config.ConfigException;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * Settings of the citizen app: how long a session lives, and the OpenID Connect provider citizens
 * sign in with.
 *
 * @param sessionIdleTimeout a session unused this long is over
 * @param sessionAbsoluteTimeout a session this old is over, however busy (counted from sign-in)
 * @param oidcIssuer the identity provider's issuer URL; {@value #DEMO_ISSUER} asks for the gateway's
 *     own demo provider (demo keys only); absent means the demo provider with the demo keys and no
 *     sign-in otherwise
 * @param oidcClientId the app's client id at that provider
 * @param oidcClientSecret the app's client secret there ({@code client_secret_basic}); never printed
 */
public record WebConfig(Duration sessionIdleTimeout, Duration sessionAbsoluteTimeout, Optional<String> oidcIssuer,
    String oidcClientId, String oidcClientSecret) {

  public static final Duration DEFAULT_SESSION_IDLE_TIMEOUT = Duration.ofMinutes(15);
  public static final Duration DEFAULT_SESSION_ABSOLUTE_TIMEOUT = Duration.ofHours(8);
  /** The {@code web.oidc.issuer} that names the gateway's own demo identity provider. */
  public static final String DEMO_ISSUER = "demo";

  /** Hosts an {@code http://} issuer may have: a provider on this machine (tests, a local one). */
  private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

  /** Where the app signs citizens in, given the keys the gateway runs with. */
  public enum IdentityProvider {
    /** The gateway's own demo provider, mounted at {@code /demo-idp}: demo keys only. */
    DEMO,
    /** The provider {@code web.oidc.issuer} names. */
    CONFIGURED,
    /** None: the app cannot sign anyone in (real keys, no provider configured). */
    NONE
  }

  public WebConfig {
    requireNonNull(sessionIdleTimeout, "sessionIdleTimeout is null");
    requireNonNull(sessionAbsoluteTimeout, "sessionAbsoluteTimeout is null");
    requireNonNull(oidcIssuer, "oidcIssuer is null");
    requireNonNull(oidcClientId, "oidcClientId is null");
    requireNonNull(oidcClientSecret, "oidcClientSecret is null");
    if (sessionAbsoluteTimeout.compareTo(sessionIdleTimeout) < 0) {
      throw new ConfigException(ConfigKeys.WEB_SESSION_ABSOLUTE_TIMEOUT_MINUTES + " must not be shorter than "
          + ConfigKeys.WEB_SESSION_IDLE_TIMEOUT_MINUTES);
    }
    if (oidcIssuer.isPresent() && !DEMO_ISSUER.equals(oidcIssuer.get())) {
      requireIssuerUrl(oidcIssuer.get());
      if (oidcClientId.isBlank() || oidcClientSecret.isBlank()) {
        throw new ConfigException(ConfigKeys.WEB_OIDC_ISSUER + " names an identity provider, so "
            + ConfigKeys.WEB_OIDC_CLIENT_ID + " and " + ConfigKeys.WEB_OIDC_CLIENT_SECRET + " must be set too");
      }
    }
  }

  public static WebConfig from(Settings settings) {
    return new WebConfig(
        Duration.ofMinutes(settings.integer(ConfigKeys.WEB_SESSION_IDLE_TIMEOUT_MINUTES,
            (int) DEFAULT_SESSION_IDLE_TIMEOUT.toMinutes(), 1, 24 * 60)),
        Duration.ofMinutes(settings.integer(ConfigKeys.WEB_SESSION_ABSOLUTE_TIMEOUT_MINUTES,
            (int) DEFAULT_SESSION_ABSOLUTE_TIMEOUT.toMinutes(), 1, 7 * 24 * 60)),
        settings.text(ConfigKeys.WEB_OIDC_ISSUER),
        settings.text(ConfigKeys.WEB_OIDC_CLIENT_ID, ""),
        settings.text(ConfigKeys.WEB_OIDC_CLIENT_SECRET, ""));
  }

  /**
   * The provider to sign in with. The demo provider signs with a published key, so a configuration
   * that asks for it by name with real keys is refused: it would let anyone sign in as anyone.
   *
   * @throws ConfigException when {@code web.oidc.issuer} is {@value #DEMO_ISSUER} and the keys are not the demo set
   */
  public IdentityProvider identityProvider(boolean demoKeys) {
    if (oidcIssuer.isEmpty()) {
      return demoKeys ? IdentityProvider.DEMO : IdentityProvider.NONE;
    }
    if (!DEMO_ISSUER.equals(oidcIssuer.get())) {
      return IdentityProvider.CONFIGURED;
    }
    if (!demoKeys) {
      throw new ConfigException(ConfigKeys.WEB_OIDC_ISSUER + " is \"" + DEMO_ISSUER + "\", but the demo identity provider "
          + "runs only with the demo keys (keys-example), and these are real keys: configure your identity provider's "
          + "issuer URL, client id and client secret instead");
    }
    return IdentityProvider.DEMO;
  }

  private static void requireIssuerUrl(String issuer) {
    URI uri;
    try {
      uri = new URI(issuer);
    } catch (URISyntaxException e) {
      throw new ConfigException(ConfigKeys.WEB_OIDC_ISSUER + " is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean loopback = uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http") && loopback)) {
      throw new ConfigException(ConfigKeys.WEB_OIDC_ISSUER + " must be an https URL (http only for a provider on this machine)");
    }
    // OpenID Connect Discovery 1.0 §3: an issuer has no query and no fragment.
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ConfigException(ConfigKeys.WEB_OIDC_ISSUER + " must not have a query or a fragment");
    }
  }

  @Override
  public String toString() {
    return "WebConfig[sessionIdleTimeout=" + sessionIdleTimeout + ", sessionAbsoluteTimeout=" + sessionAbsoluteTimeout
        + ", oidcIssuer=" + oidcIssuer.orElse("(default)") + ", oidcClientId=" + oidcClientId + ", oidcClientSecret=***]";
  }
}
