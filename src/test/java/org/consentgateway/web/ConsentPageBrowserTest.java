package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * The consent screen and its answer pages in Chromium, signed in through the gateway's demo
 * identity provider, in both languages: no serious or critical accessibility violation (axe-core),
 * nothing wider than a 360 px phone, a clean console, and a screenshot of each. Approving a
 * sensitive grade without the confirmation, then with it; rejecting a request that came by
 * redirect, whose page offers the way back.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentPageBrowserTest {

  private static final String CITIZEN_ID = DemoIdentityProvider.EXAMPLE_CITIZEN;

  private ConsentWorld world;

  @BeforeAll
  void start(DatabaseCoordinates database, Browser browser) {
    world = new ConsentWorld(database);
    browser.open(world.app.url("/app/"));
    DemoSignIn.inBrowser(browser, world.app, CITIZEN_ID);
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aDetailRequestIsReadableAndApprovedOnlyWithItsConfirmation(Browser browser) throws Exception {
    for (String lang : List.of("en", "zh-CN")) {
      Messages words = Messages.load().get(Language.of(lang).orElseThrow());
      UUID id = world.ask(CITIZEN_ID, "LOAN_APPROVAL", "DETAIL", 30, 3);
      browser.open(world.app.url("/app/consent-requests/" + id + "?lang=" + lang));
      browser.driver().findElement(By.cssSelector("details.fields summary")).click();
      browser.checkPage("consent-request-detail", lang);

      browser.clickThrough(By.cssSelector("main button[type=submit]:not([formaction])"));
      assertThat(browser.driver().findElement(By.cssSelector(".error-summary")).getText())
          .contains(words.text("consent.sensitive.missing"));
      browser.checkPage("consent-request-error", lang);

      browser.driver().findElement(By.cssSelector(".error-summary a")).click();
      assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-sensitive");
      browser.driver().findElement(By.cssSelector("label[for=confirm-sensitive]")).click();
      browser.clickThrough(By.cssSelector("main button[type=submit]:not([formaction])"));

      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(words.text("consent.approved.title"));
      browser.driver().findElement(By.cssSelector("details summary")).click();
      browser.checkPage("consent-approved", lang);
      browser.assertNoIdNumberInPageSource();

      // Opened again later: answered, with its receipt.
      browser.open(world.app.url("/app/consent-requests/" + id + "?lang=" + lang));
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(words.text("consent.answered.title"));
      browser.checkPage("consent-answered", lang);
    }
  }

  @Test
  void aRejectedRequestThatCameByRedirectOffersTheWayBack(Browser browser) throws Exception {
    for (String lang : List.of("en", "zh-CN")) {
      Messages words = Messages.load().get(Language.of(lang).orElseThrow());
      UUID id = world.askWithRedirect(CITIZEN_ID, "POST_LOAN_MANAGEMENT", "SUMMARY", "bank-state-1");

      browser.open(world.app.url("/app/consent-requests/" + id + "?lang=" + lang));
      browser.checkPage("consent-request-summary", lang);
      browser.clickThrough(By.cssSelector("main button[formaction]"));

      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(words.text("consent.rejected.title"));
      assertThat(browser.driver().findElement(By.linkText(words.text("consent.return", ConsentWorld.BANK_NAME))).getAttribute("href"))
          .startsWith(ConsentWorld.BANK_RETURN + "?requestId=" + id).endsWith("&state=bank-state-1&outcome=rejected");
      browser.checkPage("consent-rejected", lang);
    }
  }
}
