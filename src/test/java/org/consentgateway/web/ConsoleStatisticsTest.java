package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ChallengeAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's statistics page over HTTP, on a whole gateway where a bank made queries today (two
 * allowed, three refused for an invalid consent token, one for the wrong purpose): a regulator
 * reads them as charts and tables, the count of people stays "< 5", and the read is recorded;
 * a form with a mistake says what is wrong; days without queries say so without axes; an operator
 * is refused the page and not shown its link.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleStatisticsTest {

  private static final Messages ENGLISH = Messages.load().get(Language.EN);
  private static final LocalDate TODAY = LocalDate.now(Labels.ZONE);

  private AppWorld world;
  private HttpBrowser regulator;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    world = new AppWorld(database, Files.createTempDirectory("console-statistics-test"));
    AppWorld.Granted granted = world.grant("LOAN_APPROVAL", "SUMMARY", 5);
    for (int i = 0; i < 2; i++) {
      assertThat(world.query(granted, "LOAN_APPROVAL", "SUMMARY").statusCode()).isEqualTo(200);
    }
    GatewayHttpClient.assertProblem(world.query(granted, "CREDIT_CARD_APPROVAL", "SUMMARY"), 403, "purpose_mismatch");
    for (int i = 0; i < 3; i++) {
      GatewayHttpClient.assertProblem(world.api.post("/v1/queries", world.bankToken(), new JsonObject()
          .put("consentToken", "not.a.token").put("purpose", "LOAN_APPROVAL").put("grade", "SUMMARY")), 403, "consent_invalid");
    }
    regulator = signedIn(ConsoleSignInTest.REGULATOR, "regulator.key.pem");
    Polling.until("the follower has folded the queries", () -> page("").contains("<dd id=\"total-refused\">4</dd>"));
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aRegulatorReadsTheQueriesAsChartsEachFollowedByItsNumbers() throws Exception {
    String page = page("?from=" + TODAY.minusDays(6) + "&to=" + TODAY);

    assertThat(page).contains("<dd id=\"total-allowed\">2</dd>", "<dd id=\"total-refused\">4</dd>");
    // Two purposes, the refusals and the institutions: four charts, each named and followed by its table.
    assertThat(count(page, "<svg ")).isEqualTo(4);
    assertThat(count(page, "role=\"img\" aria-labelledby=\"")).isEqualTo(4);
    assertThat(count(page, "<table ")).isEqualTo(4);
    assertThat(page).contains(ENGLISH.text("console.stats.purpose.chart", "Loan approval"));
    // Per day: LOAN_APPROVAL today 2 allowed (solid) and 3 refused (hatched), the six other days empty.
    assertThat(page).containsPattern("<th scope=\"row\">" + TODAY + "</th>\\s*<td>2</td>\\s*<td>3</td>")
        .containsPattern("<th scope=\"row\">" + TODAY.minusDays(1) + "</th>\\s*<td>0</td>\\s*<td>0</td>")
        .contains("data-series=\"Queries allowed\" data-value=\"2\"", "data-series=\"Queries refused\" data-value=\"3\"",
            "data-series=\"Queries refused\" data-value=\"1\"");
    assertThat(page).containsPattern("<th scope=\"row\">consent_invalid</th>\\s*<td>3</td>")
        .containsPattern("<th scope=\"row\">purpose_mismatch</th>\\s*<td>1</td>")
        .containsPattern("<th scope=\"row\">" + AppWorld.BANK + "</th>\\s*<td>2</td>\\s*<td>4</td>");
    // One person, queried in two cells: a count of people under the threshold is never a number.
    assertThat(page).contains("<dd id=\"subject-days\">&lt; 5</dd>");
    assertThat(page).doesNotContain(world.citizenRef).doesNotContain(world.citizenRef.substring(0, 12))
        .doesNotContain(AppWorld.CITIZEN_ID);
    // A strict CSP: no inline style anywhere, no script needed.
    assertThat(page).doesNotContain("style=").doesNotContain("<style").doesNotContain("<script");
  }

  @Test
  void eachReadIsRecordedAsTheRegulatorsAuditedRead() throws Exception {
    page("?from=" + TODAY + "&to=" + TODAY);

    List<AuditEntry> entries = GatewayHttpClient.auditEntries(world.database);
    AuditEvent read = entries.get(entries.size() - 1).event();
    assertThat(read.action()).isEqualTo(AuditAction.AUDIT_READ);
    assertThat(read.actor()).isEqualTo("regulator:" + ConsoleSignInTest.REGULATOR);
    assertThat(read.disclosedFields()).containsExactly("stats");
    assertThat(read.responseHash()).isPresent();
  }

  @Test
  void theLastThirtyDaysByDefault() throws Exception {
    String page = page("");

    assertThat(page).contains("id=\"from\" name=\"from\" type=\"date\" value=\"" + TODAY.minusDays(29) + "\"")
        .contains("id=\"to\" name=\"to\" type=\"date\" value=\"" + TODAY + "\"");
    assertThat(count(page, "<th scope=\"row\">20")).as("a row per day in each purpose's table").isEqualTo(60);
  }

  @Test
  void daysWithoutQueriesSaySoWithoutAxes() throws Exception {
    String page = page("?from=2020-01-01&to=2020-01-31");

    assertThat(page).contains(ENGLISH.text("console.stats.none", "2020-01-01", "2020-01-31")).doesNotContain("<svg");
  }

  @Test
  void aFormWithAMistakeSaysWhatIsWrongAndReadsNothing() throws Exception {
    Map<String, String> mistakes = Map.of(
        "?from=yesterday", "console.stats.error.from",
        "?to=2026-13-01", "console.stats.error.to",
        "?from=2026-03-02&to=2026-03-01", "console.stats.error.order",
        "?from=2024-01-01&to=2025-03-01", "console.stats.error.range",
        "?institution=bank", "console.stats.error.institution");
    long reads = reads();
    for (Map.Entry<String, String> mistake : mistakes.entrySet()) {
      HttpResponse<String> response = regulator.get(world.app.url("/console/statistics" + mistake.getKey()
          + (mistake.getKey().contains("?") ? "&" : "?") + "lang=en"));
      String page = AppGateway.page(response, 400);
      String words = ENGLISH.text(mistake.getValue(), 366);
      assertThat(page).as(mistake.getKey()).contains("class=\"error-summary\"").contains(words.replace("\"", "&quot;"))
          .doesNotContain("<svg");
    }
    assertThat(reads()).as("no statistics were read, so none recorded").isEqualTo(reads);
  }

  @Test
  void anOperatorIsRefusedThePageAndNotShownItsLink() throws Exception {
    HttpBrowser operator = signedIn(ConsoleSignInTest.OPERATOR, "operator.key.pem");

    String refused = AppGateway.page(operator.get(world.app.url("/console/statistics?lang=en")), 403);
    assertThat(refused).contains(ENGLISH.text("console.forbidden")).doesNotContain("<svg");
    assertThat(AppGateway.page(operator.get(world.app.url("/console/?lang=en")), 200)).doesNotContain("href=\"/console/statistics\"");
    assertThat(AppGateway.page(regulator.get(world.app.url("/console/?lang=en")), 200)).contains("href=\"/console/statistics\"");
  }

  // --- helpers ---

  /** The statistics page in English for the regulator, with {@code query} ("" or "?from=..."). */
  private String page(String query) {
    try {
      return AppGateway.page(regulator.get(world.app.url("/console/statistics" + (query.isEmpty() ? "?" : query + "&") + "lang=en")),
          200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpBrowser signedIn(String member, String keyFile) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> signIn = browser.get(world.app.url("/console/sign-in?lang=en"));
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(signIn));
    form.put("client_id", member);
    PrivateKey key = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve(keyFile));
    form.put("answer", ChallengeAnswers.sign(member, ChallengeAnswers.audience(world.app.base), form.get("challenge"), key,
        Instant.now()));
    assertThat(HttpBrowser.location(browser.post(world.app.url("/console/sign-in"), form)).getPath()).isEqualTo("/console/");
    return browser;
  }

  private long reads() throws Exception {
    return GatewayHttpClient.auditEntries(world.database).stream().filter(entry -> entry.event().action() == AuditAction.AUDIT_READ)
        .count();
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}
