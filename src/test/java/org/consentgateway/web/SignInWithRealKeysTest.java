package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consentgateway.web.AppGateway.page;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.consentgateway.config.ConfigException;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.KeySetGenerator;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** With real keys the demo identity provider does not exist, and asking for it stops the start. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInWithRealKeysTest {

  private static final Messages TEXT = Messages.load().get(Language.ZH_CN);

  private Path keys;
  private AppGateway app;

  @BeforeAll
  void start(DatabaseCoordinates database) throws IOException {
    keys = Files.createTempDirectory("real-keys-").resolve("keys");
    KeySetGenerator.generate(keys);
    app = AppGateway.start(database, Map.of(ConfigKeys.KEYS_DIR, keys.toString()), Clock.systemUTC());
  }

  @AfterAll
  void stop() throws IOException {
    app.gateway.close();
    try (var files = Files.walk(keys.getParent())) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void theDemoIdentityProviderIsNotThere() throws Exception {
    HttpBrowser browser = new HttpBrowser();

    assertThat(app.gateway.mountedRoutes()).noneSatisfy(route -> assertThat(route.path()).startsWith(DemoIdentityProvider.PATH));
    for (String path : new String[] {DemoIdentityProvider.DISCOVERY_PATH, DemoIdentityProvider.AUTHORIZE_PATH, DemoIdentityProvider.JWKS_PATH}) {
      assertThat(browser.get(app.url(path)).statusCode()).as(path).isEqualTo(404);
    }
  }

  @Test
  void withoutAnIdentityProviderTheSignInPageSaysSoAndPagesStillNeedASignIn() throws Exception {
    HttpBrowser browser = new HttpBrowser();

    assertThat(page(browser.get(app.url("/app/sign-in")), 503)).contains(TEXT.text("signin.unavailable.not-configured"));
    assertThat(HttpBrowser.location(browser.get(app.url("/app/")))).isEqualTo(URI.create(app.url("/app/sign-in?next=%2Fapp%2F")));
    assertThat(browser.cookie(SessionCookie.NAME)).isEmpty();
  }

  @Test
  void askingForTheDemoIdentityProviderWithRealKeysStopsTheStart(DatabaseCoordinates database) {
    assertThatThrownBy(() -> AppGateway.start(database, Map.of(ConfigKeys.KEYS_DIR, keys.toString(),
        ConfigKeys.WEB_OIDC_ISSUER, WebConfig.DEMO_ISSUER), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(ConfigKeys.WEB_OIDC_ISSUER)
        .hasMessageContaining("demo identity provider runs only with the demo keys");
  }
}
