package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.wiring.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Time and races: two gateways on one database, the second with a clock eight days ahead, see
 * the same rows; whatever one approves or lets lapse, the other reads.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentExpiryTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final Duration AHEAD = Duration.ofDays(8);

  private final PrivateKey bankKey = PemFiles.readPrivateKey(GatewayClient.keys().resolve("institution.key.pem"));
  private final PrivateKey identityProviderKey = PemFiles.readPrivateKey(GatewayClient.keys().resolve("identity-provider.key.pem"));
  private Gateway today;
  private Gateway nextWeek;
  private Gateway nextWeekToo;
  private GatewayClient now;
  private GatewayClient later;
  private GatewayClient alsoLater;
  private DatabaseCoordinates database;

  @BeforeAll
  void start(DatabaseCoordinates database) {
    this.database = database;
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", ClientKey.read(GatewayClient.keys().resolve("institution.pub.pem")),
          List.of("LOAN_APPROVAL"), "DETAIL");
    }
    today = Gateway.start(GatewayClient.config(database));
    nextWeek = Gateway.start(GatewayClient.config(database), Clock.offset(Clock.systemUTC(), AHEAD));
    now = new GatewayClient(today.port());
    later = new GatewayClient(nextWeek.port());
    nextWeekToo = Gateway.start(GatewayClient.config(database), Clock.offset(Clock.systemUTC(), AHEAD));
    alsoLater = new GatewayClient(nextWeekToo.port());
  }

  @AfterAll
  void stop() {
    nextWeekToo.close();
    nextWeek.close();
    today.close();
  }

  @Test
  void anUnansweredRequestExpiresAfterSevenDaysAndCanNoLongerBeApproved() throws Exception {
    String id = now.json(now.post("/v1/consent-requests", now.accessToken(BANK, bankKey, Instant.now()), request(30)), 201)
        .getString("id");
    Instant then = Instant.now().plus(AHEAD);
    String citizenLater = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, then);

    assertThat(later.jsonArray(later.get("/v1/me/consent-requests?status=PENDING", citizenLater)).encode()).doesNotContain(id);
    GatewayClient.assertProblem(later.post("/v1/me/consent-requests/" + id + "/approve", citizenLater, ""), 409, "conflict");
    JsonObject fetched = later.json(later.get("/v1/consent-requests/" + id, later.accessToken(BANK, bankKey, then)), 200);

    assertThat(fetched.getString("status")).isEqualTo("EXPIRED");
    // The lapse was written down: today's gateway, whose clock has not got there, reads it too.
    String bankToday = now.accessToken(BANK, bankKey, Instant.now());
    assertThat(now.json(now.get("/v1/consent-requests/" + id, bankToday), 200).getString("status")).isEqualTo("EXPIRED");
  }

  @Test
  void aConsentPastItsValidityReadsAsExpiredAndCannotBeRevoked() throws Exception {
    String citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    String id = now.json(now.post("/v1/consent-requests", now.accessToken(BANK, bankKey, Instant.now()), request(7)), 201)
        .getString("id");
    String consentId = now.json(now.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");
    String citizenLater = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now().plus(AHEAD));

    JsonObject expired = later.jsonArray(later.get("/v1/me/consents", citizenLater)).stream().map(JsonObject.class::cast)
        .filter(consent -> consentId.equals(consent.getString("id"))).findFirst().orElseThrow();

    assertThat(expired.getString("status")).isEqualTo("EXPIRED");
    GatewayClient.assertProblem(later.post("/v1/me/consents/" + consentId + "/revoke", citizenLater, ""), 409, "conflict");
    GatewayClient.assertProblem(later.post("/v1/me/consents/" + consentId + "/pause", citizenLater, ""), 409, "conflict");
  }

  @Test
  void anExpiredConsentReadTwiceThroughTwoGatewaysIsAuditedOnce() throws Exception {
    String citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    String id = now.json(now.post("/v1/consent-requests", now.accessToken(BANK, bankKey, Instant.now()), request(7)), 201)
        .getString("id");
    String consentId = now.json(now.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");
    String citizenLater = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now().plus(AHEAD));

    // Both gateways past the end read it at once (several times each, so the UPDATEs overlap), then
    // once more each; and a change is refused.
    // Own threads: the common pool may have a single one on a small machine, and run them in turn.
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        racing.add(CompletableFuture.supplyAsync(() -> get(later, "/v1/me/consents", citizenLater), threads));
        racing.add(CompletableFuture.supplyAsync(() -> get(alsoLater, "/v1/me/consents", citizenLater), threads));
      }
      for (CompletableFuture<HttpResponse<String>> read : racing) {
        assertThat(status(later.jsonArray(read.join()), consentId)).isEqualTo("EXPIRED");
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(status(later.jsonArray(later.get("/v1/me/consents", citizenLater)), consentId)).isEqualTo("EXPIRED");
    assertThat(status(alsoLater.jsonArray(alsoLater.get("/v1/me/consents", citizenLater)), consentId)).isEqualTo("EXPIRED");
    GatewayClient.assertProblem(later.post("/v1/me/consents/" + consentId + "/pause", citizenLater, ""), 409, "conflict");
    // Written down: today's gateway, whose clock has not got there, reads EXPIRED too.
    assertThat(status(now.jsonArray(now.get("/v1/me/consents", citizen)), consentId)).isEqualTo("EXPIRED");

    List<AuditEvent> expired = GatewayClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.CONSENT_EXPIRED)
        .filter(event -> event.consentId().filter(consentId::equals).isPresent())
        .toList();
    assertThat(expired).singleElement().satisfies(event -> {
      assertThat(event.actor()).isEqualTo("system:gateway");
      assertThat(event.subjectRef()).contains(now.subjectRef(citizen));
      assertThat(event.purpose()).contains("LOAN_APPROVAL");
    });
  }

  @Test
  void anUnansweredRequestThatExpiresIsAuditedOnce() throws Exception {
    String bank = now.accessToken(BANK, bankKey, Instant.now());
    String id = now.json(now.post("/v1/consent-requests", bank, request(30)), 201).getString("id");
    String subjectRef = now.subjectRef(GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now()));
    long before = requestExpiries(subjectRef);
    Instant then = Instant.now().plus(AHEAD);

    String tokenLater = later.accessToken(BANK, bankKey, then);
    String tokenAlsoLater = alsoLater.accessToken(BANK, bankKey, then);
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        racing.add(CompletableFuture.supplyAsync(() -> get(later, "/v1/consent-requests/" + id, tokenLater), threads));
        racing.add(CompletableFuture.supplyAsync(() -> get(alsoLater, "/v1/consent-requests/" + id, tokenAlsoLater), threads));
      }
      for (CompletableFuture<HttpResponse<String>> read : racing) {
        assertThat(later.json(read.join(), 200).getString("status")).isEqualTo("EXPIRED");
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(later.json(later.get("/v1/consent-requests/" + id, later.accessToken(BANK, bankKey, then)), 200)
        .getString("status")).isEqualTo("EXPIRED");

    assertThat(requestExpiries(subjectRef) - before).isEqualTo(1);
  }

  private long requestExpiries(String subjectRef) throws Exception {
    return GatewayClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.CONSENT_REQUEST_EXPIRED && event.consentId().isEmpty())
        .filter(event -> event.subjectRef().filter(subjectRef::equals).isPresent())
        .peek(event -> assertThat(event.actor()).isEqualTo("system:gateway"))
        .count();
  }

  private static HttpResponse<String> get(GatewayClient client, String path, String bearer) {
    try {
      return client.get(path, bearer);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String status(io.vertx.core.json.JsonArray consents, String consentId) {
    return consents.stream().map(JsonObject.class::cast).filter(consent -> consentId.equals(consent.getString("id")))
        .findFirst().orElseThrow().getString("status");
  }

  @Test
  void threeApprovalsRacingOnOneRequestCreateExactlyOneConsent() throws Exception {
    String citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    String bank = now.accessToken(BANK, bankKey, Instant.now());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(now.json(now.post("/v1/consent-requests", bank, request(30)), 201).getString("id"));
    }

    for (String id : ids) {
      List<CompletableFuture<HttpResponse<String>>> racing = List.of(
          CompletableFuture.supplyAsync(() -> approve(now, id, citizen)),
          CompletableFuture.supplyAsync(() -> approve(now, id, citizen)),
          CompletableFuture.supplyAsync(() -> approve(now, id, citizen)));
      List<Integer> statuses = racing.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();

      assertThat(statuses).containsOnly(201, 409);
      assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
    }
    long consents = now.jsonArray(now.get("/v1/me/consents", citizen)).stream().map(JsonObject.class::cast)
        .filter(consent -> ids.contains(consent.getString("requestId"))).count();
    assertThat(consents).isEqualTo(ids.size());
  }

  @Test
  void revocationsRacingThroughTwoGatewaysRevokeOnceWithOneEntry() throws Exception {
    String citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    String citizenLater = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now().plus(AHEAD));
    String id = now.json(now.post("/v1/consent-requests", now.accessToken(BANK, bankKey, Instant.now()), request(30)), 201)
        .getString("id");
    String consentId = now.json(now.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");
    String revoke = "/v1/me/consents/" + consentId + "/revoke";

    ExecutorService threads = Executors.newFixedThreadPool(6);
    List<Integer> statuses;
    try {
      List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        racing.add(CompletableFuture.supplyAsync(() -> post(now, revoke, citizen), threads));
        racing.add(CompletableFuture.supplyAsync(() -> post(later, revoke, citizenLater), threads));
      }
      statuses = racing.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
    } finally {
      threads.shutdownNow();
    }

    assertThat(statuses).containsOnly(200, 409);
    assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
    JsonObject revoked = now.jsonArray(now.get("/v1/me/consents", citizen)).stream().map(JsonObject.class::cast)
        .filter(consent -> consentId.equals(consent.getString("id"))).findFirst().orElseThrow();
    assertThat(revoked.getString("status")).isEqualTo("REVOKED");
    assertThat(revoked.getJsonObject("institution")).isEqualTo(new JsonObject().put("uscc", BANK).put("name", "示范银行"));
    assertThat(GatewayClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.CONSENT_REVOKED)
        .filter(event -> event.consentId().filter(consentId::equals).isPresent())).hasSize(1);
  }

  private static HttpResponse<String> post(GatewayClient client, String path, String bearer) {
    try {
      return client.post(path, bearer, "");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> approve(GatewayClient client, String id, String citizen) {
    try {
      return client.post("/v1/me/consent-requests/" + id + "/approve", citizen, "");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject request(int validDays) {
    return new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", "LOAN_APPROVAL").put("grade", "SUMMARY")
        .put("validDays", validDays).put("maxUses", 3);
  }
}
