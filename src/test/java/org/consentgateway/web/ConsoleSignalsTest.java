package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.records.CreditFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's Signals page on a whole gateway whose clock the test moves past a dispute's
 * deadline: before, a plain sentence says there is none; after, the overdue disputes signal is
 * listed with its link to the console's search, and nothing of the person. Reading it is the
 * regulator's recorded read; an operator is refused the page and not shown it in the navigation.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSignalsTest {

  private static final Messages ENGLISH = Messages.load().get(Language.EN);

  private final MovableClock clock = new MovableClock();
  private DatabaseCoordinates database;
  private AppGateway app;
  private String subjectRef;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    ConsoleSignInTest.registerMembers(database);
    GatewayKeys keys = GatewayKeys.load(Path.of("keys-example"));
    String idNumber = DemoIdentityProvider.offeredCitizens().get(0).value();
    CreditFile file = CitizenFile.imported(database, keys, Files.createTempDirectory("console-signals-test"), idNumber);
    subjectRef = keys.pseudonymizer().subjectRef(file.identity().idNumber()).value();
    app = AppGateway.start(database, Map.of(ConfigKeys.HTTP_REQUEST_TIMEOUT_MILLIS, "60000"), clock);
    GatewayHttpClient api = new GatewayHttpClient(app.gateway.port());
    String citizen = GatewayHttpClient.citizenToken(idNumber,
        PemFiles.readPrivateKey(Path.of("keys-example", "identity-provider.key.pem")), Instant.now());
    api.json(api.post("/v1/me/disputes", citizen, new JsonObject().put("recordId", file.accounts().get(0).id().toString())
        .put("reason", "wrong amount")), 201);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.gateway.close();
    }
  }

  @Test
  void anOverdueDisputeBecomesASignalThatLinksToTheSearch() throws Exception {
    HttpBrowser regulator = signedIn(ConsoleSignInTest.REGULATOR, "regulator.key.pem");
    String before = AppGateway.page(regulator.get(app.url("/console/signals?lang=en")), 200);
    assertThat(before).contains("id=\"signals-none\"").doesNotContain("data-rule=");

    clock.moveAhead(Duration.ofDays(23));
    // The session has lapsed by then: sign in again, at the moved time.
    HttpBrowser later = signedIn(ConsoleSignInTest.REGULATOR, "regulator.key.pem");
    long reads = signalReads();
    // The follower folds the filing within a round or two.
    Polling.until("the signal shows", () -> page(later).contains("data-rule=\"overdue_disputes\""));
    String after = page(later);

    assertThat(after).contains(ENGLISH.text("console.signals.rule.overdue_disputes"))
        .contains(ENGLISH.text("console.signals.no-institution"))
        .containsPattern("href=\"/console/search\\?from=[0-9T:.Z-]+&amp;to=[0-9T:.Z-]+&amp;action=dispute.filed\"");
    assertThat(after).doesNotContain(subjectRef).doesNotContain(subjectRef.substring(0, 12)).doesNotContain("wrong amount");
    assertThat(signalReads()).isGreaterThan(reads);
  }

  @Test
  void anOperatorIsRefusedThePageAndNotShownIt() throws Exception {
    HttpBrowser operator = signedIn(ConsoleSignInTest.OPERATOR, "operator.key.pem");

    assertThat(operator.get(app.url("/console/signals?lang=en")).statusCode()).isEqualTo(403);
    assertThat(AppGateway.page(operator.get(app.url("/console/?lang=en")), 200)).doesNotContain("/console/signals");
  }

  private String page(HttpBrowser regulator) {
    try {
      return AppGateway.page(regulator.get(app.url("/console/signals?lang=en")), 200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long signalReads() throws Exception {
    return GatewayHttpClient.auditEntries(database).stream().map(entry -> entry.event())
        .filter(event -> event.action() == AuditAction.AUDIT_READ && event.disclosedFields().equals(List.of("signals"))).count();
  }

  /** A member signed in at the gateway's (moved) time. */
  private HttpBrowser signedIn(String member, String keyFile) throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> signIn = browser.get(app.url("/console/sign-in?lang=en"));
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(signIn));
    form.put("client_id", member);
    PrivateKey key = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve(keyFile));
    form.put("answer", ChallengeAnswers.sign(member, ChallengeAnswers.audience(app.base), form.get("challenge"), key, clock.instant()));
    assertThat(HttpBrowser.location(browser.post(app.url("/console/sign-in"), form)).getPath()).isEqualTo("/console/");
    return browser;
  }
}
