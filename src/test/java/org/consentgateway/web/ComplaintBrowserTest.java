package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.web.AppWorld.BANK_NAME;
import static org.consentgateway.web.AppWorld.CITIZEN_ID;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ChallengeAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A complaint in Chromium, as the citizen and the regulator make it: the citizen complains about a
 * bank's query from who-looked and sees it in "my complaints" with its proof verified in the page;
 * the regulator signs in to the console, acknowledges it, asks the bank, reads the bank's answer
 * and upholds it; the citizen then reads the question, the bank's answer as its own words and "upheld". Every complaint page, in both languages, passes
 * axe-core, fits a phone and shows no ID number (screenshots under target/screenshots).
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintBrowserTest {

  private static final Map<Language, Messages> WORDS = Messages.load();
  private static final Messages CHINESE = WORDS.get(Language.ZH_CN);
  private static final Messages ENGLISH = WORDS.get(Language.EN);
  /** A guard, not an expectation: the proofs are checked in well under a second. */
  private static final Duration PROOFS_CHECKED = Duration.ofSeconds(20);

  private final PrivateKey regulatorKey = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve("regulator.key.pem"));
  private AppWorld world;

  @BeforeAll
  void start(DatabaseCoordinates database, Browser browser) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    // A loaded build machine: the set-up and the forms wait for their answers rather than taking a 503.
    world = new AppWorld(database, Files.createTempDirectory("complaint-browser-test"), Map.of(ConfigKeys.HTTP_REQUEST_TIMEOUT_MILLIS, "60000"));
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
  void theCitizenComplainsTheRegulatorUpholdsAndTheCitizenSeesUpheld(Browser browser) throws Exception {
    long index = aSignedQuery();

    // The citizen, in who-looked, complains about the bank's query.
    browser.open(world.app.url("/app/queries?lang=zh-CN"));
    browser.clickThrough(By.cssSelector("a[href='" + ComplaintPages.newPath(index) + "']"));
    assertThat(text(browser)).contains(CHINESE.text("complaints.new.title"), BANK_NAME);
    browser.clickThrough(By.id("complaint-submit"));
    assertThat(browser.driver().findElement(By.className("error-summary")).getText())
        .contains(CHINESE.text("form.complaintReason.missing"), CHINESE.text("form.complaint.missing"));
    browser.driver().findElement(By.cssSelector("label[for=reason]")).click();
    browser.driver().findElement(By.id("complaint")).sendKeys("我从未向这家银行申请贷款，也从未同意这次查询");
    browser.clickThrough(By.id("complaint-submit"));

    assertThat(browser.driver().getCurrentUrl()).isEqualTo(world.app.url("/app/complaints?done=complaint-filed"));
    assertThat(browser.driver().findElement(By.className("notice")).getText()).isEqualTo(CHINESE.text("notice.complaint-filed"));
    WebElement row = row(browser, index);
    assertThat(row.getText()).contains(BANK_NAME, CHINESE.text("complaint.reason.not_authorised"), CHINESE.text("complaint.status.FILED"));
    WebElement proof = row.findElement(By.cssSelector("[data-proof-url]"));
    new WebDriverWait(browser.driver(), PROOFS_CHECKED)
        .until(driver -> List.of("verified", "failed").contains(String.valueOf(proof.getAttribute("data-proof-state"))));
    assertThat(proof.getAttribute("data-proof-state")).as(proof.getAttribute("data-proof-reason")).isEqualTo("verified");
    String id = row.getDomAttribute("data-complaint");
    browser.assertNoIdNumberInUrlCookiesOrConsole();

    // The regulator, in the console: the open complaints, then this one.
    consoleSignedIn(browser);
    browser.open(world.app.url("/console/complaints?lang=en"));
    browser.clickThrough(By.cssSelector("#complaints a[href='/console/complaints/" + id + "']"));
    assertThat(text(browser)).contains("我从未向这家银行申请贷款", ENGLISH.text("console.complaint.status.FILED"));
    browser.clickThrough(By.cssSelector("#acknowledge-form button[type=submit]"));
    assertThat(browser.driver().findElement(By.className("notice")).getText()).isEqualTo(ENGLISH.text("notice.complaint-acknowledged"));
    assertThat(browser.driver().findElement(By.id("complaint-status")).getText()).isEqualTo(ENGLISH.text("console.complaint.status.ACKNOWLEDGED"));

    browser.driver().findElement(By.id("question")).sendKeys("Under which consent did you make this query?");
    browser.clickThrough(By.cssSelector("#ask-form button[type=submit]"));
    assertThat(browser.driver().findElement(By.className("notice")).getText()).isEqualTo(ENGLISH.text("notice.information-requested"));
    assertThat(browser.driver().findElement(By.id("complaint-status")).getText())
        .isEqualTo(ENGLISH.text("console.complaint.status.INFORMATION_REQUESTED"));

    // The bank answers through the API; the regulator reads its answer and upholds the complaint.
    assertThat(respond(id, "Our branch made this query by mistake.").statusCode()).isEqualTo(200);
    browser.open(world.app.url("/console/complaints/" + id + "?lang=en"));
    assertThat(browser.driver().findElement(By.id("complaint-response")).getText()).isEqualTo("Our branch made this query by mistake.");
    browser.driver().findElement(By.cssSelector("label[for=outcome]")).click();
    browser.driver().findElement(By.id("note")).sendKeys("The bank had no consent for this query.");
    browser.clickThrough(By.cssSelector("#resolve-form button[type=submit]"));
    assertThat(browser.driver().findElement(By.className("notice")).getText()).isEqualTo(ENGLISH.text("notice.complaint-resolved"));
    assertThat(browser.driver().findElement(By.id("complaint-outcome")).getText()).isEqualTo(ENGLISH.text("console.complaint.resolve.upheld"));
    browser.checkPage("console-complaint-resolved", "en");

    // The citizen sees the decision.
    browser.open(world.app.url("/app/complaints?lang=en"));
    assertThat(row(browser, index).getText()).contains(ENGLISH.text("complaint.outcome.upheld"), "The bank had no consent for this query.",
        ENGLISH.text("complaints.question"), "Under which consent did you make this query?",
        ENGLISH.text("complaints.answer"), "Our branch made this query by mistake.");
    assertThat(row(browser, index).findElement(By.className("complaint-answer")).getText()).isEqualTo("Our branch made this query by mistake.");
    browser.checkPage("complaints-exchange", "en");
    browser.open(world.app.url("/app/complaints?lang=zh-CN"));
    assertThat(row(browser, index).getText()).contains(Messages.load().get(Language.ZH_CN).text("complaints.answer"));
    browser.checkPage("complaints-exchange", "zh-CN");
    browser.assertNoIdNumberInUrlCookiesOrConsole();
  }

  @Test
  void everyComplaintPageInBothLanguagesIsAccessibleAndFitsAPhone(Browser browser) throws Exception {
    long index = aSignedQuery();
    assertThat(world.submit(ComplaintPages.NEW_PATH, Map.of("index", Long.toString(index), "reason", "beyond_purpose",
        "complaint", "这家银行以贷款审批为由查询，却用于推销信用卡")).statusCode()).isEqualTo(303);
    String later = ComplaintPages.newPath(aSignedQuery());
    consoleSignedIn(browser);
    browser.open(world.app.url("/app/complaints?lang=en"));
    String id = row(browser, index).getDomAttribute("data-complaint");

    for (String lang : List.of("zh-CN", "en")) {
      check(browser, "complaint-queries", "/app/queries", lang);
      check(browser, "complaint-form", later, lang);
      browser.clickThrough(By.id("complaint-submit"));
      assertThat(browser.driver().findElements(By.className("error-summary"))).hasSize(1);
      browser.checkPage("complaint-form-error", lang);
      check(browser, "complaints", "/app/complaints", lang);
      check(browser, "console-complaints", "/console/complaints", lang);
      check(browser, "console-complaint", "/console/complaints/" + id, lang);
    }
  }

  private void check(Browser browser, String name, String path, String lang) {
    browser.open(world.app.url(path + (path.contains("?") ? "&" : "?") + "lang=" + lang));
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).as(name).isNotBlank();
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).as(name).isEqualTo(lang);
    List<WebElement> proofs = browser.driver().findElements(By.cssSelector("[data-proof-url]"));
    new WebDriverWait(browser.driver(), PROOFS_CHECKED).until(driver -> proofs.stream()
        .allMatch(proof -> List.of("verified", "failed").contains(String.valueOf(proof.getAttribute("data-proof-state")))));
    browser.checkPage(name, lang);
    browser.assertNoIdNumberInPageSource();
    browser.assertNoIdNumberInUrlCookiesOrConsole();
  }

  /** The row of "my complaints" about entry {@code index}. */
  private static WebElement row(Browser browser, long index) {
    return browser.driver().findElements(By.cssSelector("#complaints tbody tr")).stream()
        .filter(row -> !row.findElements(By.cssSelector("[data-index='" + index + "']")).isEmpty()).findFirst().orElseThrow();
  }

  private static String text(Browser browser) {
    return browser.driver().findElement(By.tagName("main")).getText();
  }

  /** A new query by the bank about the demo citizen, covered by a signed checkpoint; its index. */
  private long aSignedQuery() throws Exception {
    AppWorld.Granted granted = world.grant("LOAN_APPROVAL", "SUMMARY", 1);
    assertThat(world.query(granted, "LOAN_APPROVAL", "SUMMARY").statusCode()).isEqualTo(200);
    List<AuditEntry> entries = GatewayHttpClient.auditEntries(world.database);
    long index = entries.stream().filter(entry -> entry.event().action() == AuditAction.QUERY_ALLOWED
        && entry.event().subjectRef().filter(world.citizenRef::equals).isPresent()).mapToLong(AuditEntry::index).max().orElseThrow();
    PublishedCheckpoints.atLeast(entries.size(), () -> world.api.getPublic(InquiryPages.CHECKPOINT_URL));
    return index;
  }

  /** The bank answers the regulator's question, as its server would (the API, with its access token). */
  private HttpResponse<String> respond(String id, String response) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(world.app.url("/v1/complaints/" + id + "/response")))
        .header("Authorization", "Bearer " + world.bankToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("response", response).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Signs the browser in to the console as the regulator, unless it is; the citizen's session (another cookie) stays. */
  private void consoleSignedIn(Browser browser) {
    browser.open(world.app.url("/console/complaints"));
    if (!browser.driver().getCurrentUrl().startsWith(world.app.url("/console/sign-in"))) {
      return;
    }
    String challenge = browser.driver().findElement(By.id("challenge")).getText();
    String answer = ChallengeAnswers.sign(ConsoleSignInTest.REGULATOR, ChallengeAnswers.audience(world.app.base), challenge, regulatorKey,
        Instant.now());
    browser.driver().findElement(By.id("client_id")).sendKeys(ConsoleSignInTest.REGULATOR);
    browser.driver().findElement(By.id("answer")).sendKeys(answer);
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(world.app.url("/console/"));
  }
}
