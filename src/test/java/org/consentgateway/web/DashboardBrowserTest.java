package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.web.AppWorld.CITIZEN_ID;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's pages in Chromium, signed in through the gateway's demo identity provider: every
 * page in both languages has no serious or critical accessibility violation, fits a 360 px screen,
 * logs nothing and shows no ID number (with its screenshots saved); the inquiry history's proofs
 * verify in the page; and a revocation works by link and button alone.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

  /** A guard, not an expectation: the proofs are checked in well under a second. */
  private static final Duration PROOFS_CHECKED = Duration.ofSeconds(20);

  private AppWorld world;
  private AppWorld.Granted active;
  private AppWorld.Granted paused;
  private String accountId;

  @BeforeAll
  void start(DatabaseCoordinates database, Browser browser) throws Exception {
    world = new AppWorld(database, Files.createTempDirectory("dashboard-browser-test"));
    world.request(CITIZEN_ID, "LOAN_APPROVAL", "SUMMARY", 2);
    active = world.grant("LOAN_APPROVAL", "SUMMARY", 2);
    assertThat(world.query(active, "LOAN_APPROVAL", "SUMMARY").statusCode()).isEqualTo(200);
    GatewayHttpClient.assertProblem(world.query(active, "CREDIT_CARD_APPROVAL", "SUMMARY"), 403, "purpose_mismatch");
    paused = world.grant("CREDIT_CARD_APPROVAL", "BASIC", 1);
    world.api.json(world.api.post("/v1/me/consents/" + paused.consentId() + "/pause", world.citizenToken(), ""), 200);
    String revoked = world.grant("LOAN_APPROVAL", "BASIC", 1).consentId();
    world.api.json(world.api.post("/v1/me/consents/" + revoked + "/revoke", world.citizenToken(), ""), 200);
    accountId = world.creditFile.accounts().get(0).id().toString();
    String recordId = world.creditFile.publicRecords().get(0).id().toString();
    assertThat(world.submit("/app/records/" + accountId + "/statement", Map.of("statement", "该笔逾期系银行系统故障所致"))
        .statusCode()).isEqualTo(303);
    assertThat(world.submit("/app/disputes/new", Map.of("recordId", recordId, "reason", "这笔判决已撤销")).statusCode()).isEqualTo(303);

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
  void everyPageInBothLanguagesIsAccessibleFitsAPhoneAndShowsNoIdNumber(Browser browser) throws Exception {
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("dashboard", "/app/");
    pages.put("dashboard-revoke", "/app/consents/" + active.consentId() + "/revoke");
    pages.put("dashboard-resume", "/app/consents/" + paused.consentId() + "/resume");
    pages.put("dashboard-report", "/app/report");
    pages.put("dashboard-disputes", "/app/disputes");
    pages.put("dashboard-dispute-form", "/app/disputes/new?recordId=" + accountId);
    pages.put("dashboard-statement-form", "/app/records/" + accountId + "/statement");
    for (String lang : List.of("zh-CN", "en")) {
      for (Map.Entry<String, String> page : pages.entrySet()) {
        check(browser, page.getKey(), page.getValue(), lang);
      }
      // A form sent without its reason: the error summary and the field's error, checked too.
      browser.open(world.app.url(pages.get("dashboard-dispute-form") + "&lang=" + lang));
      browser.clickThrough(By.cssSelector("form[action='/app/disputes/new'] button[type='submit']"));
      assertThat(browser.driver().findElements(By.className("error-summary"))).hasSize(1);
      browser.checkPage("dashboard-dispute-form-error", lang);
    }
    // Last, once a checkpoint holds every look so far (each view of the report is one): its proofs all verify.
    coveredByACheckpoint();
    for (String lang : List.of("zh-CN", "en")) {
      check(browser, "dashboard-queries", "/app/queries", lang);
    }
  }

  private void check(Browser browser, String name, String path, String lang) {
    browser.open(world.app.url(path + (path.contains("?") ? "&" : "?") + "lang=" + lang));
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).as(name).isEqualTo(lang);
    proofsChecked(browser);
    browser.checkPage(name, lang);
    browser.assertNoIdNumberInPageSource();
    browser.assertNoIdNumberInUrlCookiesOrConsole();
  }

  /** Waits until the page's script has checked every proof on it, if any. */
  private static List<WebElement> proofsChecked(Browser browser) {
    List<WebElement> proofs = browser.driver().findElements(By.cssSelector("[data-proof-url]"));
    new WebDriverWait(browser.driver(), PROOFS_CHECKED).until(driver -> proofs.stream()
        .allMatch(proof -> List.of("verified", "failed").contains(String.valueOf(proof.getAttribute("data-proof-state")))));
    return proofs;
  }

  private void coveredByACheckpoint() throws Exception {
    PublishedCheckpoints.atLeast(GatewayHttpClient.auditEntries(world.database).size(),
        () -> world.api.getPublic(InquiryPages.CHECKPOINT_URL));
  }

  @Test
  void everyEntryOfWhoLookedIsVerifiedInThePage(Browser browser) throws Exception {
    coveredByACheckpoint();

    browser.open(world.app.url("/app/queries?lang=en"));

    List<WebElement> proofs = proofsChecked(browser);
    assertThat(proofs).hasSizeGreaterThanOrEqualTo(2);
    assertThat(proofs).allSatisfy(proof -> {
      assertThat(proof.getAttribute("data-proof-state")).as(proof.getText() + " " + proof.getAttribute("data-proof-reason"))
          .isEqualTo("verified");
      assertThat(proof.getText()).isEqualTo("Verified against checkpoint of size " + proof.getAttribute("data-proof-size"));
    });
    browser.console().assertNoErrors();
  }

  @Test
  void aConsentIsRevokedByALinkAndAButton(Browser browser) throws Exception {
    AppWorld.Granted granted = world.grant("CREDIT_CARD_APPROVAL", "SUMMARY", 1);
    browser.open(world.app.url("/app/?lang=en"));

    browser.clickThrough(By.cssSelector("a[href='/app/consents/" + granted.consentId() + "/revoke']"));
    browser.clickThrough(By.cssSelector("main form button[type='submit']"));

    assertThat(browser.driver().getCurrentUrl()).isEqualTo(world.app.url("/app/?done=revoked"));
    assertThat(browser.driver().findElement(By.className("notice")).getText()).startsWith("Your consent is revoked.");
    assertThat(world.statusOf(granted.consentId())).isEqualTo("REVOKED");
    GatewayHttpClient.assertProblem(world.query(granted, "CREDIT_CARD_APPROVAL", "SUMMARY"), 403, "consent_revoked");
  }
}
