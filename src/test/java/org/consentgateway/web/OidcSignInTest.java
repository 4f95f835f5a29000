package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.web.AppGateway.page;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing in to the app against a real OpenID Connect provider (navikt's mock-oauth2-server, a
 * second implementation of the protocol), over real HTTP, with a real database: the whole code
 * flow, and each way a sign-in must fail without leaving anyone signed in.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest {

  private static final String CITIZEN_ID = "11010519491231002X";
  private static final String CLIENT_ID = "gateway-app";
  private static final String ISSUER_ID = "idp";
  private static final Messages TEXT = Messages.load().get(Language.ZH_CN);

  private MockOAuth2Server provider;
  private AppGateway app;
  private DatabaseCoordinates database;
  private String expectedSubjectRef;

  @BeforeAll
  void start(DatabaseCoordinates database) {
    this.database = database;
    provider = new MockOAuth2Server();
    provider.start();
    app = AppGateway.start(database, Map.of(
        ConfigKeys.WEB_OIDC_ISSUER, provider.issuerUrl(ISSUER_ID).toString(),
        ConfigKeys.WEB_OIDC_CLIENT_ID, CLIENT_ID,
        ConfigKeys.WEB_OIDC_CLIENT_SECRET, "a-client-secret"), Clock.systemUTC());
    expectedSubjectRef = GatewayKeys.load(Path.of("keys-example")).pseudonymizer().subjectRef(ResidentIdNumber.parse(CITIZEN_ID)).value();
  }

  @AfterAll
  void stop() {
    app.gateway.close();
    provider.shutdown();
  }

  @Test
  void theCodeFlowSignsTheCitizenInUnderANewSessionId() throws Exception {
    HttpBrowser browser = new HttpBrowser();

    HttpResponse<String> home = browser.get(app.url("/app/"));
    assertThat(HttpBrowser.location(home)).isEqualTo(URI.create(app.url("/app/sign-in?next=%2Fapp%2F")));
    HttpResponse<String> signInPage = browser.follow(home);
    page(signInPage, 200);
    String anonymous = browser.cookie(SessionCookie.NAME).orElseThrow();
    assertThat(signInPage.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith(SessionCookie.NAME + "=").contains("Path=/").containsIgnoringCase("HttpOnly").contains("SameSite=Lax").doesNotContainIgnoringCase("Secure"));
    assertThat(signInPage.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("form-action 'self' " + provider.baseUrl().scheme() + "://localhost:" + provider.baseUrl().port())
        .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));

    URI authorize = HttpBrowser.location(browser.post(app.url("/app/sign-in"), HttpBrowser.hiddenFields(signInPage)));
    Map<String, String> request = query(authorize);
    assertThat(authorize.toString()).startsWith(provider.authorizationEndpointUrl(ISSUER_ID).toString() + "?");
    assertThat(request).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
        .containsEntry("redirect_uri", app.url("/app/sign-in/callback")).containsEntry("scope", "openid")
        .containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
    assertThat(request.get("code_challenge")).hasSize(43);

    provider.enqueueCallback(citizen(Map.of("idn", CITIZEN_ID)));
    HttpResponse<String> signedIn = browser.get(callbackFrom(browser, authorize).toString());

    assertThat(HttpBrowser.location(signedIn)).isEqualTo(URI.create(app.url("/app/")));
    String rotated = browser.cookie(SessionCookie.NAME).orElseThrow();
    assertThat(rotated).isNotEqualTo(anonymous);
    assertThat(page(browser.follow(signedIn), 200)).contains(expectedSubjectRef.substring(0, SignInRoutes.SHORT_REF_LENGTH) + "…")
        .doesNotContain(expectedSubjectRef);
    HttpBrowser holdingTheOldId = new HttpBrowser();
    holdingTheOldId.setCookie(app.base, SessionCookie.NAME, anonymous);
    assertThat(holdingTheOldId.get(app.url("/app/")).statusCode()).as("the id from before sign-in").isEqualTo(303);
  }

  @Test
  void aCallbackWithAnotherStateIsRefusedAndTheRealOneStillWorks() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    URI authorize = startSignIn(browser, "/app/");
    provider.enqueueCallback(citizen(Map.of("idn", CITIZEN_ID)));
    URI callback = callbackFrom(browser, authorize);

    String forged = callback.toString().replace("state=" + query(callback).get("state"), "state=" + new RandomTokens().next());
    HttpResponse<String> refused = browser.get(forged);
    assertRefused(browser, refused, SignInRefusal.FLOW);
    // The refusal's language switch leads to the bare callback path: the one-time code stays out of the page.
    assertThat(refused.body()).contains("href=\"/app/sign-in/callback?lang=en\"").doesNotContain(query(callback).get("code"));

    assertThat(HttpBrowser.location(browser.get(callback.toString()))).isEqualTo(URI.create(app.url("/app/")));
  }

  /** The provider puts into the ID token whatever nonce the authorization request carried. */
  @Test
  void anIdTokenForAnotherNonceIsRefused() throws Exception {
    assertRefusedWhenTheRequestIsAltered("nonce", new RandomTokens().next(), SignInRefusal.ID_TOKEN);
  }

  /** The provider checks the verifier the app sends against the challenge it received. */
  @Test
  void aCodeRedeemedWithAnotherVerifierIsRefusedByTheProvider() throws Exception {
    assertRefusedWhenTheRequestIsAltered("code_challenge", RandomTokens.s256Challenge(new RandomTokens().next()),
        SignInRefusal.TOKEN_REQUEST);
  }

  @Test
  void aReplayedCallbackIsRefusedInTheSameBrowserAndInAnother() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    URI authorize = startSignIn(browser, "/app/");
    provider.enqueueCallback(citizen(Map.of("idn", CITIZEN_ID)));
    URI callback = callbackFrom(browser, authorize);
    assertThat(browser.get(callback.toString()).statusCode()).isEqualTo(303);

    HttpResponse<String> again = browser.get(callback.toString());
    HttpBrowser attacker = new HttpBrowser();
    page(attacker.get(app.url("/app/sign-in")), 200);
    HttpResponse<String> elsewhere = attacker.get(callback.toString());

    assertThat(page(again, 400)).contains(TEXT.text(SignInRefusal.FLOW.messageKey()));
    assertRefused(attacker, elsewhere, SignInRefusal.FLOW);
  }

  @Test
  void anIdTokenForAnotherAudienceIsRefused() throws Exception {
    assertSignInRefused(citizen(Map.of("idn", CITIZEN_ID, "aud", "another-client")), SignInRefusal.ID_TOKEN);
  }

  @Test
  void anExpiredIdTokenIsRefused() throws Exception {
    assertSignInRefused(new DefaultOAuth2TokenCallback(ISSUER_ID, "subject-1", "JWT", List.of(CLIENT_ID), Map.of("idn", CITIZEN_ID), -3600L),
        SignInRefusal.EXPIRED);
  }

  @Test
  void anIdNumberThatIsNotAValidResidentIdNumberIsRefused() throws Exception {
    assertSignInRefused(citizen(Map.of("idn", "110105194912310021")), SignInRefusal.ID_NUMBER); // wrong check character
    assertSignInRefused(citizen(Map.of()), SignInRefusal.ID_NUMBER);
  }

  @Test
  void aNextThatIsNotAnAppPathIsIgnored() throws Exception {
    for (String next : List.of("https://evil.example/", "//evil.example/app/", "/v1/me/report", "/app/../v1/me/report",
        "/app/%2e%2e/v1/me/report", "/\\evil.example", "javascript:alert(1)")) {
      HttpResponse<String> signInPage = new HttpBrowser().get(app.url("/app/sign-in?next=" + encode(next)));
      page(signInPage, 200);
      assertThat(HttpBrowser.hiddenFields(signInPage)).as(next).containsEntry("next", "/app/");
    }

    HttpBrowser browser = new HttpBrowser();
    URI authorize = startSignIn(browser, "https://evil.example/");
    provider.enqueueCallback(citizen(Map.of("idn", CITIZEN_ID)));
    assertThat(HttpBrowser.location(browser.get(callbackFrom(browser, authorize).toString()))).isEqualTo(URI.create(app.url("/app/")));
  }

  @Test
  void aPageAskedForBeforeSigningInIsWhereTheSignInEnds() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> asked = browser.get(app.url("/app/?tab=consents"));
    HttpResponse<String> signInPage = browser.follow(asked);
    URI authorize = HttpBrowser.location(browser.post(app.url("/app/sign-in"), HttpBrowser.hiddenFields(signInPage)));
    provider.enqueueCallback(citizen(Map.of("idn", CITIZEN_ID)));

    assertThat(HttpBrowser.location(browser.get(callbackFrom(browser, authorize).toString())))
        .isEqualTo(URI.create(app.url("/app/?tab=consents")));
  }

  @Test
  void signingOutEndsTheSessionAndForgetsTheCookie() throws Exception {
    HttpBrowser browser = signedInBrowser();
    HttpResponse<String> home = browser.get(app.url("/app/"));
    int sessionsBefore = AppGateway.sessionCounts(database)[0];

    HttpResponse<String> signedOut = browser.post(app.url("/app/sign-out"), HttpBrowser.hiddenFields(home));

    assertThat(HttpBrowser.location(signedOut)).isEqualTo(URI.create(app.url("/app/sign-in?signed-out=1")));
    assertThat(signedOut.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
        .startsWith(SessionCookie.NAME + "=;").contains("Max-Age=0"));
    assertThat(AppGateway.sessionCounts(database)[0]).isEqualTo(sessionsBefore - 1);
    assertThat(browser.get(app.url("/app/")).statusCode()).isEqualTo(303);
    assertThat(page(browser.follow(signedOut), 200)).contains(TEXT.text("signin.page.signed-out"));
  }

  @Test
  void aFormWithoutTheSessionsCsrfTokenIsRefused() throws Exception {
    HttpBrowser browser = signedInBrowser();
    String csrf = HttpBrowser.hiddenFields(browser.get(app.url("/app/"))).get(Page.CSRF_FIELD);

    HttpResponse<String> missing = browser.post(app.url("/app/sign-out"), Map.of());
    HttpResponse<String> forged = browser.post(app.url("/app/sign-out"), Map.of(Page.CSRF_FIELD, new RandomTokens().next()));
    HttpResponse<String> noSession = new HttpBrowser().post(app.url("/app/sign-out"), Map.of(Page.CSRF_FIELD, csrf));
    HttpResponse<String> signInWithout = new HttpBrowser().post(app.url("/app/sign-in"), Map.of("next", "/app/"));

    for (HttpResponse<String> refused : List.of(missing, forged, noSession, signInWithout)) {
      assertThat(page(refused, 403)).contains(TEXT.text("error.forbidden"));
    }
    assertThat(browser.get(app.url("/app/")).statusCode()).as("still signed in").isEqualTo(200);
  }

  /** A sign-in whose authorization request reaches the provider with {@code parameter} changed to {@code value}. */
  private void assertRefusedWhenTheRequestIsAltered(String parameter, String value, SignInRefusal reason) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    URI authorize = startSignIn(browser, "/app/");
    URI altered = URI.create(authorize.toString().replace(parameter + "=" + query(authorize).get(parameter), parameter + "=" + value));
    assertThat(altered).isNotEqualTo(authorize);
    provider.enqueueCallback(citizen(Map.of("idn", CITIZEN_ID)));

    assertRefused(browser, browser.get(callbackFrom(browser, altered).toString()), reason);
  }

  private void assertSignInRefused(DefaultOAuth2TokenCallback answer, SignInRefusal reason) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    URI authorize = startSignIn(browser, "/app/");
    provider.enqueueCallback(answer);
    assertRefused(browser, browser.get(callbackFrom(browser, authorize).toString()), reason);
  }

  /** A refusal page saying why, and nobody signed in. */
  private void assertRefused(HttpBrowser browser, HttpResponse<String> answer, SignInRefusal reason) throws Exception {
    assertThat(page(answer, reason.status())).contains(TEXT.text(reason.messageKey())).contains("href=\"/app/sign-in\"");
    assertThat(browser.get(app.url("/app/")).statusCode()).as("not signed in").isEqualTo(303);
  }

  private HttpBrowser signedInBrowser() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    URI authorize = startSignIn(browser, "/app/");
    provider.enqueueCallback(citizen(Map.of("idn", CITIZEN_ID)));
    assertThat(browser.get(callbackFrom(browser, authorize).toString()).statusCode()).isEqualTo(303);
    return browser;
  }

  /** Opens the sign-in page and presses its button: where the app sends the browser. */
  private URI startSignIn(HttpBrowser browser, String next) throws Exception {
    HttpResponse<String> signInPage = browser.get(app.url("/app/sign-in?next=" + encode(next)));
    page(signInPage, 200);
    return HttpBrowser.location(browser.post(app.url("/app/sign-in"), HttpBrowser.hiddenFields(signInPage)));
  }

  /** The provider answers the authorization request (no login page: it sends the browser straight back). */
  private URI callbackFrom(HttpBrowser browser, URI authorize) throws Exception {
    URI callback = HttpBrowser.location(browser.get(authorize.toString()));
    assertThat(callback.getPath()).isEqualTo("/app/sign-in/callback");
    return callback;
  }

  private static DefaultOAuth2TokenCallback citizen(Map<String, Object> claims) {
    return new DefaultOAuth2TokenCallback(ISSUER_ID, "subject-1", "JWT", List.of(CLIENT_ID), claims, 3600L);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      parameters.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private static String encode(String text) {
    return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
  }
}
