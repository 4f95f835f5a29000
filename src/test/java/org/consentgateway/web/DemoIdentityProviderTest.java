package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.web.AppGateway.page;
import static org.consentgateway.web.DemoSignIn.authorize;
import static org.consentgateway.web.DemoSignIn.demoPage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.Pseudonymizer;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gateway's own demo identity provider, which the app signs in through by default on the demo
 * keys, by the same code flow as through a real one; and the session timeouts, on a clock the
 * test moves.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoIdentityProviderTest {

  private static final Messages TEXT = Messages.load().get(Language.ZH_CN);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TestClock clock = new TestClock(Instant.now());
  private AppGateway app;
  private Pseudonymizer pseudonymizer;

  @BeforeAll
  void start(DatabaseCoordinates database) {
    app = AppGateway.start(database, Map.of(), clock);
    pseudonymizer = GatewayKeys.load(Path.of("keys-example")).pseudonymizer();
  }

  @AfterAll
  void stop() {
    app.gateway.close();
  }

  @Test
  void pickingADemoCitizenSignsInThroughTheCodeFlow() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> demoPage = demoPage(browser, app);

    String body = page(demoPage, 200);
    assertThat(body).contains("DEMO").contains(TEXT.text("signin.demo.banner"))
        .contains(ResidentIdNumber.parse(DemoIdentityProvider.EXAMPLE_CITIZEN).masked()).doesNotContain("<script", "style=");
    assertThat(demoPage.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
        .contains("form-action 'self' " + app.base).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
    String example = Integer.toString(DemoIdentityProvider.offeredCitizens().indexOf(ResidentIdNumber.parse(DemoIdentityProvider.EXAMPLE_CITIZEN)));
    HttpResponse<String> signedIn = browser.follow(authorize(browser, app, demoPage, Map.of("citizen", example)));

    assertThat(HttpBrowser.location(signedIn)).isEqualTo(URI.create(app.url("/app/")));
    assertThat(page(browser.follow(signedIn), 200)).contains(shortRef(DemoIdentityProvider.EXAMPLE_CITIZEN));
  }

  @Test
  void thePageOffersTheDemosSyntheticCitizensAndTheExample() throws Exception {
    List<ResidentIdNumber> offered = DemoIdentityProvider.offeredCitizens();
    String body = page(demoPage(new HttpBrowser(), app), 200);

    assertThat(offered).hasSize(DemoIdentityProvider.SYNTHETIC_CITIZENS + 1)
        .containsAll(DemoIdentityProvider.syntheticCitizens()).contains(ResidentIdNumber.parse(DemoIdentityProvider.EXAMPLE_CITIZEN));
    offered.forEach(citizen -> assertThat(body).contains(citizen.masked()));
  }

  @Test
  void aTypedIdNumberSignsThatCitizenIn() throws Exception {
    String typed = DemoIdentityProvider.syntheticCitizens().get(2).value();
    HttpBrowser browser = new HttpBrowser();

    HttpResponse<String> signedIn = browser.follow(authorize(browser, app, demoPage(browser, app), Map.of("idn", typed.toLowerCase())));

    assertThat(page(browser.follow(signedIn), 200)).contains(shortRef(typed));
  }

  @Test
  void anInvalidTypedIdNumberIsAskedForAgainAndNotEchoed() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> demoPage = demoPage(browser, app);
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(demoPage));
    form.put("idn", "110105194912310021");

    HttpResponse<String> again = browser.post(app.url(DemoIdentityProvider.AUTHORIZE_PATH), form);

    assertThat(page(again, 400)).contains(TEXT.text("signin.demo.invalid")).doesNotContain("110105194912310021");
    assertThat(HttpBrowser.hiddenFields(again)).isEqualTo(HttpBrowser.hiddenFields(demoPage));
  }

  @Test
  void cancellingAtTheProviderSignsNobodyIn() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> answer = browser.follow(authorize(browser, app, demoPage(browser, app), Map.of("cancel", "1")));

    assertThat(page(answer, 400)).contains(TEXT.text(SignInRefusal.CANCELLED.messageKey()));
    assertThat(browser.get(app.url("/app/")).statusCode()).isEqualTo(303);
  }

  @Test
  void aRequestForAnotherRedirectUriIsNeverSentThere() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    URI genuine = HttpBrowser.location(DemoSignIn.start(browser, app));
    String foreign = genuine.toString().replace(encode(app.url("/app/sign-in/callback")), encode("https://evil.example/cb"));

    HttpResponse<String> refused = browser.get(foreign);

    assertThat(page(refused, 400)).contains(TEXT.text("signin.demo.invalid-request.body"));
    assertThat(refused.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void theProviderPublishesItsDiscoveryDocumentAndKeys() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    JsonNode discovery = JSON.readTree(browser.get(app.url(DemoIdentityProvider.DISCOVERY_PATH)).body());
    String issuer = app.url(DemoIdentityProvider.PATH);

    assertThat(discovery.get("issuer").asText()).isEqualTo(issuer);
    assertThat(discovery.get("authorization_endpoint").asText()).isEqualTo(issuer + "/authorize");
    assertThat(discovery.get("token_endpoint").asText()).isEqualTo(issuer + "/token");
    assertThat(discovery.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
    JWKSet keys = JWKSet.parse(browser.get(discovery.get("jwks_uri").asText()).body());
    assertThat(keys.getKeys()).singleElement().satisfies(key -> {
      assertThat(key.isPrivate()).isFalse();
      assertThat(key.getKeyID()).isNotBlank();
      assertThat(key.toECKey().toECPublicKey()).isEqualTo(GatewayKeys.load(Path.of("keys-example")).publicKey("identity-provider"));
    });
  }

  @Test
  void theTokenEndpointAuthenticatesTheApp() throws Exception {
    HttpResponse<String> anonymous = new HttpBrowser().post(app.url(DemoIdentityProvider.TOKEN_PATH),
        Map.of("grant_type", "authorization_code", "code", new RandomTokens().next()));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(anonymous.body()).get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void aSignInNotCompletedWithinItsWindowIsRefused() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> callback = authorize(browser, app, demoPage(browser, app), Map.of("citizen", "1"));

    clock.advance(SignInRoutes.SIGN_IN_WINDOW.plusSeconds(1));

    assertThat(page(browser.follow(callback), 400)).contains(TEXT.text(SignInRefusal.FLOW.messageKey()));
  }

  @Test
  void aSessionUnusedForTheIdleTimeoutIsOver() throws Exception {
    HttpBrowser browser = signedIn();

    clock.advance(Duration.ofMinutes(14));
    assertThat(browser.get(app.url("/app/")).statusCode()).as("14 minutes idle").isEqualTo(200);
    clock.advance(Duration.ofMinutes(14));
    assertThat(browser.get(app.url("/app/")).statusCode()).as("used 14 minutes ago").isEqualTo(200);
    clock.advance(WebConfig.DEFAULT_SESSION_IDLE_TIMEOUT);

    HttpResponse<String> over = browser.get(app.url("/app/"));
    assertThat(HttpBrowser.location(over)).isEqualTo(URI.create(app.url("/app/sign-in?next=%2Fapp%2F")));
  }

  @Test
  void aSessionOlderThanTheAbsoluteTimeoutIsOverHoweverBusy() throws Exception {
    HttpBrowser browser = signedIn();
    Duration step = Duration.ofMinutes(10);
    Duration age = Duration.ZERO;

    while (age.plus(step).compareTo(WebConfig.DEFAULT_SESSION_ABSOLUTE_TIMEOUT) < 0) {
      clock.advance(step);
      age = age.plus(step);
      assertThat(browser.get(app.url("/app/")).statusCode()).as("busy, signed in for " + age).isEqualTo(200);
    }
    clock.advance(step);

    assertThat(browser.get(app.url("/app/")).statusCode()).as("signed in for over 8 hours").isEqualTo(303);
  }

  @Test
  void thePagesSpeakEnglishWhenAskedAndRememberIt() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    Messages english = Messages.load().get(Language.EN);

    HttpResponse<String> asked = browser.get(app.url("/app/sign-in?lang=en"));
    HttpResponse<String> remembered = browser.get(app.url("/app/sign-in"));

    assertThat(page(asked, 200)).contains("<html lang=\"en\">").contains(english.text("signin.page.button"))
        .contains("href=\"/app/sign-in?lang=zh-CN\"");
    assertThat(page(remembered, 200)).contains(english.text("signin.page.button"));
    assertThat(page(new HttpBrowser().get(app.url("/app/sign-in")), 200)).contains("<html lang=\"zh-CN\">")
        .contains(TEXT.text("signin.page.button"));
  }

  @Test
  void theDemoPageSpeaksTheAppsLanguageAndSwitchesWithoutLosingTheRequest() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    page(browser.get(app.url("/app/sign-in?lang=en")), 200);
    HttpResponse<String> english = demoPage(browser, app);
    Messages inEnglish = Messages.load().get(Language.EN);

    assertThat(page(english, 200)).contains("<html lang=\"en\">").contains(inEnglish.text("signin.demo.title"));
    String switchHref = english.body().replaceAll("(?s).*<a class=\"lang\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
    HttpResponse<String> chinese = browser.get(app.url(switchHref));

    assertThat(page(chinese, 200)).contains("<html lang=\"zh-CN\">").contains(TEXT.text("signin.demo.title"));
    assertThat(HttpBrowser.hiddenFields(chinese)).containsEntry("state", HttpBrowser.hiddenFields(english).get("state"));
  }

  private HttpBrowser signedIn() throws Exception {
    return DemoSignIn.as(new HttpBrowser(), app, DemoIdentityProvider.offeredCitizens().get(0).value());
  }

  private String shortRef(String idNumber) {
    return pseudonymizer.subjectRef(ResidentIdNumber.parse(idNumber)).value().substring(0, SignInRoutes.SHORT_REF_LENGTH) + "…";
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
