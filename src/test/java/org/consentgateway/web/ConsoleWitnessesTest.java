package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.Cosigner;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.witness.Witness;
import org.consentgateway.witness.WitnessServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Witness health on the console's log page: of two configured witnesses with a quorum of one, the
 * one that runs has cosigned the latest checkpoint and the public checkpoint is its size; the one
 * that never answers is shown as having cosigned nothing.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleWitnessesTest {

  private static final Duration AWAIT = Duration.ofSeconds(30);
  private static final Messages ENGLISH = Messages.load().get(Language.EN);
  private static final String CITIZEN_ID = "11010519491231002X";

  private final Vertx vertx = Vertx.vertx();
  private AppGateway app;
  private Cosigner running;
  private Cosigner silent;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    running = newCosigner("witness.regulator.example");
    silent = newCosigner("witness.bureau.example");
    NoteVerifier logKey = NoteVerifier.of(AuditConfig.DEFAULT_ORIGIN,
        GatewayKeys.load(Path.of("keys-example")).checkpointKeyPair().getPublic());
    Witness witness = new Witness(Map.of(AuditConfig.DEFAULT_ORIGIN, logKey), Files.createTempDirectory("console-witnesses-test"), running, Clock.systemUTC());
    HttpServer server = Blocking.await(new WitnessServer(vertx, witness).listen("127.0.0.1", 0), AWAIT);
    // Nothing listens on the second witness's port: every request to it fails.
    String witnesses = "http://127.0.0.1:" + server.actualPort() + "/ " + running.key().vkey()
        + ", http://127.0.0.1:" + TestDatabase.freePort() + "/ " + silent.key().vkey();
    app = AppGateway.start(database, Map.of(ConfigKeys.AUDIT_WITNESSES, witnesses, ConfigKeys.AUDIT_WITNESS_QUORUM, "1",
        ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100", ConfigKeys.HTTP_REQUEST_TIMEOUT_MILLIS, "60000"), Clock.systemUTC());
    GatewayHttpClient api = new GatewayHttpClient(app.gateway.port());
    String citizen = GatewayHttpClient.citizenToken(CITIZEN_ID,
        PemFiles.readPrivateKey(Path.of("keys-example", "identity-provider.key.pem")), Instant.now());
    // A look at a report that does not exist is an audited refusal: an entry, then a checkpoint to cosign.
    GatewayHttpClient.assertProblem(api.get("/v1/me/report", citizen), 404, "not_found");
    Polling.until("a checkpoint is public", () -> status(() -> api.getPublic("/v1/audit/checkpoint")) == 200);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.gateway.close();
    }
    Blocking.await(vertx.close(), AWAIT);
  }

  @Test
  void theLogPageShowsWhatEachWitnessHasCosigned() throws Exception {
    String page = logPage();

    assertThat(page).contains(ENGLISH.text("console.witness.quorum", 1, 2)).doesNotContain(ENGLISH.text("console.witness.public.none"));
    assertThat(page).containsPattern(rowOf(running.key().name(), "current"));
    assertThat(page).containsPattern(rowOf(silent.key().name(), "never"));
    assertThat(page).contains(ENGLISH.text("console.witness.never"));
  }

  private static String rowOf(String witness, String status) {
    return "<tr data-witness-status=\"" + status + "\">\\s*<th scope=\"row\"[^>]*><code>" + witness.replace(".", "\\.") + "</code>";
  }

  /** The log page in English, for a signed-in regulator; its checkpoint may have moved on, so it is read until the witness caught up. */
  private String logPage() throws Exception {
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> signIn = browser.get(app.url("/console/sign-in?lang=en"));
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(signIn));
    form.put("client_id", ConsoleSignInTest.REGULATOR);
    PrivateKey key = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve("regulator.key.pem"));
    form.put("answer", ChallengeAnswers.sign(ConsoleSignInTest.REGULATOR, ChallengeAnswers.audience(app.base), form.get("challenge"),
        key, Instant.now()));
    assertThat(HttpBrowser.location(browser.post(app.url("/console/sign-in"), form)).getPath()).isEqualTo("/console/");
    String[] page = new String[1];
    Polling.until("the running witness has cosigned the latest checkpoint", () -> {
      page[0] = AppGateway.page(get(() -> browser.get(app.url("/console/?lang=en"))), 200);
      return page[0].contains("data-witness-status=\"current\"");
    });
    return page[0];
  }

  private interface Request {
    HttpResponse<String> send() throws Exception;
  }

  private static HttpResponse<String> get(Request request) {
    try {
      return request.send();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int status(Request request) {
    return get(request).statusCode();
  }

  private static Cosigner newCosigner(String name) throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    return Cosigner.of(name, pair.getPrivate(), pair.getPublic());
  }
}
