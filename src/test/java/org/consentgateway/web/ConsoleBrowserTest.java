package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.audit.TestVectors;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.records.CreditFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The regulator console in Chromium, on a whole gateway whose log has at least two checkpoints: a
 * regulator signs in with the answer {@code gateway dev sign-challenge} prints, the log page shows
 * the consistency between the last two checkpoints verified by the page's own script, and signs
 * out; the script's consistency check passes every RFC 6962 consistency vector and refuses a
 * tampered proof, checkpoint or key; every console page passes axe-core in both languages.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

  private static final Map<Language, Messages> WORDS = Messages.load();
  private static final List<String> LANGUAGES = List.of("zh-CN", "en");
  /** A synthetic citizen with no credit file: each look at their report is an audited refusal, an entry of the log. */
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final Duration CHECK_LIMIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrivateKey regulatorKey = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve("regulator.key.pem"));
  private AppGateway app;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    app = AppGateway.start(database, Map.of(ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100",
        // A loaded build machine: the set-up waits for its answers rather than taking a 503.
        ConfigKeys.HTTP_REQUEST_TIMEOUT_MILLIS, "60000"), java.time.Clock.systemUTC());
    GatewayHttpClient api = new GatewayHttpClient(app.gateway.port());
    String citizen = GatewayHttpClient.citizenToken(CITIZEN_ID,
        PemFiles.readPrivateKey(Path.of("keys-example", "identity-provider.key.pem")), Instant.now());
    // Two rounds of entries, each followed by its checkpoint: the log page has a previous checkpoint to compare.
    for (int round = 1; round <= 2; round++) {
      for (int i = 0; i < 3; i++) {
        GatewayHttpClient.assertProblem(api.get("/v1/me/report", citizen), 404, "not_found");
      }
      PublishedCheckpoints.atLeast(3L * round, () -> api.getPublic("/v1/audit/checkpoint"));
    }
    fileAnOverdueDispute(database, api);
  }

  /** A citizen's dispute, filed and then dated back 25 days (due 20 days after filing): the overdue page has a row. */
  private static void fileAnOverdueDispute(DatabaseCoordinates database, GatewayHttpClient api) throws Exception {
    String idNumber = DemoIdentityProvider.offeredCitizens().get(0).value();
    CreditFile file = CitizenFile.imported(database, GatewayKeys.load(Path.of("keys-example")),
        Files.createTempDirectory("console-browser-test"), idNumber);
    String citizen = GatewayHttpClient.citizenToken(idNumber,
        PemFiles.readPrivateKey(Path.of("keys-example", "identity-provider.key.pem")), Instant.now());
    api.json(api.post("/v1/me/disputes", citizen, new JsonObject().put("recordId", file.accounts().get(0).id().toString())
        .put("reason", "wrong amount")), 201);
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("update disputes set filed_at = now() - interval '25 days', due_by = now() - interval '5 days'");
    }
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.gateway.close();
    }
  }

  @BeforeEach
  void forgetCookies(Browser browser) {
    browser.open(app.url("/console/sign-in"));
    browser.driver().manage().deleteAllCookies();
    browser.console().clear();
  }

  @Test
  void aRegulatorSignsInSeesTheLogVerifiedInThePageAndSignsOut(Browser browser) {
    browser.open(app.url("/console/?lang=en"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/console/sign-in"));

    signIn(browser);

    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/console/"));
    WebElement check = verifiedCheck(browser);
    assertThat(check.getText()).matches("已验证：大小为 [0-9]+ 的检查点包含在大小为 [0-9]+ 的检查点中");
    long size = Long.parseLong(browser.driver().findElement(By.id("log-size")).getText());
    assertThat(size).isGreaterThanOrEqualTo(6);
    // No witness is configured here, and the page says what that means.
    assertThat(browser.driver().findElement(By.id("witnesses-none")).getText())
        .isEqualTo(WORDS.get(Language.ZH_CN).text("console.witness.none"));
    browser.assertNoIdNumberInUrlCookiesOrConsole();

    browser.clickThrough(By.cssSelector("header form.sign-out button[type=submit]"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/console/sign-in?signed-out=1"));
    assertThat(browser.driver().findElement(By.cssSelector("main [role=status]")).getText())
        .isEqualTo(WORDS.get(Language.ZH_CN).text("console.signin.signed-out"));
    browser.open(app.url("/console/"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/console/sign-in"));
  }

  @Test
  void everyConsolePageInBothLanguagesIsAccessible(Browser browser) {
    for (String lang : LANGUAGES) {
      browser.open(app.url("/console/sign-in?lang=" + lang));
      browser.checkPage("console-sign-in", lang);
      browser.driver().findElement(By.id("client_id")).sendKeys(ConsoleSignInTest.REGULATOR);
      browser.driver().findElement(By.id("answer")).sendKeys("not.a.jws");
      browser.clickThrough(By.cssSelector("main form button[type=submit]"));
      assertThat(browser.driver().findElement(By.id("refusal")).getText())
          .isEqualTo(WORDS.get(Language.of(lang).orElseThrow()).text("console.signin.refused.malformed"));
      browser.checkPage("console-sign-in-refused", lang);
    }
    signIn(browser);
    for (String lang : LANGUAGES) {
      browser.open(app.url("/console/?lang=" + lang));
      verifiedCheck(browser);
      browser.checkPage("console-log", lang);
      browser.open(app.url("/console/disputes/overdue?lang=" + lang));
      assertThat(browser.driver().findElement(By.tagName("h1")).getText())
          .isEqualTo(WORDS.get(Language.of(lang).orElseThrow()).text("console.overdue.title"));
      assertThat(browser.driver().findElements(By.cssSelector("main tbody tr"))).hasSize(1);
      assertThat(browser.driver().findElement(By.cssSelector("main tbody td:last-child")).getText()).isEqualTo("5");
      browser.checkPage("console-overdue", lang);
      browser.open(app.url("/console/nothing-here?lang=" + lang));
      browser.checkPage("console-not-found", lang);
    }
  }

  @Test
  void theScriptsConsistencyCheckPassesEveryRfc6962Vector(Browser browser) throws IOException {
    browser.open(app.url("/console/sign-in"));
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Path file : TestVectors.jsonFiles("rfc6962/consistency")) {
      JsonNode vector = JSON.readTree(file.toFile());
      List<String> proof = new ArrayList<>();
      vector.path("proof").forEach(hash -> proof.add(hash.asText()));
      Map<String, Object> result = call(browser, "verifyConsistencyProof", Map.of(
          "size1", vector.get("size1").bigIntegerValue().toString(), "size2", vector.get("size2").bigIntegerValue().toString(),
          "root1", vector.path("root1").asText(""), "root2", vector.path("root2").asText(""), "hashes", proof));
      checked++;
      if (!Boolean.valueOf(!vector.get("wantErr").asBoolean()).equals(result.get("verified"))) {
        wrong.add(file.getFileName() + " (" + vector.get("desc").asText() + "): " + result);
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(90);
    assertThat(wrong).isEmpty();
  }

  @Test
  void aTamperedProofCheckpointOrKeyIsRefusedWithItsReason(Browser browser) throws IOException {
    signIn(browser);
    verifiedCheck(browser);
    JsonNode real = JSON.readTree((String) browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch('/console/log/consistency').then(r => r.text()).then(done, f => done(String(f)));"));
    String key = browser.driver().findElement(By.id("consistency")).getDomAttribute("data-verifier-key");
    String first = real.get("first").get("note").asText();
    String second = real.get("second").get("note").asText();
    List<String> hashes = new ArrayList<>();
    real.get("hashes").forEach(hash -> hashes.add(hash.asText()));
    List<String> tampered = new ArrayList<>(hashes);
    byte[] hash = Base64.getDecoder().decode(tampered.get(0));
    hash[0] ^= 0x01;
    tampered.set(0, Base64.getEncoder().encodeToString(hash));
    Map<String, Object> origin = Map.of("origin", AuditConfig.DEFAULT_ORIGIN);

    assertThat(call(browser, "verifyConsistency", hashes, first, second, key, origin)).containsEntry("verified", true);
    assertThat(call(browser, "verifyConsistency", tampered, first, second, key, origin)).containsEntry("reason", "root_mismatch");
    assertThat(call(browser, "verifyConsistency", hashes.subList(1, hashes.size()), first, second, key, origin))
        .containsEntry("verified", false);
    assertThat(call(browser, "verifyConsistency", hashes, second, first, key, origin)).containsEntry("reason", "size_out_of_range");
    assertThat(call(browser, "verifyConsistency", hashes, first, second.replaceFirst("\n[0-9]+\n", "\n99999\n"), key, origin))
        .containsEntry("reason", "bad_signature");
    String impostor = NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN).verifier().verifierKey();
    assertThat(call(browser, "verifyConsistency", hashes, first, second, impostor, origin))
        .containsEntry("reason", "no_trusted_signature");
    assertThat(call(browser, "verifyConsistency", hashes, first, second, key, Map.of("origin", "another.example/log")))
        .containsEntry("reason", "origin_mismatch");

    // And the page shows a failure as such: the same check pinned to another key.
    browser.driver().executeScript("const el = document.getElementById('consistency').cloneNode(false);"
        + "el.id = 'impostor'; el.dataset.verifierKey = arguments[0]; delete el.dataset.proofState;"
        + "document.querySelector('main').appendChild(el);", impostor);
    browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "import('/app/static/proof.js').then(proof => proof.bindConsistency()).then(() => done(), f => done(String(f)));");
    WebElement failed = browser.driver().findElement(By.id("impostor"));
    assertThat(failed.getDomAttribute("data-proof-state")).isEqualTo("failed");
    assertThat(failed.getDomAttribute("data-proof-reason")).isEqualTo("no_trusted_signature");
    assertThat(failed.getText()).isEqualTo("未通过验证（no_trusted_signature）");
  }

  // --- helpers ---

  /** On the sign-in page: reads the challenge, answers it as {@code gateway dev sign-challenge} does, submits. */
  private void signIn(Browser browser) {
    browser.open(app.url("/console/sign-in"));
    String challenge = browser.driver().findElement(By.id("challenge")).getText();
    String answer = ChallengeAnswers.sign(ConsoleSignInTest.REGULATOR, ChallengeAnswers.audience(app.base), challenge, regulatorKey,
        Instant.now());
    browser.driver().findElement(By.id("client_id")).sendKeys(ConsoleSignInTest.REGULATOR);
    browser.driver().findElement(By.id("answer")).sendKeys(answer);
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/console/"));
  }

  /** The log page's consistency check, once its script has verified it. */
  private WebElement verifiedCheck(Browser browser) {
    WebElement check = browser.driver().findElement(By.id("consistency"));
    new WebDriverWait(browser.driver(), CHECK_LIMIT).until(driver -> !"checking".equals(check.getDomAttribute("data-proof-state"))
        && check.getDomAttribute("data-proof-state") != null);
    assertThat(check.getDomAttribute("data-proof-state")).as(check.getText()).isEqualTo("verified");
    return check;
  }

  /** Calls an export of proof.js in the page; resolves its promise. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> call(Browser browser, String function, Object... arguments) {
    Object[] all = Stream.concat(Stream.of(function), Stream.of(arguments)).toArray();
    return (Map<String, Object>) browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const name = arguments[0]; const args = Array.from(arguments).slice(1, -1);"
        + "import('/app/static/proof.js').then(proof => proof[name](...args))"
        + ".then(done, failure => done({thrown: String(failure)}));", all);
  }
}
