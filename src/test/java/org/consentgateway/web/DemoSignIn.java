package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.consentgateway.value.ResidentIdNumber;
import org.openqa.selenium.By;

/**
 * Signing in to a test's gateway for real, through the demo identity provider it serves on the demo
 * keys: step by step or all at once with an {@link HttpBrowser}, or in Chromium. What a test of the
 * pages needs before it can look at them, and what a test of the sign-in looks at one step at a time.
 */
final class DemoSignIn {

  private DemoSignIn() {}

  /** Signs the holder of {@code idNumber} in on {@code browser}, typing the number on the provider's page; the browser, signed in. */
  static HttpBrowser as(HttpBrowser browser, AppGateway app, String idNumber) throws Exception {
    HttpResponse<String> signedIn = browser.follow(authorize(browser, app, demoPage(browser, app), Map.of("idn", idNumber)));
    assertThat(HttpBrowser.location(signedIn)).as("signed in, the app's home").isEqualTo(URI.create(app.url("/app/")));
    return browser;
  }

  /** The app's sign-in page, then its form sent: the app's redirect to the demo provider. */
  static HttpResponse<String> start(HttpBrowser browser, AppGateway app) throws Exception {
    HttpResponse<String> signInPage = browser.get(app.url(SignInRoutes.SIGN_IN));
    AppGateway.page(signInPage, 200);
    return browser.post(app.url(SignInRoutes.SIGN_IN), HttpBrowser.hiddenFields(signInPage));
  }

  /** The app sends the browser to the demo provider: its page. */
  static HttpResponse<String> demoPage(HttpBrowser browser, AppGateway app) throws Exception {
    URI authorize = HttpBrowser.location(start(browser, app));
    assertThat(authorize.toString()).startsWith(app.url(DemoIdentityProvider.AUTHORIZE_PATH + "?"));
    return browser.get(authorize.toString());
  }

  /** Submits the demo page with {@code choice}: the provider's redirect back to the app. */
  static HttpResponse<String> authorize(HttpBrowser browser, AppGateway app, HttpResponse<String> demoPage,
      Map<String, String> choice) throws Exception {
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(demoPage));
    form.putAll(choice);
    HttpResponse<String> back = browser.post(app.url(DemoIdentityProvider.AUTHORIZE_PATH), form);
    assertThat(HttpBrowser.location(back).getPath()).isEqualTo(SignInRoutes.CALLBACK);
    return back;
  }

  /**
   * In Chromium, on the sign-in page the app sent the browser to: signs in as the holder of
   * {@code idNumber}, one of the citizens the provider offers, by picking them as a person would.
   * The browser ends where the app sends it back to.
   */
  static void inBrowser(Browser browser, AppGateway app, String idNumber) {
    assertThat(browser.driver().getCurrentUrl()).startsWith(app.url(SignInRoutes.SIGN_IN));
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(URI.create(browser.driver().getCurrentUrl()).getPath()).isEqualTo(DemoIdentityProvider.AUTHORIZE_PATH);
    int offered = DemoIdentityProvider.offeredCitizens().indexOf(ResidentIdNumber.parse(idNumber));
    assertThat(offered).as("a citizen the demo provider offers").isNotNegative();
    browser.driver().findElement(By.cssSelector("label[for=citizen-" + offered + "]")).click();
    browser.clickThrough(By.cssSelector("form[action='" + DemoIdentityProvider.AUTHORIZE_PATH + "'] button[type=submit]:not([name])"));
    browser.assertNoIdNumberInUrlCookiesOrConsole();
  }
}
