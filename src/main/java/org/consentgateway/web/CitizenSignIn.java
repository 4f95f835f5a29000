package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.KeyFileException;
import org.consentgateway.crypto.KeyParty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The citizen app's sign-in, built once: the sessions, the identity provider citizens sign in
 * with (the configured one, the demo one with the demo keys, or none), and what they mount. The
 * app's pages mount after it and use {@link #signedIn()}.
 */
public final class CitizenSignIn implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CitizenSignIn.class);
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final CitizenSessions sessions;
  private final List<String> formTargets;
  private final List<Consumer<Router>> routes;
  private final SessionPurge purge;
  private final WebClient client;

  private CitizenSignIn(CitizenSessions sessions, List<String> formTargets, List<Consumer<Router>> routes, SessionPurge purge,
      WebClient client) {
    this.sessions = sessions;
    this.formTargets = List.copyOf(formTargets);
    this.routes = List.copyOf(routes);
    this.purge = purge;
    this.client = client;
  }

  /**
   * @param gatewayIssuer the gateway's public URL ({@code http.issuer}): the redirect URI is under
   *     it, and it decides whether the session cookie is {@code Secure}
   * @throws org.consentgateway.config.ConfigException when the configuration asks for the demo
   *     identity provider with real keys
   */
  public static CitizenSignIn create(WebConfig config, String gatewayIssuer, GatewayKeys keys, Vertx vertx, Pool pool, Pages pages,
      Clock clock, Duration clockSkew) {
    requireNonNull(config, "config is null");
    String base = gatewayIssuer.endsWith("/") ? gatewayIssuer.substring(0, gatewayIssuer.length() - 1) : gatewayIssuer;
    String redirectUri = base + SignInRoutes.CALLBACK;
    RandomTokens random = new RandomTokens();
    SessionStore store = new SessionStore(pool, config);
    CitizenSessions sessions = new CitizenSessions(store, SessionCookie.forIssuer(base), pages, random, clock);
    WebClient client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
        .setFollowRedirects(false).setUserAgent("consent-gateway"));

    List<Consumer<Router>> routes = new ArrayList<>();
    routes.add(router -> router.route().handler(sessions::handle));
    List<String> formTargets = new ArrayList<>();
    IdentityProviderClient provider = switch (config.identityProvider(keys.isDemo())) {
      case DEMO -> {
        DemoIdentityProvider demo = new DemoIdentityProvider(base, redirectUri, keys.keyPair(KeyParty.IDENTITY_PROVIDER)
            .orElseThrow(() -> new KeyFileException(KeyParty.IDENTITY_PROVIDER.privateKeyFileName(),
                "is needed by the demo identity provider")),
            DemoIdentityProvider.offeredCitizens(), pages, random, clock);
        routes.add(demo::mount);
        formTargets.add(ProviderMetadata.origin(URI.create(demo.issuer())));
        LOG.warn("*** DEMO IDENTITY PROVIDER at {}: citizens sign in as anyone they type. Demo keys only. ***", demo.issuer());
        yield new OidcClient(new OidcProvider(client, demo.issuer(), clock), client, demo.clientId(), demo.clientSecret(),
            redirectUri, keys.pseudonymizer(), clockSkew, clock);
      }
      case CONFIGURED -> {
        String issuer = config.oidcIssuer().orElseThrow();
        formTargets.add(ProviderMetadata.origin(URI.create(issuer)));
        LOG.info("citizens sign in with {} (client {}), redirect URI {}", issuer, config.oidcClientId(), redirectUri);
        yield new OidcClient(new OidcProvider(client, issuer, clock), client, config.oidcClientId(), config.oidcClientSecret(),
            redirectUri, keys.pseudonymizer(), clockSkew, clock);
      }
      case NONE -> {
        LOG.info("no identity provider for the citizen app ({} is not set): nobody can sign in to /app/", ConfigKeys.WEB_OIDC_ISSUER);
        yield IdentityProviderClient.none();
      }
    };
    routes.add(new SignInRoutes(sessions, store, provider, pages, random, clock)::mount);
    return new CitizenSignIn(sessions, formTargets, routes, new SessionPurge(vertx, store::purge, clock), client);
  }

  /** What the app's pages need of the session: the guard, the citizen, the CSRF token. */
  public SignedIn signedIn() {
    return sessions;
  }

  /** The origins besides the gateway's own that the app's forms may lead to: the identity provider's (CSP {@code form-action}). */
  public List<String> formTargets() {
    return formTargets;
  }

  /**
   * Mounts the session handler (without a path: it loads the session of every app request and
   * checks the CSRF token of every form), the sign-in routes, and the demo provider's when it runs.
   */
  public void mount(Router router) {
    routes.forEach(route -> route.accept(router));
  }

  public void startPurge() {
    purge.start();
  }

  public void stopPurge() {
    purge.stop();
  }

  @Override
  public void close() {
    client.close();
  }
}
