package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.web.AppWorld.BANK;
import static org.consentgateway.web.AppWorld.BANK_NAME;
import static org.consentgateway.web.AppWorld.CITIZEN_ID;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * Complaints as the pages handle them, over HTTP on a whole gateway where the bank queries: the
 * citizen complains from who-looked (the form's mistakes, the one open complaint per entry, CSRF,
 * someone else's entry), sees the complaint with its proof element and downloads its evidence; a
 * regulator lists it, opens it (both recorded reads), acknowledges, asks the institution, sees its
 * answer and upholds, the citizen reading the question, then the institution's answer as its own
 * words, then "upheld". An operator is refused the console's
 * complaint pages, and the citizen's words are never in a URL. While the audit log cannot commit,
 * no form changes anything and each answers the unavailable page (503).
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintPagesTest {

  private static final String EN = "cg_lang=en";
  private static final Messages ENGLISH = Messages.load().get(Language.EN);
  private static final String WORDS = "I never asked this bank for a loan and never agreed to this look";
  private static final Pattern COMPLAINT_ID = Pattern.compile("data-complaint=\"([0-9a-f-]{36})\"");
  private static final Pattern STATUS = Pattern.compile("<span class=\"complaint-status[^\"]*\">([^<]*)</span>");

  private AppWorld world;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    // A loaded build machine: the set-up and the forms wait for their answers rather than taking a 503.
    world = new AppWorld(database, Files.createTempDirectory("complaint-pages-test"), Map.of(ConfigKeys.HTTP_REQUEST_TIMEOUT_MILLIS, "60000"));
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void theCitizenComplainsFromWhoLookedAndSeesTheComplaintWithItsEvidence() throws Exception {
    long index = aSignedQuery();
    world.api.json(world.api.get("/v1/me/report", world.citizenToken()), 200);
    long ownRead = lastIndex(AuditAction.QUERY_ALLOWED);

    String history = AppGateway.page(world.page("/app/queries", EN), 200);
    assertThat(history).contains("href=\"" + ComplaintPages.newPath(index) + "\"", ENGLISH.text("queries.complain"))
        .as("no complaint about the citizen's own look").doesNotContain(ComplaintPages.newPath(ownRead) + "\"");

    String form = AppGateway.page(world.page(ComplaintPages.newPath(index), EN), 200);
    assertThat(form).contains(ENGLISH.text("complaints.new.title"), BANK_NAME, "name=\"_csrf\" value=\"" + world.citizen.csrfToken() + "\"",
        "name=\"index\" value=\"" + index + "\"", ENGLISH.text("complaint.reason.not_authorised"),
        ENGLISH.text("complaint.reason.beyond_purpose"), ENGLISH.text("complaint.reason.beyond_grade"),
        ENGLISH.text("complaint.reason.other")).doesNotContain("checked");

    int listed = complaints();
    String mistakes = AppGateway.page(world.submit(ComplaintPages.NEW_PATH, Map.of("index", Long.toString(index))), 200);
    assertThat(mistakes).contains(ENGLISH.text("complaints.new.title.error"), "class=\"error-summary\"",
        ENGLISH.text("form.complaintReason.missing"), ENGLISH.text("form.complaint.missing"), "href=\"#reason\"", "href=\"#complaint\"",
        "href=\"" + ComplaintPages.newPath(index) + "&amp;lang=zh-CN\"");
    assertThat(complaints()).as("nothing filed").isEqualTo(listed);

    HttpResponse<String> filed = world.submit(ComplaintPages.NEW_PATH, Map.of("index", Long.toString(index),
        "reason", "not_authorised", "complaint", WORDS));
    assertThat(filed.statusCode()).isEqualTo(303);
    assertThat(filed.headers().firstValue("Location")).hasValue("/app/complaints?done=complaint-filed");

    String mine = AppGateway.page(world.page("/app/complaints?done=complaint-filed", EN), 200);
    assertThat(mine).contains(ENGLISH.text("notice.complaint-filed"), BANK_NAME, ENGLISH.text("complaint.reason.not_authorised"),
        ENGLISH.text("complaint.status.FILED"), ENGLISH.text("complaints.due"), "data-index=\"" + index + "\"",
        "data-proof-url=\"/app/proofs/inclusion?index=" + index + "\"", "<script type=\"module\" src=\"/app/static/proof.js\"></script>")
        .doesNotContain(CITIZEN_ID);
    String id = complaintOf(mine, index);
    HttpResponse<String> evidence = world.page(ComplaintPages.evidencePath(UUID.fromString(id)));
    assertThat(evidence.statusCode()).isEqualTo(200);
    assertThat(evidence.headers().firstValue("Content-Type")).hasValue("application/zip");
    assertThat(evidence.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).startsWith("attachment"));

    String again = AppGateway.page(world.submit(ComplaintPages.NEW_PATH, Map.of("index", Long.toString(index), "reason", "other",
        "complaint", "again")), 200);
    assertThat(again).contains(ENGLISH.text("form.complaint.open"));
    assertThat(complaints()).isEqualTo(listed + 1);
  }

  @Test
  void someoneElsesEntryOrComplaintIsNotFoundAndAFormWithoutItsTokenChangesNothing() throws Exception {
    long index = aSignedQuery();

    assertThat(world.other.get(ComplaintPages.newPath(index)).statusCode()).isEqualTo(404);
    assertThat(world.page(ComplaintPages.NEW_PATH + "?index=x").statusCode()).isEqualTo(404);
    assertThat(world.page(ComplaintPages.NEW_PATH).statusCode()).isEqualTo(404);
    assertThat(world.post(ComplaintPages.NEW_PATH, Map.of("index", Long.toString(index), "reason", "other", "complaint", WORDS))
        .statusCode()).isEqualTo(403);
    assertThat(world.other.post(ComplaintPages.NEW_PATH, Map.of(Page.CSRF_FIELD, world.other.csrfToken(), "index", Long.toString(index),
        "reason", "other", "complaint", WORDS)).statusCode()).isEqualTo(404);
    String id = filed(index);
    assertThat(world.other.get(ComplaintPages.evidencePath(UUID.fromString(id))).statusCode()).isEqualTo(404);
    assertThat(world.other.get("/app/complaints", EN).body()).doesNotContain(id);
  }

  @Test
  void aRegulatorAcknowledgesAsksAndUpholdsAndTheCitizenThenReadsUpheld() throws Exception {
    String id = filed(aSignedQuery());
    HttpBrowser regulator = signedIn(ConsoleSignInTest.REGULATOR, "regulator.key.pem");
    long reads = reads("complaints") + reads("complaint");

    String list = AppGateway.page(regulator.get(world.app.url("/console/complaints?lang=en")), 200);
    assertThat(list).contains("href=\"/console/complaints/" + id + "\"", BANK, ENGLISH.text("console.complaint.reason.not_authorised"),
        ENGLISH.text("console.complaint.status.FILED"), "href=\"/console/search?institution=" + BANK + "&amp;from=")
        .as("the citizen's words only on the complaint's own page").doesNotContain(WORDS);
    String path = "/console/complaints/" + id;
    String page = AppGateway.page(regulator.get(world.app.url(path + "?lang=en")), 200);
    assertThat(page).contains(WORDS, ENGLISH.text("console.complaint.acknowledge.button"))
        .doesNotContain(ENGLISH.text("console.complaint.ask.button"), ENGLISH.text("console.complaint.resolve.button"));
    assertThat(reads("complaints") + reads("complaint")).as("both reads recorded").isEqualTo(reads + 2);
    String csrf = HttpBrowser.hiddenFields(regulator.get(world.app.url(path))).get(Page.CSRF_FIELD);

    assertThat(regulator.post(world.app.url(path + "/acknowledge"), Map.of()).statusCode()).as("no token").isEqualTo(403);
    assertThat(status(id)).isEqualTo(ENGLISH.text("complaint.status.FILED"));
    assertThat(HttpBrowser.location(regulator.post(world.app.url(path + "/acknowledge"), Map.of(Page.CSRF_FIELD, csrf))).toString()).isEqualTo(world.app.url(path + "?done=complaint-acknowledged"));
    assertThat(status(id)).isEqualTo(ENGLISH.text("complaint.status.ACKNOWLEDGED"));
    assertThat(regulator.post(world.app.url(path + "/acknowledge"), Map.of(Page.CSRF_FIELD, csrf)).statusCode()).as("only once")
        .isEqualTo(409);

    HttpResponse<String> blank = regulator.post(world.app.url(path + "/information-request?lang=en"), Map.of(Page.CSRF_FIELD, csrf,
        "question", " "));
    assertThat(AppGateway.page(blank, 400)).as("the language switch leads to the complaint's page")
        .contains(ENGLISH.text("form.question.missing"), "href=\"#question\"", "href=\"" + path + "?lang=zh-CN\"");
    assertThat(HttpBrowser.location(regulator.post(world.app.url(path + "/information-request"), Map.of(Page.CSRF_FIELD, csrf,
        "question", "On what consent did you query on this day?"))).toString()).isEqualTo(world.app.url(path + "?done=information-requested"));
    assertThat(AppGateway.page(regulator.get(world.app.url(path + "?lang=en")), 200)).contains("On what consent did you query on this day?",
        ENGLISH.text("console.complaint.response.none"), ENGLISH.text("console.complaint.waiting"));
    assertThat(row(AppGateway.page(world.page("/app/complaints", EN), 200), id)).as("the citizen sees the question")
        .contains(ENGLISH.text("complaints.question"), "On what consent did you query on this day?")
        .doesNotContain(ENGLISH.text("complaints.answer"));

    assertThat(respond(id, "Our branch queried by mistake.").statusCode()).isEqualTo(200);
    assertThat(row(AppGateway.page(world.page("/app/complaints", EN), 200), id)).as("and the institution's answer, as its own words")
        .contains(ENGLISH.text("complaints.answer"), "<q class=\"complaint-answer\">Our branch queried by mistake.</q>");
    assertThat(AppGateway.page(regulator.get(world.app.url(path + "?lang=en")), 200)).contains("Our branch queried by mistake.",
        ENGLISH.text("console.complaint.ask.button"));

    HttpResponse<String> undecided = regulator.post(world.app.url(path + "/resolve?lang=en"), Map.of(Page.CSRF_FIELD, csrf,
        "note", "The bank had no consent."));
    assertThat(AppGateway.page(undecided, 400)).contains(ENGLISH.text("form.outcome.missing"), "The bank had no consent.");
    assertThat(HttpBrowser.location(regulator.post(world.app.url(path + "/resolve"), Map.of(Page.CSRF_FIELD, csrf,
        "outcome", "upheld", "note", "The bank had no consent."))).toString()).isEqualTo(world.app.url(path + "?done=complaint-resolved"));
    assertThat(AppGateway.page(regulator.get(world.app.url(path + "?lang=en")), 200))
        .contains(ENGLISH.text("console.complaint.resolve.upheld")).doesNotContain("action=\"" + path + "/resolve\"");
    assertThat(AppGateway.page(regulator.get(world.app.url("/console/complaints?lang=en")), 200)).doesNotContain(id);

    String mine = AppGateway.page(world.page("/app/complaints", EN), 200);
    assertThat(row(mine, id)).contains(ENGLISH.text("complaint.outcome.upheld"), "The bank had no consent.",
        "On what consent did you query on this day?", "Our branch queried by mistake.");
    assertThat(regulator.visited()).allSatisfy(url -> assertThat(url).doesNotContain("never", "consent%3F", "mistake"));
  }

  @Test
  void anOperatorIsRefusedTheComplaintsAndNotShownThem() throws Exception {
    String id = filed(aSignedQuery());
    HttpBrowser operator = signedIn(ConsoleSignInTest.OPERATOR, "operator.key.pem");

    assertThat(operator.get(world.app.url("/console/complaints?lang=en")).statusCode()).isEqualTo(403);
    assertThat(operator.get(world.app.url("/console/complaints/" + id)).statusCode()).isEqualTo(403);
    String csrf = HttpBrowser.hiddenFields(operator.get(world.app.url("/console/"))).get(Page.CSRF_FIELD);
    assertThat(operator.post(world.app.url("/console/complaints/" + id + "/acknowledge"), Map.of(Page.CSRF_FIELD, csrf)).statusCode())
        .isEqualTo(403);
    assertThat(status(id)).isEqualTo(ENGLISH.text("complaint.status.FILED"));
    assertThat(AppGateway.page(operator.get(world.app.url("/console/?lang=en")), 200)).doesNotContain("/console/complaints");
  }

  @Test
  void whileTheAuditLogIsDownNoFormChangesAnythingAndEachAnswersTheUnavailablePage() throws Exception {
    long index = aSignedQuery();
    String id = filed(aSignedQuery());
    HttpBrowser regulator = signedIn(ConsoleSignInTest.REGULATOR, "regulator.key.pem");
    String path = "/console/complaints/" + id;
    String csrf = HttpBrowser.hiddenFields(regulator.get(world.app.url(path))).get(Page.CSRF_FIELD);
    int listed = complaints();

    auditLog(false);
    try {
      HttpResponse<String> filing = world.submit(ComplaintPages.NEW_PATH, Map.of("index", Long.toString(index), "reason", "other",
          "complaint", WORDS));
      assertThat(AppGateway.page(filing, 503)).contains(ENGLISH.text("error.unavailable"));
      assertThat(filing.headers().firstValue("Retry-After")).isPresent();
      HttpResponse<String> acknowledging = regulator.post(world.app.url(path + "/acknowledge?lang=en"), Map.of(Page.CSRF_FIELD, csrf));
      assertThat(AppGateway.page(acknowledging, 503)).contains(ENGLISH.text("error.unavailable")).doesNotContain(WORDS);
      assertThat(regulator.get(world.app.url(path)).statusCode()).as("a read that cannot be recorded is not shown").isEqualTo(503);
    } finally {
      auditLog(true);
    }
    assertThat(complaints()).isEqualTo(listed);
    assertThat(status(id)).isEqualTo(ENGLISH.text("complaint.status.FILED"));
  }

  // --- The world ---

  /** A new query by the bank about the demo citizen, covered by a signed checkpoint; its index. */
  private long aSignedQuery() throws Exception {
    AppWorld.Granted granted = world.grant("LOAN_APPROVAL", "SUMMARY", 1);
    assertThat(world.query(granted, "LOAN_APPROVAL", "SUMMARY").statusCode()).isEqualTo(200);
    long index = lastIndex(AuditAction.QUERY_ALLOWED);
    PublishedCheckpoints.atLeast(index + 1, () -> world.api.getPublic(InquiryPages.CHECKPOINT_URL));
    return index;
  }

  /** A complaint about entry {@code index}, filed through the page; its id. */
  private String filed(long index) throws Exception {
    assertThat(world.submit(ComplaintPages.NEW_PATH, Map.of("index", Long.toString(index), "reason", "not_authorised",
        "complaint", WORDS)).statusCode()).isEqualTo(303);
    return complaintOf(AppGateway.page(world.page("/app/complaints", EN), 200), index);
  }

  /** How many complaints "my complaints" lists. */
  private int complaints() throws Exception {
    return (int) COMPLAINT_ID.matcher(AppGateway.page(world.page("/app/complaints", EN), 200)).results().count();
  }

  /** The status of complaint {@code id}, as "my complaints" says it. */
  private String status(String id) throws Exception {
    Matcher status = STATUS.matcher(row(AppGateway.page(world.page("/app/complaints", EN), 200), id));
    assertThat(status.find()).isTrue();
    return status.group(1);
  }

  /** The bank answers the regulator's question, as its server would (the API, with its access token). */
  private HttpResponse<String> respond(String id, String response) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(world.app.url("/v1/complaints/" + id + "/response")))
        .header("Authorization", "Bearer " + world.bankToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("response", response).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private long lastIndex(AuditAction action) throws Exception {
    List<AuditEntry> entries = GatewayHttpClient.auditEntries(world.database);
    return entries.stream().filter(entry -> entry.event().action() == action
        && entry.event().subjectRef().filter(world.citizenRef::equals).isPresent()).mapToLong(AuditEntry::index).max().orElseThrow();
  }

  private long reads(String disclosed) throws Exception {
    return GatewayHttpClient.auditEntries(world.database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.AUDIT_READ && event.disclosedFields().equals(List.of(disclosed))).count();
  }

  /** The id of the complaint about entry {@code index} that {@code page} ("my complaints") lists. */
  private static String complaintOf(String page, long index) {
    Matcher found = COMPLAINT_ID.matcher(page);
    while (found.find()) {
      if (row(page, found.group(1)).contains("data-index=\"" + index + "\"")) {
        return found.group(1);
      }
    }
    throw new AssertionError("no complaint about entry " + index + " is listed");
  }

  /** The row of complaint {@code id} in "my complaints". */
  private static String row(String page, String id) {
    int start = page.indexOf("data-complaint=\"" + id + "\"");
    assertThat(start).as("complaint " + id + " is listed").isNotNegative();
    return page.substring(start, page.indexOf("</tr>", start));
  }

  /** Makes the audit log refuse every entry, as a log that cannot commit, or work again. */
  private void auditLog(boolean working) throws Exception {
    try (Connection connection = DriverManager.getConnection(world.database.jdbcUrl(), world.database.user(), world.database.password());
        Statement statement = connection.createStatement()) {
      if (working) {
        statement.execute("drop trigger refuse_audit on audit_entries");
        return;
      }
      statement.execute("create or replace function refuse_audit() returns trigger language plpgsql as "
          + "$$ begin raise exception 'audit log unavailable (test)'; end $$");
      statement.execute("create trigger refuse_audit before insert on audit_entries for each row execute function refuse_audit()");
    }
  }

  /** A console member signed in now. */
  private HttpBrowser signedIn(String member, String keyFile) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> signIn = browser.get(world.app.url("/console/sign-in?lang=en"));
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(signIn));
    form.put("client_id", member);
    PrivateKey key = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve(keyFile));
    form.put("answer", ChallengeAnswers.sign(member, ChallengeAnswers.audience(world.app.base), form.get("challenge"), key, Instant.now()));
    assertThat(HttpBrowser.location(browser.post(world.app.url("/console/sign-in"), form)).getPath())
        .isEqualTo("/console/");
    return browser;
  }
}
