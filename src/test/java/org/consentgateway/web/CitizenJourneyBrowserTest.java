package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.consent.ConsentChange;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.CreditFile;
import org.consentgateway.wiring.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The citizen's whole journey in Chromium, against one running gateway on the demo keys, signing in
 * through its demo identity provider: a bank asks with its redirect URI, the citizen opens the
 * consent URL, signs in, reads what the bank would get, approves with the sensitive-data
 * confirmation and goes back to the bank with its state; the bank queries; the dashboard shows
 * that query with a proof the page verified; the citizen revokes; the bank's next query is refused.
 * Also pausing and resuming, and a dispute, as a citizen does them.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CitizenJourneyBrowserTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String BANK_NAME = "示范银行";
  private static final String CITIZEN_ID = DemoIdentityProvider.EXAMPLE_CITIZEN;
  private static final Path KEYS = Path.of("keys-example");
  private static final Messages CHINESE = Messages.load().get(Language.ZH_CN);
  /** A guard, not an expectation: the page checks its proofs in well under a second. */
  private static final Duration PROOFS_CHECKED = Duration.ofSeconds(20);

  private final PrivateKey bankKey = PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem"));
  private final Vertx vertx = Vertx.vertx();
  /** The query strings the bank's return page was opened with (the browser also asks the bank's site for its icon). */
  private final List<String> bankReturns = new CopyOnWriteArrayList<>();
  private DatabaseCoordinates database;
  private HttpServer bankSite;
  private String bankReturn;
  private AppGateway app;
  private GatewayHttpClient api;
  private CreditFile creditFile;
  private Labels labels;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    bankSite = Blocking.await(vertx.createHttpServer().requestHandler(request -> {
      if (request.path().equals("/consent/done")) {
        bankReturns.add(request.query());
      }
      request.response().putHeader("Content-Type", "text/html; charset=utf-8")
          .end("<!DOCTYPE html><html lang=\"en\"><head><title>Demo bank</title></head><body><h1>Back at the bank</h1></body></html>");
    }).listen(0, "127.0.0.1"), Duration.ofSeconds(30));
    bankReturn = "http://127.0.0.1:" + bankSite.actualPort() + "/consent/done";
    GatewayKeys keys = GatewayKeys.load(KEYS);
    PurposeCatalog purposes = PurposeCatalog.load(Path.of(GatewayConfig.DEFAULT_POLICIES_DIR));
    labels = new Labels(CHINESE, purposes);
    try (TestRegistry registry = TestRegistry.open(database, purposes)) {
      registry.addInstitution(BANK, BANK_NAME, ClientKey.read(KEYS.resolve("institution.pub.pem")),
          List.of("LOAN_APPROVAL", "CREDIT_CARD_APPROVAL"), "DETAIL");
      registry.setInstitutionRedirectUris(BANK, List.of(bankReturn));
    }
    creditFile = CitizenFile.imported(database, keys, Files.createTempDirectory("journey"), CITIZEN_ID);
    // Checkpoints soon after the log grows, so the page can check a fresh entry's proof.
    app = AppGateway.start(database, Map.of(ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100"), Clock.systemUTC());
    api = new GatewayHttpClient(app.gateway.port());
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.gateway.close();
    }
    Blocking.await(vertx.close(), Duration.ofSeconds(30));
  }

  @Test
  void theBankAsksTheCitizenApprovesTheBankQueriesTheCitizenSeesItVerifiedAndRevokes(Browser browser) throws Exception {
    // The bank asks, naming where the citizen goes back to and a state of its own.
    JsonObject asked = api.json(api.post("/v1/consent-requests", bankToken(), request("LOAN_APPROVAL", "DETAIL")
        .put("redirectUri", bankReturn).put("state", "loan-4711")), 201);
    String requestId = asked.getString("id");
    assertThat(asked.getString("consentUrl")).isEqualTo(app.url("/app/consent-requests/" + requestId));

    // The citizen, not signed in yet, opens the consent URL and is asked to sign in first, then lands on the request.
    signedOut(browser);
    browser.open(asked.getString("consentUrl"));
    signIn(browser);
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(asked.getString("consentUrl"));

    // What the bank would get, from the registry and the policies.
    String page = text(browser);
    assertThat(page).contains(CHINESE.text("consent.heading", BANK_NAME), BANK, labels.purpose("LOAN_APPROVAL"),
        CHINESE.text("grade.DETAIL.name"), CHINESE.text("consent.terms.uses"), CHINESE.text("consent.terms.limits"),
        CHINESE.text("consent.withdraw.heading"));
    browser.driver().findElement(By.cssSelector("details.fields summary")).click();
    assertThat(browser.driver().findElement(By.cssSelector("details.fields")).getText())
        .contains(CHINESE.text("field.accounts.repayment24"), CHINESE.text("field.subject.idNumber"));
    WebElement confirmation = browser.driver().findElement(By.id("confirm-sensitive"));
    assertThat(confirmation.isSelected()).as("nothing is ticked for the citizen").isFalse();
    browser.checkPage("journey-consent-request", "zh-CN");

    // Approve, with the sensitive-data confirmation: the signed receipt, and the way back.
    browser.driver().findElement(By.cssSelector("label[for=confirm-sensitive]")).click();
    browser.clickThrough(By.cssSelector("main button[type=submit]:not([formaction])"));
    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(CHINESE.text("consent.approved.title"));
    assertThat(text(browser)).contains(CHINESE.text("receipt.heading"));
    browser.checkPage("journey-approved", "zh-CN");
    browser.clickThrough(By.linkText(CHINESE.text("consent.return", BANK_NAME)));
    assertThat(browser.driver().getCurrentUrl())
        .isEqualTo(bankReturn + "?requestId=" + requestId + "&state=loan-4711&outcome=approved");
    assertThat(bankReturns).containsExactly("requestId=" + requestId + "&state=loan-4711&outcome=approved");

    // The bank queries under the consent.
    JsonObject approved = api.json(api.get("/v1/consent-requests/" + requestId, bankToken()), 200);
    assertThat(approved.getString("status")).isEqualTo("APPROVED");
    String consentToken = approved.getString("consentToken");
    String consentId = approved.getString("consentId");
    assertThat(query(consentToken, "LOAN_APPROVAL", "DETAIL").statusCode()).isEqualTo(200);

    // Who looked: the bank's query, its proof verified in the page against a signed checkpoint.
    coveredByACheckpoint();
    browser.open(app.url("/app/queries"));
    WebElement newest = browser.driver().findElement(By.cssSelector("tbody tr"));
    assertThat(newest.findElement(By.tagName("th")).getText()).contains(BANK_NAME);
    assertThat(newest.getText()).contains(labels.purpose("LOAN_APPROVAL"));
    WebElement proof = newest.findElement(By.cssSelector("[data-proof-url]"));
    new WebDriverWait(browser.driver(), PROOFS_CHECKED)
        .until(driver -> List.of("verified", "failed").contains(String.valueOf(proof.getAttribute("data-proof-state"))));
    assertThat(proof.getAttribute("data-proof-state")).as(proof.getAttribute("data-proof-reason")).isEqualTo("verified");
    assertThat(proof.getText()).isEqualTo(CHINESE.text("queries.proof.verified").replace("{size}", proof.getAttribute("data-proof-size")));
    browser.checkPage("journey-queries", "zh-CN");

    // The citizen revokes from the dashboard, after a confirmation saying what it changes.
    browser.open(app.url("/app/"));
    browser.clickThrough(By.cssSelector("a[href='" + ConsentActions.path(UUID.fromString(consentId), ConsentChange.REVOKE) + "']"));
    assertThat(text(browser)).contains(CHINESE.text("change.revoke.effect", BANK_NAME));
    browser.checkPage("journey-revoke", "zh-CN");
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.driver().findElement(By.className("notice")).getText()).startsWith(CHINESE.text("notice.revoked"));

    // The bank's next query is refused.
    GatewayHttpClient.assertProblem(query(consentToken, "LOAN_APPROVAL", "DETAIL"), 403, "consent_revoked");
    browser.assertNoIdNumberInUrlCookiesOrConsole();
  }

  @Test
  void aPausedConsentAdmitsNoQueryUntilItIsResumed(Browser browser) throws Exception {
    String consentToken = approvedInTheBrowser(browser, "CREDIT_CARD_APPROVAL", "SUMMARY");
    String consentId = api.json(api.get("/v1/consent-requests/" + lastRequestId, bankToken()), 200).getString("consentId");
    UUID consent = UUID.fromString(consentId);

    browser.open(app.url("/app/?lang=en"));
    browser.clickThrough(By.cssSelector("a[href='" + ConsentActions.path(consent, ConsentChange.PAUSE) + "']"));
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.driver().findElement(By.className("notice")).getText())
        .startsWith(Messages.load().get(Language.EN).text("notice.paused"));
    GatewayHttpClient.assertProblem(query(consentToken, "CREDIT_CARD_APPROVAL", "SUMMARY"), 403, "consent_revoked");

    browser.clickThrough(By.cssSelector("a[href='" + ConsentActions.path(consent, ConsentChange.RESUME) + "']"));
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.driver().findElement(By.className("notice")).getText())
        .startsWith(Messages.load().get(Language.EN).text("notice.resumed"));
    assertThat(query(consentToken, "CREDIT_CARD_APPROVAL", "SUMMARY").statusCode()).isEqualTo(200);
  }

  @Test
  void aRecordIsDisputedFromTheReport(Browser browser) throws Exception {
    browser.open(app.url("/app/report?lang=zh-CN"));
    signInIfAsked(browser);
    String recordId = creditFile.publicRecords().get(0).id().toString();
    browser.clickThrough(By.cssSelector("a[href='" + DisputePages.newPath(recordId) + "']"));
    browser.driver().findElement(By.id("reason")).sendKeys("这条记录不是我的：该判决已于去年撤销");
    browser.clickThrough(By.cssSelector("form[action='/app/disputes/new'] button[type='submit']"));

    assertThat(browser.driver().getCurrentUrl()).startsWith(app.url(DisputePages.PATH));
    assertThat(browser.driver().findElement(By.className("notice")).getText()).startsWith(CHINESE.text("notice.dispute-filed"));
    String disputes = text(browser);
    assertThat(disputes).contains(CHINESE.text("disputes.due"), "这条记录不是我的：该判决已于去年撤销");
    browser.checkPage("journey-dispute-filed", "zh-CN");
  }

  @Test
  void aRedirectUriTheBankDidNotRegisterIsRefusedWhenItAsks() throws Exception {
    for (String elsewhere : List.of(bankReturn + "/", bankReturn + "?x=1", "http://127.0.0.1:1/consent/done",
        "https://attacker.example/consent/done")) {
      HttpResponse<String> refused = api.post("/v1/consent-requests", bankToken(),
          request("LOAN_APPROVAL", "SUMMARY").put("redirectUri", elsewhere).put("state", "s"));
      assertThat(GatewayHttpClient.assertProblem(refused, 400, "invalid_request")).contains("redirectUri");
      assertThat(refused.body()).as("the refused address is not echoed").doesNotContain(elsewhere);
    }
  }

  // --- The bank ---

  private String lastRequestId;

  private String bankToken() throws Exception {
    return api.accessToken(BANK, bankKey, Instant.now(), app.base);
  }

  private static JsonObject request(String purpose, String grade) {
    return new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", purpose).put("grade", grade)
        .put("validDays", 30).put("maxUses", 3);
  }

  private HttpResponse<String> query(String consentToken, String purpose, String grade) throws Exception {
    return api.post("/v1/queries", bankToken(),
        new JsonObject().put("consentToken", consentToken).put("purpose", purpose).put("grade", grade));
  }

  /** The bank asks with its redirect URI and the citizen approves in the browser; the bank's consent token. */
  private String approvedInTheBrowser(Browser browser, String purpose, String grade) throws Exception {
    lastRequestId = api.json(api.post("/v1/consent-requests", bankToken(), request(purpose, grade)
        .put("redirectUri", bankReturn).put("state", "card-1")), 201).getString("id");
    browser.open(app.url("/app/consent-requests/" + lastRequestId));
    signInIfAsked(browser);
    browser.clickThrough(By.cssSelector("main button[type=submit]:not([formaction])"));
    return api.json(api.get("/v1/consent-requests/" + lastRequestId, bankToken()), 200).getString("consentToken");
  }

  // --- The citizen ---

  /** On the sign-in page the app sent the browser to: signs in as the demo citizen through the demo identity provider. */
  private void signIn(Browser browser) {
    assertThat(browser.driver().getCurrentUrl()).startsWith(app.url(SignInRoutes.SIGN_IN + "?next="));
    DemoSignIn.inBrowser(browser, app, CITIZEN_ID);
  }

  private void signedOut(Browser browser) {
    // A page of the app's origin that names its icon: on a style sheet the browser asks for /favicon.ico, a 404 in the console.
    browser.open(app.url(SignInRoutes.SIGN_IN));
    browser.driver().manage().deleteAllCookies();
  }

  private void signInIfAsked(Browser browser) {
    if (browser.driver().getCurrentUrl().startsWith(app.url(SignInRoutes.SIGN_IN))) {
      signIn(browser);
    }
  }

  private static String text(Browser browser) {
    return browser.driver().findElement(By.tagName("main")).getText();
  }

  private void coveredByACheckpoint() throws Exception {
    PublishedCheckpoints.atLeast(GatewayHttpClient.auditEntries(database).size(), () -> api.getPublic(InquiryPages.CHECKPOINT_URL));
  }
}
