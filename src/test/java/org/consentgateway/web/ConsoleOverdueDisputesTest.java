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
import java.util.Map;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's overdue disputes on a whole gateway whose clock the test moves past a dispute's
 * deadline: the dispute is listed by id, record kind, dates and days overdue, and nothing of the
 * person who filed it (their pseudonym, the record's id, their reason) is in the page.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOverdueDisputesTest {

  private static final String REASON = "这笔贷款我已于去年还清，请核实更正";
  private static final Messages ENGLISH = Messages.load().get(Language.EN);

  private final MovableClock clock = new MovableClock();
  private AppGateway app;
  private String disputeId;
  private String recordId;
  private String subjectRef;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    GatewayKeys keys = GatewayKeys.load(Path.of("keys-example"));
    String idNumber = DemoIdentityProvider.offeredCitizens().get(0).value();
    CreditFile file = CitizenFile.imported(database, keys, Files.createTempDirectory("console-overdue-test"), idNumber);
    subjectRef = keys.pseudonymizer().subjectRef(file.identity().idNumber()).value();
    recordId = file.accounts().get(0).id().toString();
    // A loaded build machine: the set-up waits for its answers rather than taking a 503.
    app = AppGateway.start(database, Map.of(ConfigKeys.HTTP_REQUEST_TIMEOUT_MILLIS, "60000"), clock);
    GatewayHttpClient api = new GatewayHttpClient(app.gateway.port());
    String citizen = GatewayHttpClient.citizenToken(idNumber,
        PemFiles.readPrivateKey(Path.of("keys-example", "identity-provider.key.pem")), Instant.now());
    JsonObject filed = api.json(api.post("/v1/me/disputes", citizen, new JsonObject().put("recordId", recordId).put("reason", REASON)),
        201);
    disputeId = filed.getString("id");
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.gateway.close();
    }
  }

  @Test
  void aDisputePastItsDeadlineIsListedWithoutThePerson() throws Exception {
    String before = page();
    assertThat(before).contains(ENGLISH.text("console.overdue.none")).doesNotContain(disputeId);

    clock.moveAhead(Duration.ofDays(23));
    String after = page();

    assertThat(after).contains(disputeId).contains(ENGLISH.text("record.kind.ACCOUNT"))
        .contains(ENGLISH.text("console.overdue.caption", 1));
    assertThat(after).doesNotContain(subjectRef).doesNotContain(subjectRef.substring(0, 12)).doesNotContain(recordId)
        .doesNotContain(REASON);
    assertThat(after).containsPattern("<td data-label=\"" + ENGLISH.text("console.overdue.days") + "\">3</td>");
  }

  /** The overdue page in English, for a regulator who signs in at the gateway's (moved) time. */
  private String page() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> signIn = browser.get(app.url("/console/sign-in?lang=en"));
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(signIn));
    form.put("client_id", ConsoleSignInTest.REGULATOR);
    PrivateKey key = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve("regulator.key.pem"));
    form.put("answer", ChallengeAnswers.sign(ConsoleSignInTest.REGULATOR, ChallengeAnswers.audience(app.base), form.get("challenge"),
        key, clock.instant()));
    assertThat(HttpBrowser.location(browser.post(app.url("/console/sign-in"), form)).getPath()).isEqualTo("/console/");
    return AppGateway.page(browser.get(app.url("/console/disputes/overdue?lang=en")), 200);
  }
}
