package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.web.AppWorld.BANK_NAME;
import static org.consentgateway.web.AppWorld.CITIZEN_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard as a browser uses it, signed in for real, on the gateway where the bank asks and
 * queries: what it lists, the changes behind their confirmation pages and what the bank
 * sees after them, who looked and the proof elements, the report and its audit entry, disputes,
 * statements, the export, CSRF, and both languages.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPagesTest {

  private static final String EN = "cg_lang=en";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AppWorld world;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    world = new AppWorld(database, Files.createTempDirectory("dashboard-test"));
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void theDashboardListsPendingActivePausedAndEndedConsentsWithTheirHistory() throws Exception {
    String pending = world.request(CITIZEN_ID, "LOAN_APPROVAL", "SUMMARY", 2);
    String active = world.grant("LOAN_APPROVAL", "SUMMARY", 2).consentId();
    String paused = world.grant("CREDIT_CARD_APPROVAL", "BASIC", 1).consentId();
    String revoked = world.grant("LOAN_APPROVAL", "BASIC", 1).consentId();
    world.api.json(world.api.post("/v1/me/consents/" + paused + "/pause", world.citizenToken(), ""), 200);
    world.api.json(world.api.post("/v1/me/consents/" + revoked + "/revoke", world.citizenToken(), ""), 200);

    HttpResponse<String> page = world.page("/app/", EN);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(section(page.body(), "pending")).contains("href=\"/app/consent-requests/" + pending + "\"", BANK_NAME, "Loan approval")
        .doesNotContain(active);
    assertThat(section(page.body(), "active")).contains("consent-" + active, "/app/consents/" + active + "/revoke",
        "/app/consents/" + active + "/pause", "Summary: ", "2 of 2").doesNotContain(paused, revoked, "/resume");
    assertThat(section(page.body(), "paused")).contains("consent-" + paused, "/app/consents/" + paused + "/resume",
        "/app/consents/" + paused + "/revoke", "Credit card approval", "Paused by you").doesNotContain(active, revoked);
    String ended = section(page.body(), "ended");
    assertThat(ended).contains("consent-" + revoked, "Revoked by you").doesNotContain(active, paused);
    assertThat(card(ended, revoked)).doesNotContain("/app/consents/" + revoked + "/")
        .contains("You approved", "Revoked", "you", "audit log entry ");
    assertThat(card(page.body(), paused)).contains("You approved", "Paused");
    assertThat(page.body()).doesNotContain(CITIZEN_ID, "/app/static/proof.js");
  }

  @Test
  void revokingTakesAConfirmationAndAPostAndTheBanksNextQueryIsRefused() throws Exception {
    AppWorld.Granted granted = world.grant("LOAN_APPROVAL", "SUMMARY", 2);
    assertThat(world.query(granted, "LOAN_APPROVAL", "SUMMARY").statusCode()).isEqualTo(200);
    String path = "/app/consents/" + granted.consentId() + "/revoke";

    HttpResponse<String> confirm = world.page(path, EN);
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Revoke this consent?", "Revoking is final", "can no longer look at your credit information",
        "<form method=\"post\" action=\"" + path + "\">", "name=\"_csrf\" value=\"" + world.citizen.csrfToken() + "\"",
        "Revoke my consent for " + BANK_NAME, "1 of 2");
    assertThat(world.statusOf(granted.consentId())).as("showing the page changes nothing").isEqualTo("ACTIVE");

    HttpResponse<String> revoked = world.submit(path, Map.of());
    assertThat(revoked.statusCode()).isEqualTo(303);
    assertThat(revoked.headers().firstValue("Location")).hasValue("/app/?done=revoked");

    assertThat(world.statusOf(granted.consentId())).isEqualTo("REVOKED");
    GatewayHttpClient.assertProblem(world.query(granted, "LOAN_APPROVAL", "SUMMARY"), 403, "consent_revoked");
    HttpResponse<String> dashboard = world.page(revoked.headers().firstValue("Location").orElseThrow(), EN);
    assertThat(dashboard.body()).contains("class=\"notice\" role=\"status\"", "Your consent is revoked.");
    assertThat(section(dashboard.body(), "ended")).contains("consent-" + granted.consentId());
    GatewayHttpClient.assertProblem(world.api.post("/v1/me/consents/" + granted.consentId() + "/revoke", world.citizenToken(), ""),
        409, "conflict");
    assertThat(world.page(path, EN).statusCode()).as("an ended consent offers no revocation").isEqualTo(409);
    assertThat(world.submit(path, Map.of()).statusCode()).isEqualTo(409);
  }

  @Test
  void pausingStopsTheBankAndResumingLetsItQueryAgain() throws Exception {
    AppWorld.Granted granted = world.grant("LOAN_APPROVAL", "BASIC", 5);
    String consent = "/app/consents/" + granted.consentId();
    assertThat(world.page(consent + "/resume", EN).statusCode()).as("an active consent cannot be resumed").isEqualTo(409);

    HttpResponse<String> confirm = world.page(consent + "/pause", EN);
    assertThat(confirm.body()).contains("Pause this consent?", "pausing does not move that date", "Pause my consent for " + BANK_NAME);
    assertThat(world.submit(consent + "/pause", Map.of()).headers().firstValue("Location")).hasValue("/app/?done=paused");
    assertThat(world.statusOf(granted.consentId())).isEqualTo("PAUSED");
    GatewayHttpClient.assertProblem(world.query(granted, "LOAN_APPROVAL", "BASIC"), 403, "consent_revoked");

    assertThat(world.page(consent + "/resume", EN).body()).contains("Resume this consent?", "Resume my consent for " + BANK_NAME);
    assertThat(world.submit(consent + "/resume", Map.of()).headers().firstValue("Location")).hasValue("/app/?done=resumed");
    assertThat(world.statusOf(granted.consentId())).isEqualTo("ACTIVE");
    assertThat(world.query(granted, "LOAN_APPROVAL", "BASIC").statusCode()).isEqualTo(200);
    assertThat(card(world.page("/app/", EN).body(), granted.consentId())).contains("Paused", "Resumed");
  }

  @Test
  void someoneElsesConsentOrANonsenseIdIsNotFound() throws Exception {
    String consentId = world.grant("LOAN_APPROVAL", "BASIC", 1).consentId();

    assertThat(world.other.get("/app/consents/" + consentId + "/revoke").statusCode()).isEqualTo(404);
    assertThat(world.page("/app/consents/not-a-uuid/revoke").statusCode()).isEqualTo(404);
    assertThat(world.statusOf(consentId)).isEqualTo("ACTIVE");
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
    String consentId = world.grant("LOAN_APPROVAL", "BASIC", 1).consentId();
    String path = "/app/consents/" + consentId + "/revoke";

    assertThat(world.post(path, Map.of()).statusCode()).isEqualTo(403);
    assertThat(world.post(path, Map.of(Page.CSRF_FIELD, "forged")).statusCode()).isEqualTo(403);
    assertThat(world.statusOf(consentId)).isEqualTo("ACTIVE");
    HttpResponse<String> anonymous = world.anonymous("/app/");
    assertThat(anonymous.statusCode()).as("not signed in: sent to sign in").isEqualTo(303);
    assertThat(anonymous.headers().firstValue("Location")).hasValue(SignInRoutes.SIGN_IN + "?next=%2Fapp%2F");
  }

  @Test
  void whoLookedListsAllowedAndRefusedQueriesEachWithItsProofElement() throws Exception {
    AppWorld.Granted granted = world.grant("LOAN_APPROVAL", "SUMMARY", 2);
    assertThat(world.query(granted, "LOAN_APPROVAL", "SUMMARY").statusCode()).isEqualTo(200);
    GatewayHttpClient.assertProblem(world.query(granted, "CREDIT_CARD_APPROVAL", "SUMMARY"), 403, "purpose_mismatch");
    List<AuditEntry> entries = GatewayHttpClient.auditEntries(world.database);
    long allowed = lastIndex(entries, AuditAction.QUERY_ALLOWED, world.citizenRef);
    long refused = lastIndex(entries, AuditAction.QUERY_DENIED, world.citizenRef);

    HttpResponse<String> page = world.page("/app/queries", EN);

    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body).contains("<th scope=\"col\">When</th>", BANK_NAME + " (code " + AppWorld.BANK + ")", "Allowed: data was shared",
        "Refused: the purpose was not the one you consented to.", "<script type=\"module\" src=\"/app/static/proof.js\"></script>");
    assertThat(body.indexOf("data-index=\"" + refused + "\"")).as("newest first").isLessThan(body.indexOf("data-index=\"" + allowed + "\""));
    for (long index : List.of(allowed, refused)) {
      String element = proofElement(body, index);
      assertThat(element).contains("data-proof-url=\"/app/proofs/inclusion?index=" + index + "\"",
          "data-checkpoint-url=\"/v1/audit/checkpoint\"", "data-verifier-key=\"" + world.verifierKey + "\"",
          "data-origin=\"" + world.origin + "\"", "data-text-verified=\"Verified against checkpoint of size {size}\"",
          "data-text-failed=\"Not verified ({reason})\"");
      byte[] leafInput = Base64.getDecoder().decode(attribute(element, "data-leaf-input"));
      assertThat(AuditEntry.parse(leafInput)).as("the entry's exact bytes").isEqualTo(entries.get((int) index));
    }
    assertThat(body).doesNotContain(CITIZEN_ID);
  }

  @Test
  void whoLookedIsPagedNewestFirstWithOlderAndNewerLinks() throws Exception {
    for (int i = 0; i < InquiryPages.PAGE_SIZE + 3; i++) {
      world.api.json(world.api.get("/v1/me/report", world.citizenToken()), 200);
    }

    String first = world.page("/app/queries", EN).body();
    assertThat(indexes(first)).hasSize(InquiryPages.PAGE_SIZE).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(first).doesNotContain("rel=\"prev\"").contains("Your own report");
    String older = link(first, "next");
    String second = world.page(older, EN).body();
    List<Long> secondIndexes = indexes(second);
    assertThat(secondIndexes).isNotEmpty().allSatisfy(index -> assertThat(index).isLessThan(indexes(first).get(InquiryPages.PAGE_SIZE - 1)));
    String newer = link(second, "prev");
    assertThat(newer).isEqualTo("/app/queries?after=" + secondIndexes.get(0));
    assertThat(indexes(world.page(newer, EN).body())).isEqualTo(indexes(first));
    assertThat(world.page("/app/queries?before=x", EN).statusCode()).isEqualTo(400);
  }

  @Test
  void theProofRouteAnswersTheCitizensOwnEntryAsTheApiDoesAndNothingElse() throws Exception {
    world.api.json(world.api.get("/v1/me/report", world.citizenToken()), 200);
    world.request(AppWorld.OTHER_ID, "LOAN_APPROVAL", "BASIC", 1);
    List<AuditEntry> entries = GatewayHttpClient.auditEntries(world.database);
    long own = lastIndex(entries, AuditAction.QUERY_ALLOWED, world.citizenRef);
    long others = lastIndex(entries, AuditAction.CONSENT_REQUESTED, world.otherRef);
    long size = entries.size();

    HttpResponse<String> proof = world.page("/app/proofs/inclusion?index=" + own + "&size=" + size);

    assertThat(proof.statusCode()).as(proof.body()).isEqualTo(200);
    assertThat(proof.headers().firstValue("Content-Type")).hasValue(Pages.JSON_TYPE);
    JsonNode json = JSON.readTree(proof.body());
    assertThat(json.get("index").asLong()).isEqualTo(own);
    assertThat(json.get("size").asLong()).isEqualTo(size);
    HttpResponse<String> api = world.api.get("/v1/me/audit/proofs/inclusion?index=" + own + "&size=" + size, world.citizenToken());
    assertThat(json).isEqualTo(JSON.readTree(api.body()));

    assertThat(world.page("/app/proofs/inclusion?index=" + others + "&size=" + size).statusCode()).isEqualTo(404);
    assertThat(world.page("/app/proofs/inclusion?index=" + (size + 5) + "&size=" + size).statusCode()).isEqualTo(404);
    assertThat(world.page("/app/proofs/inclusion?index=" + own + "&size=" + own).statusCode()).isEqualTo(400);
    assertThat(world.page("/app/proofs/inclusion?index=" + own).statusCode()).isEqualTo(400);
    assertThat(world.other.get("/app/proofs/inclusion?index=" + own + "&size=" + size).statusCode()).isEqualTo(404);
  }

  @Test
  void theReportShowsTheUnmaskedFileSaysItIsRecordedAndItsEntryExists() throws Exception {
    HttpResponse<String> page = world.page("/app/report", EN);

    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    CreditAccount account = world.creditFile.accounts().get(0);
    assertThat(body).contains(world.creditFile.identity().name(), world.creditFile.identity().phone().orElseThrow(),
        world.creditFile.identity().address().orElseThrow(), ResidentIdNumber.parse(CITIZEN_ID).masked(), account.lender(),
        String.format("%,d yuan", account.creditLimit()), world.creditFile.publicRecords().get(0).authority(),
        "Viewing your report is recorded in the audit log", "/app/disputes/new?recordId=" + account.id(),
        "/app/records/" + account.id() + "/statement", "Add my statement");
    assertThat(body).as("no raw ID number in a page").doesNotContain(CITIZEN_ID);
    Matcher recorded = Pattern.compile("this viewing is entry (\\d+)").matcher(body);
    assertThat(recorded.find()).isTrue();
    AuditEntry entry = GatewayHttpClient.auditEntries(world.database).get(Integer.parseInt(recorded.group(1)));
    assertThat(entry.event().action()).isEqualTo(AuditAction.QUERY_ALLOWED);
    assertThat(entry.event().subjectRef()).contains(world.citizenRef);
    assertThat(entry.event().actor()).isEqualTo("citizen:" + world.citizenRef);
    assertThat(entry.event().purpose()).contains("SELF");
  }

  @Test
  void aDisputeIsFiledFromTheReportWithItsReasonCheckedFirst() throws Exception {
    String recordId = world.creditFile.publicRecords().get(0).id().toString();
    HttpResponse<String> form = world.page("/app/disputes/new?recordId=" + recordId, EN);
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("Public record", "<label for=\"reason\">", "name=\"recordId\" value=\"" + recordId + "\"");

    HttpResponse<String> empty = world.submit("/app/disputes/new", Map.of("recordId", recordId, "reason", "  "));
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(empty.body()).contains("<title>Error: dispute this record", "class=\"error-summary\"",
        "<a href=\"#reason\">Enter why this record is wrong</a>", "id=\"reason-error\"", "aria-invalid=\"true\"",
        "href=\"" + DisputePages.newPath(recordId) + "&amp;lang=zh-CN\"");
    HttpResponse<String> tooLong = world.submit("/app/disputes/new", Map.of("recordId", recordId, "reason", "错".repeat(1001)));
    assertThat(tooLong.body()).contains("class=\"error-summary\"");
    assertThat(tooLong.body()).contains("The reason must be 1,000 characters or fewer");

    HttpResponse<String> filed = world.submit("/app/disputes/new", Map.of("recordId", recordId, "reason", "这笔判决已撤销"));
    assertThat(filed.statusCode()).isEqualTo(303);
    assertThat(filed.headers().firstValue("Location")).hasValue("/app/disputes?done=dispute-filed");
    String disputes = world.page("/app/disputes?done=dispute-filed", EN).body();
    assertThat(disputes).contains("Your dispute has been filed", "这笔判决已撤销", "Open: being checked", "<th scope=\"col\">Due by</th>");
    assertThat(world.page("/app/report", EN).body()).contains("Under dispute");

    HttpResponse<String> again = world.submit("/app/disputes/new", Map.of("recordId", recordId, "reason", "再次提出"));
    assertThat(again.body()).contains("class=\"error-summary\"", "This record already has an open dispute");
    assertThat(world.submit("/app/disputes/new", Map.of("recordId", java.util.UUID.randomUUID().toString(), "reason", "x"))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void aStatementIsAddedShownAndRemoved() throws Exception {
    String recordId = world.creditFile.accounts().get(1).id().toString();
    String path = "/app/records/" + recordId + "/statement";
    assertThat(world.page(path, EN).body()).contains("<label for=\"statement\">", "Add my statement").doesNotContain("Remove my statement");

    assertThat(world.submit(path, Map.of("statement", "x".repeat(501))).body())
        .contains("class=\"error-summary\"", "The statement must be 500 characters or fewer");
    HttpResponse<String> saved = world.submit(path, Map.of("statement", "该笔逾期系银行系统故障所致"));
    assertThat(saved.headers().firstValue("Location")).hasValue("/app/?done=statement-saved");
    assertThat(world.page("/app/report", EN).body()).contains("该笔逾期系银行系统故障所致", "Change or remove my statement");
    assertThat(world.page(path, EN).body()).contains(">该笔逾期系银行系统故障所致</textarea>", "Remove my statement");

    HttpResponse<String> removed = world.submit(path + "/remove", Map.of());
    assertThat(removed.headers().firstValue("Location")).hasValue("/app/?done=statement-removed");
    assertThat(world.page("/app/report", EN).body()).doesNotContain("该笔逾期系银行系统故障所致");
    assertThat(world.submit(path + "/remove", Map.of()).statusCode()).as("nothing left to remove").isEqualTo(404);
    assertThat(world.other.get(path).statusCode()).as("someone else's record").isEqualTo(404);
  }

  @Test
  void theExportIsAJsonDownloadOfEverything() throws Exception {
    HttpResponse<String> export = world.page("/app/export");

    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(export.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"personal-data.json\"");
    JsonNode document = JSON.readTree(export.body());
    assertThat(document.at("/report/subject/idNumber").asText()).isEqualTo(CITIZEN_ID);
    assertThat(document.has("consents")).isTrue();
    assertThat(document.has("queries")).isTrue();
    assertThat(GatewayHttpClient.auditEntries(world.database).get(document.get("auditIndex").asInt()).event().action())
        .isEqualTo(AuditAction.DATA_EXPORTED);
  }

  @Test
  void everyPageRendersInChineseByDefaultAndInEnglish() throws Exception {
    String recordId = world.creditFile.accounts().get(0).id().toString();
    Map<String, List<String>> pages = Map.of(
        "/app/", List.of("我的授权", "My consents"),
        "/app/queries", List.of("谁查过我的信用报告", "Who looked at my credit report"),
        "/app/report", List.of("我的信用报告", "My credit report"),
        "/app/disputes", List.of("我的异议", "My disputes"),
        "/app/disputes/new?recordId=" + recordId, List.of("对这条记录提出异议", "Dispute this record"),
        "/app/records/" + recordId + "/statement", List.of("您对这条记录的声明", "Your statement on this record"));
    for (Map.Entry<String, List<String>> page : pages.entrySet()) {
      HttpResponse<String> chinese = world.page(page.getKey());
      HttpResponse<String> english = world.page(page.getKey(), EN);

      assertThat(chinese.statusCode()).as(page.getKey()).isEqualTo(200);
      assertThat(chinese.body()).as(page.getKey()).contains("<html lang=\"zh-CN\">", "<h1>" + page.getValue().get(0));
      assertThat(english.body()).as(page.getKey()).contains("<html lang=\"en\">", "<h1>" + page.getValue().get(1));
      assertThat(chinese.headers().firstValue("Content-Security-Policy")).as(page.getKey()).isPresent();
      for (String body : List.of(chinese.body(), english.body())) {
        assertThat(body).as(page.getKey()).doesNotContain(CITIZEN_ID, "style=", "<style", "<script>");
      }
    }
  }

  // --- Reading pages ---

  /** The {@code <section>} labelled by heading {@code id}. */
  private static String section(String html, String id) {
    int start = html.indexOf("<section aria-labelledby=\"" + id + "\">");
    assertThat(start).as("section " + id).isNotNegative();
    return html.substring(start, html.indexOf("</section>", start));
  }

  /** The card of consent {@code id}. */
  private static String card(String html, String id) {
    int start = html.indexOf("aria-labelledby=\"consent-" + id + "\"");
    assertThat(start).as("card of " + id).isNotNegative();
    return html.substring(start, html.indexOf("</article>", start));
  }

  /** The proof element of entry {@code index}. */
  private static String proofElement(String html, long index) {
    int at = html.indexOf("data-proof-url=\"/app/proofs/inclusion?index=" + index + "\"");
    assertThat(at).as("proof element of " + index).isNotNegative();
    int start = html.lastIndexOf("<span", at);
    return html.substring(start, html.indexOf("</span>", at));
  }

  private static String attribute(String element, String name) {
    Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(element);
    assertThat(value.find()).as(name).isTrue();
    return value.group(1);
  }

  private static List<Long> indexes(String html) {
    return Pattern.compile("data-index=\"(\\d+)\"").matcher(html).results().map(match -> Long.parseLong(match.group(1))).toList();
  }

  private static String link(String html, String rel) {
    Matcher link = Pattern.compile("rel=\"" + rel + "\" href=\"([^\"]+)\"").matcher(html);
    assertThat(link.find()).as("the " + rel + " link").isTrue();
    return link.group(1);
  }

  private static long lastIndex(List<AuditEntry> entries, AuditAction action, String subjectRef) {
    return entries.stream().filter(entry -> entry.event().action() == action && entry.event().subjectRef().filter(subjectRef::equals)
        .isPresent()).mapToLong(AuditEntry::index).max().orElseThrow();
  }
}
