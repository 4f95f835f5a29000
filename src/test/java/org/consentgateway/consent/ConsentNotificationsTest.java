package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.RegistryException;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.wiring.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Webhook notifications (issue 5 "Notifications") against a running gateway and a local HTTP receiver. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentNotificationsTest {

  private static final String BANK = "91350100M000100Y43";
  /** Has no webhook. */
  private static final String QUIET_BANK = UnifiedSocialCreditCode.of("91110000MA0000002").value();
  private static final String CITIZEN_ID = "11010519491231002X";

  /** What the receiver got: the body, the content type and the status it answered. */
  private record Received(String body, String contentType, int status) {}

  private final Path keys = GatewayClient.keys();
  private final PrivateKey bankKey = PemFiles.readPrivateKey(keys.resolve("institution.key.pem"));
  private final PrivateKey identityProviderKey = PemFiles.readPrivateKey(keys.resolve("identity-provider.key.pem"));
  private final ClientKey bankPublic = ClientKey.read(keys.resolve("institution.pub.pem"));
  private final List<Received> received = new CopyOnWriteArrayList<>();
  /** The receiver answers 500 this many more times, then 200. */
  private final AtomicInteger failures = new AtomicInteger();
  private DatabaseCoordinates database;
  private HttpServer receiver;
  private Gateway gateway;
  private GatewayClient client;
  private String bankToken;
  private String quietBankToken;
  private String citizen;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/events", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
      int status = failures.getAndUpdate(n -> Math.max(n - 1, 0)) > 0 ? 500 : 200;
      received.add(new Received(body, exchange.getRequestHeaders().getFirst("Content-Type"), status));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", bankPublic, List.of("LOAN_APPROVAL"), "SUMMARY");
      registry.addInstitution(QUIET_BANK, "小额贷款公司", bankPublic, List.of("LOAN_APPROVAL"), "SUMMARY");
      registry.setInstitutionWebhook(BANK, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events");
    }
    gateway = Gateway.start(GatewayClient.config(database));
    client = new GatewayClient(gateway.port());
    bankToken = client.accessToken(BANK, bankKey, Instant.now());
    quietBankToken = client.accessToken(QUIET_BANK, bankKey, Instant.now());
    citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    receiver.stop(0);
  }

  @Test
  void aRevocationIsPostedAsASignedEvent() throws Exception {
    String consent = approvedConsent(bankToken);
    client.json(client.post("/v1/me/consents/" + consent + "/revoke", citizen, ""), 200);

    Received event = awaitEvent(consent, "revoked", 200);
    assertThat(event.contentType()).isEqualTo("application/jwt");
    JWTClaimsSet claims = verified(event.body());
    assertThat(claims.getIssuer()).isEqualTo(GatewayClient.ISSUER);
    assertThat(claims.getAudience()).containsExactly(BANK);
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getIssueTime()).isNotNull();
    assertThat(event.body()).doesNotContain(CITIZEN_ID);
    assertThat(claims.getClaims().keySet()).containsExactlyInAnyOrder("iss", "aud", "jti", "iat", "consent_id", "event");
  }

  @Test
  void pauseAndResumeArePostedToo() throws Exception {
    String consent = approvedConsent(bankToken);
    client.json(client.post("/v1/me/consents/" + consent + "/pause", citizen, ""), 200);
    awaitEvent(consent, "paused", 200);
    client.json(client.post("/v1/me/consents/" + consent + "/resume", citizen, ""), 200);
    awaitEvent(consent, "resumed", 200);
  }

  @Test
  void theLastUseIsPostedAsExhausted() throws Exception {
    String consent = approvedConsent(bankToken, 1);
    String request = requestOf(consent);
    String token = client.json(client.get("/v1/consent-requests/" + request, bankToken), 200).getString("consentToken");
    HttpResponse<String> answer = client.post("/v1/queries", bankToken,
        new JsonObject().put("consentToken", token).put("purpose", "LOAN_APPROVAL").put("grade", "BASIC"));
    assertThat(answer.statusCode()).as(answer.body()).isNotIn(401, 403, 409, 429, 503);
    verified(awaitEvent(consent, "exhausted", 200).body());
  }

  @Test
  void aLapseIsPostedAsExpired() throws Exception {
    JsonObject body = new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", "LOAN_APPROVAL").put("grade", "BASIC")
        .put("validDays", 7).put("maxUses", 3);
    String id = client.json(client.post("/v1/consent-requests", bankToken, body), 201).getString("id");
    String consent = client.json(client.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");
    Duration ahead = Duration.ofDays(8);
    try (Gateway nextWeek = Gateway.start(GatewayClient.config(database), java.time.Clock.offset(java.time.Clock.systemUTC(), ahead))) {
      GatewayClient later = new GatewayClient(nextWeek.port());
      later.jsonArray(later.get("/v1/me/consents",
          GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now().plus(ahead))));
      verified(awaitEvent(consent, "expired", 200).body());
    }
  }

  @Test
  void anEventRefusedWithA500IsDeliveredOnRetry() throws Exception {
    String consent = approvedConsent(bankToken);
    failures.set(1);
    client.json(client.post("/v1/me/consents/" + consent + "/pause", citizen, ""), 200);
    Received first = awaitEvent(consent, "paused", 500);
    Received retried = awaitEvent(consent, "paused", 200);
    assertThat(retried.body()).as("the same event, re-sent").isEqualTo(first.body());
    // The deliverer writes the row down after the receiver has answered: give it a moment.
    assertThat(outboxRowOnceSettled(BANK, consent, "attempts=2 delivered=true")).isEqualTo("attempts=2 delivered=true");
  }

  @Test
  void anInstitutionWithoutAWebhookGetsNothingAndTheRevocationIsNotDelayed() throws Exception {
    String consent = approvedConsent(quietBankToken);
    long started = System.nanoTime();
    HttpResponse<String> revoked = client.post("/v1/me/consents/" + consent + "/revoke", citizen, "");
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    client.json(revoked, 200);
    assertThat(took).isLessThan(Duration.ofSeconds(2));
    Thread.sleep(2_500); // two deliverer rounds
    assertThat(received).noneMatch(event -> event.body().contains(".") && consentOf(event).equals(consent));
    assertThat(outboxRow(QUIET_BANK, consent)).isEqualTo("none");
  }

  @Test
  void aWebhookMustBeHttpAndCanBeCleared() {
    try (TestRegistry registry = TestRegistry.open(database)) {
      for (String bad : List.of("ftp://bank.example/x", "bank.example/x", "http:///x", "javascript:alert(1)")) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> registry.setInstitutionWebhook(QUIET_BANK, bad))
            .isInstanceOf(RegistryException.class);
      }
      registry.setInstitutionWebhook(QUIET_BANK, "https://bank.example/events");
      registry.setInstitutionWebhook(QUIET_BANK, "");
    }
  }

  private String approvedConsent(String institutionToken) throws Exception {
    return approvedConsent(institutionToken, 3);
  }

  private final java.util.Map<String, String> requestOfConsent = new java.util.concurrent.ConcurrentHashMap<>();

  private String approvedConsent(String institutionToken, int maxUses) throws Exception {
    JsonObject body = new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", "LOAN_APPROVAL").put("grade", "BASIC")
        .put("validDays", 30).put("maxUses", maxUses);
    String id = client.json(client.post("/v1/consent-requests", institutionToken, body), 201).getString("id");
    String consent = client.json(client.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");
    requestOfConsent.put(consent, id);
    return consent;
  }

  private String requestOf(String consent) {
    return requestOfConsent.get(consent);
  }

  private Received awaitEvent(String consent, String event, int status) throws Exception {
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline)) {
      for (Received candidate : received) {
        if (candidate.status() == status && consentOf(candidate).equals(consent)
            && SignedJWT.parse(candidate.body()).getJWTClaimsSet().getStringClaim("event").equals(event)) {
          return candidate;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + event + " event for " + consent + " answered " + status + "; got " + received);
  }

  private static String consentOf(Received event) {
    try {
      return SignedJWT.parse(event.body()).getJWTClaimsSet().getStringClaim("consent_id");
    } catch (Exception e) {
      return "";
    }
  }

  private JWTClaimsSet verified(String jws) throws Exception {
    SignedJWT jwt = client.verifiedByJwks(jws);
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("consent-event+jwt");
    return jwt.getJWTClaimsSet();
  }

  /** The outbox row of the institution naming this consent, as "attempts=N delivered=B", or "none". */
  /** The outbox row once it reads {@code expected}, or as it is after five seconds. */
  private String outboxRowOnceSettled(String uscc, String consent, String expected) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    String row = outboxRow(uscc, consent);
    while (!row.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      row = outboxRow(uscc, consent);
    }
    return row;
  }

  private String outboxRow(String uscc, String consent) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement select = connection.prepareStatement(
            "select event_jws, attempts, delivered_at is not null from consent_notifications where institution_uscc = ?")) {
      select.setString(1, uscc);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          if (SignedJWT.parse(rows.getString(1)).getJWTClaimsSet().getStringClaim("consent_id").equals(consent)) {
            return "attempts=" + rows.getInt(2) + " delivered=" + rows.getBoolean(3);
          }
        }
      }
    }
    return "none";
  }
}
