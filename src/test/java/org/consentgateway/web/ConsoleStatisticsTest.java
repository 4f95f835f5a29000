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
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's statistics page over HTTP, on a whole gateway where a bank made queries today (two
 * allowed, three refused for an invalid consent token, one for the wrong purpose) and the citizen's
 * complaint about one of them was upheld today: a regulator reads them as charts and tables, the
 * count of people stays "< 5", the upheld complaint is counted for the bank in the days that hold
 * today and not in others, and the read is recorded; a form with a mistake says what is wrong;
 * days without queries say so without axes; an operator is refused the page and not shown its link.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleStatisticsTest {

  private static final Messages ENGLISH = Messages.load().get(Language.EN);
  private static final LocalDate TODAY = LocalDate.now(Labels.ZONE);
  /** An institution with no complaint. */
  private static final String OTHER_BANK = UnifiedSocialCreditCode.of("91350100M00020000").value();

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
    anUpheldComplaintAboutTheLastAllowedQuery();
    regulator = signedIn(ConsoleSignInTest.REGULATOR, "regulator.key.pem");
    Polling.until("the follower has folded the queries and the complaint", () -> {
      String page = page("");
      return page.contains("<dd id=\"total-refused\">4</dd>") && page.contains("id=\"complaints-table\"");
    });
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
    // Two purposes, the refusals and the institutions: four charts, each named and followed by its
    // table; and the complaints' table, which has no chart.
    assertThat(count(page, "<svg ")).isEqualTo(4);
    assertThat(count(page, "role=\"img\" aria-labelledby=\"")).isEqualTo(4);
    assertThat(count(page, "<table ")).isEqualTo(5);
    assertThat(page).contains(ENGLISH.text("console.stats.purpose.chart.day", "Loan approval"));
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
  void overAYearThePageCountsByMonthAndOverAQuarterByWeek() throws Exception {
    String year = page("?from=" + TODAY.minusDays(365) + "&to=" + TODAY);

    // Whole months: today's is the last row, from its first day to its last, with today's queries in it.
    LocalDate month = TODAY.withDayOfMonth(1);
    assertThat(year).contains(ENGLISH.text("console.stats.purpose.heading.month"), ENGLISH.text("console.stats.granularity.month",
        TODAY.minusDays(365).withDayOfMonth(1), month.plusMonths(1).minusDays(1)), ENGLISH.text("console.stats.purpose.chart.month",
        "Loan approval"));
    assertThat(year).containsPattern("<th scope=\"row\">" + ENGLISH.text("console.stats.period", month,
        month.plusMonths(1).minusDays(1)) + "</th>\\s*<td>2</td>\\s*<td>3</td>");
    assertThat(year).contains("<dd id=\"total-allowed\">2</dd>", "<dd id=\"total-refused\">4</dd>");

    String quarter = page("?from=" + TODAY.minusDays(60) + "&to=" + TODAY);
    LocalDate monday = TODAY.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    LocalDate firstMonday = TODAY.minusDays(60).with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
    assertThat(quarter).contains(ENGLISH.text("console.stats.purpose.heading.week"),
        ENGLISH.text("console.stats.granularity.week", firstMonday, monday.plusDays(6)));
    assertThat(quarter).containsPattern("<th scope=\"row\">" + ENGLISH.text("console.stats.period", monday, monday.plusDays(6))
        + "</th>\\s*<td>2</td>\\s*<td>3</td>");
  }

  @Test
  void anUpheldComplaintIsCountedForItsInstitutionInTheDaysOfItsDecision() throws Exception {
    String week = page("?from=" + TODAY.minusDays(6) + "&to=" + TODAY);
    assertThat(complaintsTable(week)).contains(ENGLISH.text("console.stats.complaints.caption", TODAY.minusDays(6), TODAY),
            "<th scope=\"col\">" + ENGLISH.text("console.stats.complaints.upheld") + "</th>")
        .containsPattern("<th scope=\"row\"[^>]*>" + AppWorld.BANK + "</th>\\s*<td[^>]*>1</td>\\s*<td[^>]*>0</td>");
    assertThat(page("?from=" + TODAY + "&to=" + TODAY + "&institution=" + AppWorld.BANK)).contains("id=\"complaints-table\"");

    // The days before: the complaint was decided today, so these say none was resolved.
    String before = page("?from=" + TODAY.minusDays(7) + "&to=" + TODAY.minusDays(1));
    assertThat(before).contains(ENGLISH.text("console.stats.complaints.none", TODAY.minusDays(7), TODAY.minusDays(1)))
        .doesNotContain("id=\"complaints-table\"");
    // Another institution: none either.
    assertThat(page("?from=" + TODAY + "&to=" + TODAY + "&institution=" + OTHER_BANK)).contains("id=\"complaints-none\"")
        .doesNotContain("id=\"complaints-table\"");
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

  /**
   * The citizen complains, through the API, about the bank's last allowed query of them, and the
   * regulator acknowledges and upholds the complaint: a {@code complaint.resolved} entry today.
   */
  private void anUpheldComplaintAboutTheLastAllowedQuery() throws Exception {
    long index = GatewayHttpClient.auditEntries(world.database).stream()
        .filter(entry -> entry.event().action() == AuditAction.QUERY_ALLOWED).mapToLong(AuditEntry::index).max().orElseThrow();
    // A complaint carries its entry's inclusion proof: it waits for a checkpoint that covers it.
    PublishedCheckpoints.atLeast(index + 1, () -> world.api.getPublic(InquiryPages.CHECKPOINT_URL));
    String id = world.api.json(world.api.post("/v1/me/complaints", world.citizenToken(), new JsonObject().put("auditIndex", index)
        .put("reason", "not_authorised").put("text", "I never agreed to this.")), 201).getString("id");
    String token = world.api.accessToken(ConsoleSignInTest.REGULATOR,
        PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve("regulator.key.pem")), Instant.now(), world.app.base);
    world.api.json(world.api.post("/v1/complaints/" + id + "/acknowledge", token, ""), 200);
    world.api.json(world.api.post("/v1/complaints/" + id + "/resolve", token, new JsonObject().put("outcome", "upheld")
        .put("note", "The bank had no consent.")), 200);
  }

  /** The complaints' table of {@code page}. */
  private static String complaintsTable(String page) {
    int start = page.indexOf("id=\"complaints-table\"");
    assertThat(start).as("the page has the complaints' table").isNotNegative();
    return page.substring(start, page.indexOf("</table>", start));
  }

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
