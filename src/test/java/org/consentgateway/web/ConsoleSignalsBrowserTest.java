package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ChallengeAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's Signals page in Chromium: a regulator signs in, sees a signal (consents used
 * within seconds of approval, put straight into the follower's tables so the set-up stays short),
 * and its link opens the console's search with the signal's institution, window and action; the
 * page passes axe-core in both languages.
 */
@BrowserTest
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSignalsBrowserTest {

  private static final String BANK = "91350100M000100Y43";
  private static final Map<Language, Messages> WORDS = Messages.load();

  private final PrivateKey regulatorKey = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve("regulator.key.pem"));
  private AppGateway app;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    app = AppGateway.start(database, Map.of(ConfigKeys.HTTP_REQUEST_TIMEOUT_MILLIS, "60000"), Clock.systemUTC());
    // 25 consents, each used two seconds after its approval, half an hour ago (the policy's threshold is 20 in 10 s).
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("insert into supervision_consents (consent_id, institution, approved_at) select 'consent-' || g, '"
          + BANK + "', now() - interval '30 minutes' + g * interval '10 seconds' from generate_series(1, 25) g");
      // As the follower writes a round's queries of one institution: a row, a query per element.
      statement.executeUpdate("insert into supervision_query_groups (round_last, institution, times, subject_refs, consent_ids, allowed,"
          + " first_time, last_time) select 1000025, '" + BANK + "', array_agg(t order by g), array_agg(lpad(to_hex(g), 64, '0') order by g),"
          + " array_agg('consent-' || g order by g), array_agg(true), min(t), max(t)"
          + " from generate_series(1, 25) g, lateral (select now() - interval '30 minutes' + g * interval '10 seconds'"
          + " + interval '2 seconds' as t) times");
    }
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.gateway.close();
    }
  }

  @Test
  void aRegulatorSeesASignalWhoseLinkOpensTheSearchForItsEntries(Browser browser) {
    signIn(browser);
    browser.open(app.url("/console/signals?lang=en"));

    List<WebElement> rows = browser.driver().findElements(By.cssSelector("#signals tbody tr"));
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getDomAttribute("data-rule")).isEqualTo("fast_consent_use");
    assertThat(rows.get(0).getText()).contains(WORDS.get(Language.EN).text("console.signals.rule.fast_consent_use")).contains(BANK)
        .contains("25");
    browser.assertNoIdNumberInUrlCookiesOrConsole();

    browser.clickThrough(By.cssSelector("#signals a.signal-entries"));

    // The search page is another section's: whatever it answers, the link asked it for exactly these entries.
    assertThat(browser.driver().getCurrentUrl()).matches(app.url("/console/search").replace(".", "\\.")
        + "\\?institution=" + BANK + "&from=[0-9]{4}-[0-9]{2}-[0-9]{2}T16:00:00Z&to=[0-9]{4}-[0-9]{2}-[0-9]{2}T16:00:00Z"
        + "&action=query\\.allowed");
  }

  @Test
  void theSignalsPageIsAccessibleInBothLanguages(Browser browser) {
    signIn(browser);
    for (String lang : List.of("zh-CN", "en")) {
      browser.open(app.url("/console/signals?lang=" + lang));
      assertThat(browser.driver().findElement(By.tagName("h1")).getText())
          .isEqualTo(WORDS.get(Language.of(lang).orElseThrow()).text("console.signals.title"));
      browser.checkPage("console-signals", lang);
    }
  }

  /** Signs in as the regulator, answering the challenge as {@code gateway dev sign-challenge} does. */
  private void signIn(Browser browser) {
    browser.open(app.url("/console/sign-in"));
    browser.driver().manage().deleteAllCookies();
    browser.open(app.url("/console/sign-in"));
    String challenge = browser.driver().findElement(By.id("challenge")).getText();
    String answer = ChallengeAnswers.sign(ConsoleSignInTest.REGULATOR, ChallengeAnswers.audience(app.base), challenge, regulatorKey,
        Instant.now());
    browser.driver().findElement(By.id("client_id")).sendKeys(ConsoleSignInTest.REGULATOR);
    browser.driver().findElement(By.id("answer")).sendKeys(answer);
    browser.clickThrough(By.cssSelector("main form button[type=submit]"));
    assertThat(browser.driver().getCurrentUrl()).isEqualTo(app.url("/console/"));
  }
}
