package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.records.CreditFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Signing in and out of the app in Chromium, through the demo identity provider of a whole gateway
 * on the demo keys, on a clock the test moves: every page of it accessible in both languages and
 * on a phone; no ID number in the browser at any step; the language kept from page to page; a
 * session that ends on its idle timeout, and a form whose token is forged, both refused with
 * nothing done.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInBrowserTest {

  private static final Map<Language, Messages> WORDS = Messages.load();
  private static final Messages CHINESE = WORDS.get(Language.ZH_CN);
  private static final Messages ENGLISH = WORDS.get(Language.EN);
  /** The demo provider's first synthetic citizen: the one the tests pick, whose credit file the gateway holds. */
  private static final int CITIZEN = 0;
  private static final By SUBMIT = By.cssSelector("main form button[type=submit]:not([name=cancel])");
  private static final By SIGN_OUT = By.cssSelector("header form.sign-out button[type=submit]");

  private final TestClock clock = new TestClock(Instant.now());
  private AppGateway app;
  private String shortRef;
  private String disputeForm;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    app = AppGateway.start(database, Map.of(), clock);
    GatewayKeys keys = GatewayKeys.load(Path.of("keys-example"));
    CreditFile file = CitizenFile.imported(database, keys, Files.createTempDirectory("sign-in-browser-test"),
        DemoIdentityProvider.offeredCitizens().get(CITIZEN).value());
    shortRef = SignInRoutes.shortRef(keys.pseudonymizer().subjectRef(file.identity().idNumber()).value());
    disputeForm = "/app/disputes/new?recordId=" + file.accounts().get(0).id();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.gateway.close();
    }
  }

  /** Each test starts as a stranger: no session, no language chosen, nothing in the console. */
  @BeforeEach
  void forgetCookies(Browser browser) {
    browser.open(app.url(SignInRoutes.SIGN_IN));
    browser.driver().manage().deleteAllCookies();
    browser.console().clear();
  }

  @Test
  void everySignInPageInBothLanguagesIsAccessibleAndFitsAPhone(Browser browser) {
    for (String lang : List.of("zh-CN", "en")) {
      check(browser, "sign-in", "/app/sign-in?lang=" + lang, lang);
      assertThat(browser.driver().findElements(By.className("sign-out"))).as("no sign-out before signing in").isEmpty();
      check(browser, "sign-in-signed-out", "/app/sign-in?signed-out=1&lang=" + lang, lang);
      // The callback opened by hand, with no sign-in under way: refused.
      check(browser, "sign-in-refused", "/app/sign-in/callback?code=x&state=y&lang=" + lang, lang);
      assertThat(text(browser, By.cssSelector("main p"))).isEqualTo(words(lang).text(SignInRefusal.FLOW.messageKey()));

      browser.open(app.url("/app/sign-in?lang=" + lang));
      browser.clickThrough(SUBMIT);
      assertThat(browser.driver().getCurrentUrl()).startsWith(app.url(DemoIdentityProvider.AUTHORIZE_PATH + "?"));
      assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
      browser.checkPage("demo-idp", lang);
      // A typed number that is no valid resident ID number: asked for again, the number not shown.
      browser.driver().findElement(By.id("idn")).sendKeys("110105194912310021");
      browser.clickThrough(SUBMIT);
      assertThat(text(browser, By.cssSelector("[role=alert] a"))).isEqualTo(words(lang).text("signin.demo.invalid"));
      browser.checkPage("demo-idp-invalid", lang);

      // An authorization request for no client of the provider: its error page, no redirect.
      check(browser, "demo-idp-error", DemoIdentityProvider.AUTHORIZE_PATH + "?ui_locales=" + lang, lang);
      assertThat(text(browser, By.tagName("h1"))).isEqualTo(words(lang).text("signin.demo.invalid-request.title"));
    }
  }

  @Test
  void whatDoesNotExistIsTheAppsNotFoundPageInBothLanguages(Browser browser) {
    signIn(browser);

    for (String lang : List.of("zh-CN", "en")) {
      check(browser, "not-found", "/app/nothing-here?lang=" + lang, lang);
      check(browser, "not-found-bad-id", "/app/consent-requests/not-a-uuid?lang=" + lang, lang);
      assertThat(text(browser, By.tagName("h1"))).isEqualTo(words(lang).text("error.notfound.title"));
      check(browser, "not-found-consent-request", "/app/consent-requests/" + UUID.randomUUID() + "?lang=" + lang, lang);
      assertThat(text(browser, By.tagName("h1"))).isEqualTo(words(lang).text("error.notfound.title"));
    }
  }

  @Test
  void aCitizenSignsInThroughTheDemoProviderWithNoIdNumberInTheBrowser(Browser browser) {
    browser.open(app.url("/app/"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/app/sign-in?next=%2Fapp%2F"));
    assertNoIdNumber(browser);

    browser.clickThrough(SUBMIT);
    assertThat(browser.driver().getCurrentUrl()).startsWith(app.url(DemoIdentityProvider.AUTHORIZE_PATH + "?"));
    assertNoIdNumber(browser);

    browser.driver().findElement(By.cssSelector("label[for=citizen-" + CITIZEN + "]")).click();
    browser.clickThrough(SUBMIT);

    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/app/"));
    assertNoIdNumber(browser);
    assertThat(text(browser, SIGN_OUT)).isEqualTo(CHINESE.text("signin.home.sign-out"));
    assertThat(text(browser, By.cssSelector("main p.hint"))).isEqualTo(CHINESE.text("signin.home.signed-in-as", shortRef));
    Cookie session = browser.driver().manage().getCookieNamed(SessionCookie.NAME);
    assertThat(session.isHttpOnly()).as("no script can read the session cookie").isTrue();
    assertThat(session.getSameSite()).isEqualTo("Lax");
    browser.checkPage("signed-in", "zh-CN");
  }

  @Test
  void theEnglishSwitchHoldsFromPageToPage(Browser browser) {
    signIn(browser);

    browser.clickThrough(By.cssSelector("header a.lang"));
    assertThat(language(browser)).isEqualTo("en");
    assertThat(text(browser, SIGN_OUT)).isEqualTo(ENGLISH.text("signin.home.sign-out"));
    Cookie remembered = browser.driver().manage().getCookieNamed(Language.COOKIE);
    assertThat(remembered.getValue()).isEqualTo("en");
    assertThat(remembered.isHttpOnly()).isTrue();

    browser.clickThrough(By.cssSelector("main a[href='/app/report']"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/app/report"));
    assertThat(language(browser)).as("a link without ?lang= after the switch").isEqualTo("en");
    assertThat(text(browser, By.tagName("h1"))).isEqualTo(ENGLISH.text("report.title"));

    browser.clickThrough(By.cssSelector("header a.lang"));
    browser.clickThrough(By.cssSelector("header a.brand"));
    assertThat(language(browser)).as("switched back, then home").isEqualTo("zh-CN");
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh-CN", "en"})
  void aSessionUnusedForTheIdleTimeoutEndsAndTheFormLeftOpenDoesNothing(String lang, Browser browser) {
    signIn(browser);
    browser.open(app.url(disputeForm + "&lang=" + lang));
    browser.driver().findElement(By.id("reason")).sendKeys("这笔贷款不是我借的");

    clock.advance(WebConfig.DEFAULT_SESSION_IDLE_TIMEOUT.plus(Duration.ofMinutes(1)));
    // The form left open is sent: refused, nothing filed.
    browser.clickThrough(SUBMIT);

    assertThat(browser.driver().getTitle()).startsWith(words(lang).text("signin.ended.title") + " · ");
    assertThat(text(browser, By.cssSelector("main p"))).isEqualTo(words(lang).text("signin.ended.nothing-done"));
    browser.checkPage("session-ended-form", lang);

    // The home page opened again: sent to sign in, told why.
    browser.open(app.url("/app/"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/app/sign-in?next=%2Fapp%2F"));
    assertThat(text(browser, By.cssSelector("main [role=status]"))).isEqualTo(words(lang).text("signin.page.ended"));
    browser.checkPage("sign-in-ended", lang);

    pickTheCitizen(browser);
    assertNoDispute(browser);
  }

  @ParameterizedTest
  @ValueSource(strings = {"zh-CN", "en"})
  void aFormWithAForgedCsrfTokenIsRefusedAndChangesNothing(String lang, Browser browser) {
    signIn(browser);
    browser.open(app.url(disputeForm + "&lang=" + lang));
    browser.driver().findElement(By.id("reason")).sendKeys("这笔贷款不是我借的");

    browser.driver().executeScript("document.querySelector('main form input[name=_csrf]').value = arguments[0];",
        new RandomTokens().next());
    browser.clickThrough(SUBMIT);

    assertThat(browser.driver().getTitle()).startsWith(words(lang).text("error.forbidden.title") + " · ");
    assertThat(text(browser, By.cssSelector("main p"))).isEqualTo(words(lang).text("error.forbidden"));
    browser.checkPage("form-refused", lang);
    assertNoDispute(browser);
  }

  @Test
  void signingOutFromTheHeaderEndsTheSession(Browser browser) {
    signIn(browser);
    String signedIn = browser.driver().manage().getCookieNamed(SessionCookie.NAME).getValue();

    browser.clickThrough(SIGN_OUT);

    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/app/sign-in?signed-out=1"));
    assertThat(text(browser, By.cssSelector("main [role=status]"))).isEqualTo(CHINESE.text("signin.page.signed-out"));
    assertThat(browser.driver().manage().getCookieNamed(SessionCookie.NAME).getValue()).as("a new, anonymous session")
        .isNotEqualTo(signedIn);
    browser.open(app.url("/app/"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/app/sign-in?next=%2Fapp%2F"));
    assertThat(browser.driver().findElements(By.cssSelector("main [role=status]"))).as("signed out, not timed out").isEmpty();
  }

  /** Signs the demo citizen in from the sign-in page, as a reader does: the button, then the demo provider's page. */
  private void signIn(Browser browser) {
    browser.open(app.url(SignInRoutes.SIGN_IN));
    pickTheCitizen(browser);
  }

  private void pickTheCitizen(Browser browser) {
    browser.clickThrough(SUBMIT);
    browser.driver().findElement(By.cssSelector("label[for=citizen-" + CITIZEN + "]")).click();
    browser.clickThrough(SUBMIT);
    assertThat(browser.driver().findElements(SIGN_OUT)).as("signed in").hasSize(1);
  }

  /** Still signed in, and the list of the citizen's disputes is empty. */
  private void assertNoDispute(Browser browser) {
    browser.open(app.url("/app/disputes?lang=zh-CN"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/app/disputes?lang=zh-CN"));
    assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains(CHINESE.text("disputes.none"));
  }

  private void check(Browser browser, String name, String path, String lang) {
    browser.open(app.url(path));
    assertThat(language(browser)).as(name).isEqualTo(lang);
    browser.checkPage(name, lang);
    assertNoIdNumber(browser);
  }

  private static void assertNoIdNumber(Browser browser) {
    browser.assertNoIdNumberInUrlCookiesOrConsole();
    browser.assertNoIdNumberInPageSource();
  }

  private static String language(Browser browser) {
    return browser.driver().findElement(By.tagName("html")).getAttribute("lang");
  }

  private static String text(Browser browser, By target) {
    return browser.driver().findElement(target).getText();
  }

  private static Messages words(String lang) {
    return WORDS.get(Language.of(lang).orElseThrow());
  }
}
