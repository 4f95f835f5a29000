package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ChallengeAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's statistics in Chromium, after a bank's queries today (two allowed, one refused for
 * the wrong purpose, two for an invalid token) and a complaint about one of them upheld: a
 * regulator sees the charts drawn with a bar for each number made, the same numbers in the tables,
 * the upheld complaint in the complaints' table, in both languages, accessible and fitting a phone; an operator is refused the page and does not see it in the navigation.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleStatisticsBrowserTest {

  private static final Map<Language, Messages> WORDS = Messages.load();
  private static final List<String> LANGUAGES = List.of("zh-CN", "en");

  private AppWorld world;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    world = new AppWorld(database, Files.createTempDirectory("console-statistics-browser-test"));
    AppWorld.Granted granted = world.grant("LOAN_APPROVAL", "SUMMARY", 5);
    for (int i = 0; i < 2; i++) {
      assertThat(world.query(granted, "LOAN_APPROVAL", "SUMMARY").statusCode()).isEqualTo(200);
    }
    GatewayHttpClient.assertProblem(world.query(granted, "CREDIT_CARD_APPROVAL", "SUMMARY"), 403, "purpose_mismatch");
    for (int i = 0; i < 2; i++) {
      GatewayHttpClient.assertProblem(world.api.post("/v1/queries", world.bankToken(), new JsonObject()
          .put("consentToken", "not.a.token").put("purpose", "LOAN_APPROVAL").put("grade", "SUMMARY")), 403, "consent_invalid");
    }
    String regulator = world.api.accessToken(ConsoleSignInTest.REGULATOR, key("regulator.key.pem"), Instant.now(), world.app.base);
    upholdAComplaintAboutTheLastAllowedQuery(regulator);
    // The follower folds the log a little after it grows: wait until the API's statistics count the refusals and the complaint.
    String today = LocalDate.now(Labels.ZONE).toString();
    Polling.until("the follower has folded the queries and the complaint", () -> {
      try {
        JsonObject stats = world.api.json(world.api.get("/v1/audit/stats?from=" + today + "&to=" + today, regulator), 200);
        return stats.getJsonObject("totals").getJsonObject("queries").getLong("refused") == 3
            && stats.getJsonObject("complaints").getLong("upheld") == 1;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @BeforeEach
  void forgetCookies(Browser browser) {
    browser.open(world.app.url("/console/sign-in"));
    browser.driver().manage().deleteAllCookies();
    browser.console().clear();
  }

  @Test
  void aRegulatorSeesTheChartsAndTheSameNumbersInTheirTables(Browser browser) {
    signIn(browser, ConsoleSignInTest.REGULATOR, "regulator.key.pem");
    for (String lang : LANGUAGES) {
      Messages words = WORDS.get(Language.of(lang).orElseThrow());
      browser.open(world.app.url("/console/statistics?lang=" + lang));
      assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(words.text("console.stats.title"));
      assertThat(browser.driver().findElement(By.cssSelector(".console-nav a[aria-current=page]")).getText())
          .isEqualTo(words.text("console.stats.title"));

      // Two purposes, the refusals by reason and the institutions; a bar per non-zero number.
      assertThat(browser.driver().findElements(By.cssSelector("main svg.chart[role=img]"))).hasSize(4);
      // By purpose code: CREDIT_CARD_APPROVAL, then LOAN_APPROVAL.
      assertThat(values(browser, "#purpose-1 rect.bar")).containsExactly("1");
      assertThat(values(browser, "#purpose-2 rect.bar")).containsExactly("2", "2");
      assertThat(values(browser, "#refusals rect.bar")).containsExactly("2", "1");
      assertThat(values(browser, "#institutions rect.bar")).containsExactly("2", "3");
      WebElement drawn = browser.driver().findElement(By.cssSelector("#institutions rect.bar"));
      assertThat(drawn.getSize().getWidth()).as("the bar is drawn").isGreaterThan(0);

      // The tables say the same, whether or not their details are open.
      assertThat(cells(browser, "#institutions-table tbody tr")).containsExactly(List.of(AppWorld.BANK, "2", "3"));
      assertThat(cells(browser, "#refusals-table tbody tr"))
          .containsExactly(List.of("consent_invalid", "2"), List.of("purpose_mismatch", "1"));
      assertThat(cells(browser, "#purpose-2-table tbody tr")).hasSize(30).last()
          .isEqualTo(List.of(LocalDate.now(Labels.ZONE).toString(), "2", "2"));
      assertThat(browser.driver().findElement(By.id("subject-days")).getText()).isEqualTo("< 5");
      // The complaint upheld today, for its bank, in a table shown open.
      assertThat(browser.driver().findElement(By.id("complaints-heading")).getText())
          .isEqualTo(words.text("console.stats.complaints.heading"));
      assertThat(browser.driver().findElement(By.id("complaints-table")).isDisplayed()).isTrue();
      assertThat(cells(browser, "#complaints-table tbody tr")).containsExactly(List.of(AppWorld.BANK, "1", "0"));

      browser.checkPage("console-statistics", lang);

      // A year: counted by month, whole months, the page says so; this month holds today's queries.
      LocalDate today = LocalDate.now(Labels.ZONE);
      browser.open(world.app.url("/console/statistics?lang=" + lang + "&from=" + today.minusDays(365) + "&to=" + today));
      LocalDate month = today.withDayOfMonth(1);
      assertThat(browser.driver().findElement(By.id("granularity")).getText()).isEqualTo(words.text("console.stats.granularity.month",
          today.minusDays(365).withDayOfMonth(1), month.plusMonths(1).minusDays(1)));
      long months = java.time.temporal.ChronoUnit.MONTHS.between(today.minusDays(365).withDayOfMonth(1), month) + 1;
      assertThat(cells(browser, "#purpose-2-table tbody tr")).hasSize((int) months).last()
          .isEqualTo(List.of(words.text("console.stats.period", month, month.plusMonths(1).minusDays(1)), "2", "2"));
      browser.checkPage("console-statistics-year", lang);
    }
    browser.assertNoIdNumberInUrlCookiesOrConsole();
  }

  @Test
  void anOperatorIsRefusedAndDoesNotSeeItInTheNavigation(Browser browser) {
    signIn(browser, ConsoleSignInTest.OPERATOR, "operator.key.pem");
    assertThat(browser.driver().findElements(By.cssSelector(".console-nav a")).stream().map(link -> link.getDomAttribute("href")))
        .isNotEmpty().doesNotContain("/console/statistics");

    browser.open(world.app.url("/console/statistics?lang=en"));

    assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo(WORDS.get(Language.EN).text("error.forbidden.title"));
    assertThat(browser.driver().findElements(By.cssSelector("svg"))).isEmpty();
  }

  // --- helpers ---

  /** The citizen complains through the API about the bank's last allowed query; the regulator upholds it. */
  private void upholdAComplaintAboutTheLastAllowedQuery(String regulator) throws Exception {
    long index = GatewayHttpClient.auditEntries(world.database).stream()
        .filter(entry -> entry.event().action() == AuditAction.QUERY_ALLOWED).mapToLong(AuditEntry::index).max().orElseThrow();
    // A complaint carries its entry's inclusion proof: it waits for a checkpoint that covers it.
    PublishedCheckpoints.atLeast(index + 1, () -> world.api.getPublic(InquiryPages.CHECKPOINT_URL));
    String id = world.api.json(world.api.post("/v1/me/complaints", world.citizenToken(), new JsonObject().put("auditIndex", index)
        .put("reason", "not_authorised").put("text", "I never agreed to this.")), 201).getString("id");
    world.api.json(world.api.post("/v1/complaints/" + id + "/acknowledge", regulator, ""), 200);
    world.api.json(world.api.post("/v1/complaints/" + id + "/resolve", regulator, new JsonObject().put("outcome", "upheld")
        .put("note", "The bank had no consent.")), 200);
  }

  private void signIn(Browser browser, String member, String keyFile) {
    browser.open(world.app.url("/console/sign-in"));
    String challenge = browser.driver().findElement(By.id("challenge")).getText();
    String answer = ChallengeAnswers.sign(member, ChallengeAnswers.audience(world.app.base), challenge, key(keyFile), Instant.now());
    browser.driver().findElement(By.id("client_id")).sendKeys(member);
    browser.driver().findElement(By.id("answer")).sendKeys(answer);
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(world.app.url("/console/"));
  }

  private static PrivateKey key(String file) {
    return PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve(file));
  }

  private static List<String> values(Browser browser, String bars) {
    return browser.driver().findElements(By.cssSelector(bars)).stream().map(bar -> bar.getDomAttribute("data-value")).toList();
  }

  /** Each row's cells' text; read from the document, as a closed details hides them from getText. */
  private static List<List<String>> cells(Browser browser, String rows) {
    return browser.driver().findElements(By.cssSelector(rows)).stream()
        .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(cell -> cell.getDomProperty("textContent").strip()).toList())
        .toList();
  }
}
