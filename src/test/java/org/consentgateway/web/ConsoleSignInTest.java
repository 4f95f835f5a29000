package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signing in to the regulator console over HTTP, on a whole gateway (the console's pages share
 * the citizen app's page machinery, hence this package): a challenge signed with the member's
 * registered key opens a session under a new id; a challenge answers once, and not after it has
 * expired; a wrong key, a disabled member and an institution are refused; a citizen's session opens
 * no console page and a console session no page of the citizen app; roles are enforced on the server.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSignInTest {

  static final Path KEYS = Path.of("keys-example");
  static final String REGULATOR = "pboc-credit-reference";
  static final String OPERATOR = "gateway-operations";
  static final String DISABLED = "retired-regulator";
  static final String COOKIE = "cg_console";

  private static final Messages ENGLISH = Messages.load().get(Language.EN);

  private final MovableClock clock = new MovableClock();
  private final PrivateKey regulatorKey = PemFiles.readPrivateKey(KEYS.resolve("regulator.key.pem"));
  private final PrivateKey operatorKey = PemFiles.readPrivateKey(KEYS.resolve("operator.key.pem"));
  private DatabaseCoordinates database;
  private AppGateway app;

  @BeforeAll
  void start(DatabaseCoordinates database) {
    this.database = database;
    registerMembers(database);
    app = AppGateway.start(database, Map.of(), clock);
  }

  /** The console's members: a regulator and an operator with the demo keys, and a disabled regulator. */
  static void registerMembers(DatabaseCoordinates database) {
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
      registry.addOperator(OPERATOR, "网关运营", ClientKey.read(KEYS.resolve("operator.pub.pem")));
      registry.addRegulator(DISABLED, "已停用", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
      registry.await(registry.admin().regulators().disable(DISABLED));
    }
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.gateway.close();
    }
  }

  @BeforeEach
  void resetClock() {
    clock.reset();
  }

  @Test
  void aRegulatorSignsInWithTheAnswerOfDevSignChallengeUnderANewSessionId() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    assertThat(HttpBrowser.location(browser.get(app.url("/console/"))).getPath()).isEqualTo("/console/sign-in");
    HttpResponse<String> page = signInPage(browser);
    String anonymous = browser.cookie(COOKIE).orElseThrow();

    HttpResponse<String> answered = answer(browser, page, REGULATOR, regulatorKey);

    assertThat(HttpBrowser.location(answered)).isEqualTo(URI.create(app.url("/console/")));
    assertThat(browser.cookie(COOKIE)).isPresent().isNotEqualTo(java.util.Optional.of(anonymous));
    assertThat(answered.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie).startsWith(COOKIE + "=")
        .containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));
    String log = AppGateway.page(browser.get(app.url("/console/?lang=en")), 200);
    assertThat(log).contains(ENGLISH.text("console.log.title")).contains(ENGLISH.text("console.member.regulator", REGULATOR));
    assertThat(memberOfSessions()).containsEntry("regulator", REGULATOR);
    // The anonymous id signs nobody in any more.
    HttpBrowser stale = new HttpBrowser();
    stale.setCookie(app.base, COOKIE, anonymous);
    assertThat(HttpBrowser.location(stale.get(app.url("/console/"))).getPath()).isEqualTo("/console/sign-in");
  }

  @Test
  void aChallengeAnswersOnceRightOrWrong() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> page = signInPage(browser);

    HttpResponse<String> wrongKey = answer(browser, page, REGULATOR, operatorKey);
    HttpResponse<String> replayed = answer(browser, page, REGULATOR, regulatorKey);

    assertRefused(wrongKey, "console.signin.refused.not-verified");
    assertRefused(replayed, "console.signin.refused.challenge-gone");
    // The refusal's page carries a new challenge, which signs in.
    assertThat(HttpBrowser.hiddenFields(replayed).get("challenge")).isNotEqualTo(HttpBrowser.hiddenFields(page).get("challenge"));
    assertThat(HttpBrowser.location(answer(browser, replayed, REGULATOR, regulatorKey)).getPath()).isEqualTo("/console/");
  }

  @Test
  void anAnswerToAChallengeThatHasExpiredIsRefused() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> page = signInPage(browser);
    clock.moveAhead(Duration.ofMinutes(6));

    assertRefused(answer(browser, page, REGULATOR, regulatorKey), "console.signin.refused.challenge-gone");
  }

  @Test
  void aChallengeBelongsToTheBrowserItWasShownTo() throws Exception {
    HttpBrowser shown = new HttpBrowser();
    HttpResponse<String> page = signInPage(shown);
    HttpBrowser other = new HttpBrowser();
    HttpResponse<String> otherPage = signInPage(other);
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(otherPage));
    String challenge = HttpBrowser.hiddenFields(page).get("challenge");
    form.put("challenge", challenge);
    form.put("client_id", REGULATOR);
    form.put("answer", ChallengeAnswers.sign(REGULATOR, ChallengeAnswers.audience(app.base), challenge, regulatorKey, Instant.now()));

    assertRefused(other.post(app.url("/console/sign-in?lang=en"), form), "console.signin.refused.challenge-gone");
  }

  @Test
  void aDisabledMemberAnInstitutionAndAnUnknownIdAreRefused() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> page = signInPage(browser);
    HttpResponse<String> disabled = answer(browser, page, DISABLED, regulatorKey);
    HttpResponse<String> unknown = answer(browser, disabled, "nobody-here", regulatorKey);
    HttpResponse<String> institution = answer(browser, unknown, "91350100M000100Y43",
        PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem")));

    assertRefused(disabled, "console.signin.refused.disabled");
    assertRefused(unknown, "console.signin.refused.not-verified");
    assertRefused(institution, "console.signin.refused.not-verified");
    assertThat(memberOfSessions()).doesNotContainValue(DISABLED);
  }

  @Test
  void aFormWithoutTheSessionsTokenChangesNothing() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> page = signInPage(browser);
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(page));
    form.put("_csrf", "forged");
    form.put("client_id", REGULATOR);
    form.put("answer", ChallengeAnswers.sign(REGULATOR, ChallengeAnswers.audience(app.base), form.get("challenge"), regulatorKey,
        Instant.now()));

    assertThat(browser.post(app.url("/console/sign-in"), form).statusCode()).isEqualTo(403);
    assertThat(browser.get(app.url("/console/")).statusCode()).isEqualTo(303);
  }

  @Test
  void aCitizensSessionOpensNoConsolePageAndAConsoleSessionNoAppPage() throws Exception {
    HttpBrowser citizen = DemoSignIn.as(new HttpBrowser(), app, DemoIdentityProvider.offeredCitizens().get(0).value());
    String citizenSession = citizen.cookie(SessionCookie.NAME).orElseThrow();
    HttpBrowser member = signedIn(REGULATOR, regulatorKey);
    String consoleSession = member.cookie(COOKIE).orElseThrow();

    assertThat(HttpBrowser.location(citizen.get(app.url("/console/"))).getPath()).isEqualTo("/console/sign-in");
    HttpBrowser forged = new HttpBrowser();
    forged.setCookie(app.base, COOKIE, citizenSession);
    assertThat(HttpBrowser.location(forged.get(app.url("/console/"))).getPath()).isEqualTo("/console/sign-in");
    assertThat(HttpBrowser.location(member.get(app.url("/app/"))).getPath()).isEqualTo("/app/sign-in");
    HttpBrowser other = new HttpBrowser();
    other.setCookie(app.base, SessionCookie.NAME, consoleSession);
    assertThat(HttpBrowser.location(other.get(app.url("/app/"))).getPath()).isEqualTo("/app/sign-in");
  }

  @Test
  void anOperatorSeesTheLogAndOverdueDisputesAndSignsOut() throws Exception {
    HttpBrowser operator = signedIn(OPERATOR, operatorKey);

    assertThat(AppGateway.page(operator.get(app.url("/console/?lang=en")), 200)).contains(ENGLISH.text("console.member.operator", OPERATOR));
    assertThat(AppGateway.page(operator.get(app.url("/console/disputes/overdue?lang=en")), 200))
        .contains(ENGLISH.text("console.overdue.title"));
    // The search and case export are a regulator's: not linked for an operator, and refused on the server.
    assertThat(AppGateway.page(operator.get(app.url("/console/?lang=en")), 200)).doesNotContain("/console/search");
    assertThat(operator.get(app.url("/console/search?action=query.denied")).statusCode()).isEqualTo(403);
    assertThat(operator.post(app.url("/console/search/case"), HttpBrowser.hiddenFields(operator.get(app.url("/console/"))))
        .statusCode()).isEqualTo(403);
    HttpResponse<String> out = operator.post(app.url("/console/sign-out"), HttpBrowser.hiddenFields(operator.get(app.url("/console/"))));

    assertThat(HttpBrowser.location(out).toString()).isEqualTo(app.url("/console/sign-in?signed-out=1"));
    assertThat(HttpBrowser.location(operator.get(app.url("/console/"))).getPath()).isEqualTo("/console/sign-in");
  }

  @Test
  void theLogsConsistencyJsonIsForMembersOnlyAndIsARecordedRead() throws Exception {
    assertThat(new HttpBrowser().get(app.url("/console/log/consistency")).statusCode()).isEqualTo(303);
    HttpBrowser regulator = signedIn(REGULATOR, regulatorKey);
    long readsBefore = consoleReads();

    HttpResponse<String> answer = regulator.get(app.url("/console/log/consistency"));

    assertThat(answer.statusCode()).isIn(200, 404); // 404 until the first checkpoint is signed
    assertThat(answer.headers().firstValue("Content-Type")).contains(Pages.JSON_TYPE);
    if (answer.statusCode() == 200) {
      assertThat(consoleReads()).isEqualTo(readsBefore + 1);
    }
  }

  // --- helpers ---

  HttpResponse<String> signInPage(HttpBrowser browser) throws Exception {
    HttpResponse<String> page = browser.get(app.url("/console/sign-in?lang=en"));
    AppGateway.page(page, 200);
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("form-action 'self';").contains("frame-ancestors 'none'"));
    return page;
  }

  /** Answers the challenge of {@code page} as {@code clientId}, signed with {@code key} as {@code gateway dev sign-challenge} does. */
  HttpResponse<String> answer(HttpBrowser browser, HttpResponse<String> page, String clientId, PrivateKey key) throws Exception {
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(page));
    form.put("client_id", clientId);
    form.put("answer", ChallengeAnswers.sign(clientId, ChallengeAnswers.audience(app.base), form.get("challenge"), key, Instant.now()));
    return browser.post(app.url("/console/sign-in?lang=en"), form);
  }

  HttpBrowser signedIn(String clientId, PrivateKey key) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    assertThat(HttpBrowser.location(answer(browser, signInPage(browser), clientId, key)).getPath()).isEqualTo("/console/");
    return browser;
  }

  private static void assertRefused(HttpResponse<String> page, String key) {
    assertThat(AppGateway.page(page, 400)).contains(ENGLISH.text("console.signin.refused.title")).contains(ENGLISH.text(key));
  }

  private Map<String, String> memberOfSessions() throws Exception {
    Map<String, String> members = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select member_role, member_id from console_sessions where member_id is not null")) {
      while (rows.next()) {
        members.put(rows.getString(1), rows.getString(2));
      }
    }
    return members;
  }

  private long consoleReads() throws Exception {
    return GatewayHttpClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.AUDIT_READ && event.actor().equals("regulator:" + REGULATOR)).count();
  }
}
