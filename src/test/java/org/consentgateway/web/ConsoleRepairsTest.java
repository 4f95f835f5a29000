package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.PublicRecordType;
import org.consentgateway.repair.Repairs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's credit repair page over HTTP: only the data provider's operators open it (a
 * regulator is refused and not linked to it); the evidence's document downloads under a plain name,
 * never inline; a decision's form without the session's CSRF token changes nothing; a rejection
 * without a reason is the list again (400) with nothing decided; with one, the citizen's
 * application is rejected with that reason; an application decided already, or that is no one's,
 * is refused.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The rejection decides the one application: it comes last.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleRepairsTest {

  private static final Messages ENGLISH = Messages.load().get(Language.EN);
  private static final LocalDate TODAY = LocalDate.now(Repairs.ZONE);
  private static final byte[] CERTIFICATE = "%PDF-1.4 court closing certificate (test)".getBytes(StandardCharsets.US_ASCII);

  private final PublicRecord paid = new PublicRecord(UUID.randomUUID(), PublicRecordType.TAX_ARREARS, "国家税务总局示范市税务局", 8_000,
      TODAY.minusYears(2), Optional.of(TODAY.minusMonths(6)));

  private AppWorld world;
  private String repairId;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    ConsoleSignInTest.registerMembers(database);
    world = new AppWorld(database, Files.createTempDirectory("console-repairs-test"), List.of(paid), ConsoleSignInTest.OPERATOR);
    JsonObject body = new JsonObject().put("evidence", "Paid in full last spring.").put("attachments", new JsonArray()
        .add(new JsonObject().put("name", "完税证明.pdf").put("mediaType", "application/pdf")
            .put("content", Base64.getEncoder().encodeToString(CERTIFICATE))));
    repairId = world.api.json(world.api.post("/v1/me/records/" + paid.id() + "/repair", world.citizenToken(), body.encode()), 201)
        .getString("id");
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  @Order(1)
  void aRegulatorNeitherSeesNorOpensTheRepairPage() throws Exception {
    HttpBrowser regulator = signedIn(ConsoleSignInTest.REGULATOR, "regulator.key.pem");

    assertThat(AppGateway.page(regulator.get(world.app.url("/console/?lang=en")), 200)).doesNotContain("/console/repairs");
    assertThat(regulator.get(world.app.url("/console/repairs")).statusCode()).isEqualTo(403);
    assertThat(regulator.get(world.app.url("/console/repairs/" + repairId + "/attachments/1")).statusCode()).isEqualTo(403);
    Map<String, String> form = HttpBrowser.hiddenFields(regulator.get(world.app.url("/console/")));
    assertThat(regulator.post(world.app.url("/console/repairs/" + repairId + "/approve"), form).statusCode()).isEqualTo(403);
    assertThat(status()).isEqualTo("PENDING");
  }

  @Test
  @Order(2)
  void theEvidencesDocumentDownloadsUnderAPlainNameAndOnlyForItsProvider() throws Exception {
    HttpBrowser operator = signedIn(ConsoleSignInTest.OPERATOR, "operator.key.pem");
    String list = AppGateway.page(operator.get(world.app.url("/console/repairs?lang=en")), 200);
    assertThat(list).contains("Paid in full last spring.").contains("/console/repairs/" + repairId + "/attachments/1")
        .contains(ENGLISH.text("console.repairs.attachment.size", "PDF", CERTIFICATE.length));

    HttpResponse<String> download = operator.get(world.app.url("/console/repairs/" + repairId + "/attachments/1"));

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(CERTIFICATE);
    assertThat(download.headers().firstValue("Content-Type")).contains("application/pdf");
    assertThat(download.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"repair-evidence-1.pdf\"");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(operator.get(world.app.url("/console/repairs/" + repairId + "/attachments/2")).statusCode()).isEqualTo(404);
    assertThat(operator.get(world.app.url("/console/repairs/" + UUID.randomUUID() + "/attachments/1")).statusCode()).isEqualTo(404);
    assertThat(operator.get(world.app.url("/console/repairs/not-an-id/attachments/1")).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void aRejectionNeedsTheCsrfTokenAndAReasonAndTellsTheCitizenTheReason() throws Exception {
    HttpBrowser operator = signedIn(ConsoleSignInTest.OPERATOR, "operator.key.pem");
    String reject = world.app.url("/console/repairs/" + repairId + "/reject");
    Map<String, String> csrf = HttpBrowser.hiddenFields(operator.get(world.app.url("/console/repairs?lang=en")));

    assertThat(operator.post(reject, Map.of("reason", "No certificate from the tax office.")).statusCode()).isEqualTo(403);
    Map<String, String> blank = new HashMap<>(csrf);
    blank.put("reason", "   ");
    HttpResponse<String> refused = operator.post(reject, blank);
    assertThat(AppGateway.page(refused, 400)).contains("error-summary").contains(ENGLISH.text("console.repairs.reason.missing"))
        .contains("href=\"#reason-" + repairId + "\"");
    Map<String, String> tooLong = new HashMap<>(csrf);
    tooLong.put("reason", "x".repeat(Repairs.MAX_NOTE_LENGTH + 1));
    assertThat(AppGateway.page(operator.post(reject, tooLong), 400)).contains(ENGLISH.text("console.repairs.reason.tooLong", Repairs.MAX_NOTE_LENGTH));
    assertThat(status()).isEqualTo("PENDING");
    Map<String, String> nobodys = new HashMap<>(csrf);
    nobodys.put("reason", "No certificate.");
    assertThat(operator.post(world.app.url("/console/repairs/" + UUID.randomUUID() + "/reject"), nobodys).statusCode()).isEqualTo(404);

    Map<String, String> reasoned = new HashMap<>(csrf);
    reasoned.put("reason", "No certificate from the tax office.");
    HttpResponse<String> done = operator.post(reject, reasoned);

    assertThat(HttpBrowser.location(done).toString()).isEqualTo(world.app.url("/console/repairs?done=repair-rejected"));
    JsonObject rejected = mine();
    assertThat(rejected.getString("status")).isEqualTo("REJECTED");
    assertThat(rejected.getString("note")).isEqualTo("No certificate from the tax office.");
    assertThat(AppGateway.page(operator.follow(done), 200)).contains(ENGLISH.text("notice.repair-rejected"))
        .contains(ENGLISH.text("console.repairs.none"));
    assertThat(operator.post(world.app.url("/console/repairs/" + repairId + "/approve"), csrf).statusCode())
        .as("decided already").isEqualTo(409);
    assertThat(mine().getString("status")).isEqualTo("REJECTED");
  }

  private HttpBrowser signedIn(String clientId, String keyFile) throws Exception {
    PrivateKey key = PemFiles.readPrivateKey(ConsoleSignInTest.KEYS.resolve(keyFile));
    HttpBrowser browser = new HttpBrowser();
    HttpResponse<String> signIn = browser.get(world.app.url("/console/sign-in?lang=en"));
    Map<String, String> form = new HashMap<>(HttpBrowser.hiddenFields(signIn));
    form.put("client_id", clientId);
    form.put("answer", ChallengeAnswers.sign(clientId, ChallengeAnswers.audience(world.app.base), form.get("challenge"), key,
        Instant.now()));
    assertThat(HttpBrowser.location(browser.post(world.app.url("/console/sign-in"), form)).getPath()).isEqualTo("/console/");
    return browser;
  }

  private JsonObject mine() throws Exception {
    return world.api.jsonArray(world.api.get("/v1/me/repairs", world.citizenToken())).stream().map(JsonObject.class::cast)
        .filter(repair -> repair.getString("id").equals(repairId)).findFirst().orElseThrow();
  }

  private String status() throws Exception {
    return mine().getString("status");
  }
}
