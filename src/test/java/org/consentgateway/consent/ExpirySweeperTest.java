package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.consent.SweeperProcess.await;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The expiry sweeper (issue 6 "Expiry"): lapses nobody reads are written down, audited and sent to
 * the webhook, once, even with two gateways sweeping one database at the same moment. Consents and
 * requests are made through a gateway running today; the sweeps run with clocks eight days ahead,
 * started by the test, never by a timer.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpirySweeperTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final Duration AHEAD = Duration.ofDays(8);

  private final PrivateKey bankKey = PemFiles.readPrivateKey(GatewayClient.keys().resolve("institution.key.pem"));
  private final PrivateKey identityProviderKey = PemFiles.readPrivateKey(GatewayClient.keys().resolve("identity-provider.key.pem"));
  private final List<String> received = new CopyOnWriteArrayList<>();
  private DatabaseCoordinates database;
  private HttpServer receiver;
  private Gateway today;
  private GatewayClient client;
  private SweeperProcess first;
  private SweeperProcess second;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/events", exchange -> {
      received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", ClientKey.read(GatewayClient.keys().resolve("institution.pub.pem")),
          List.of("LOAN_APPROVAL"), "SUMMARY");
      registry.setInstitutionWebhook(BANK, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events");
    }
    today = Gateway.start(GatewayClient.config(database));
    client = new GatewayClient(today.port());
    Clock nextWeek = Clock.offset(Clock.systemUTC(), AHEAD);
    first = new SweeperProcess(database, nextWeek);
    second = new SweeperProcess(database, nextWeek);
  }

  @AfterAll
  void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
    if (today != null) {
      today.close();
    }
    receiver.stop(0);
  }

  @Test
  void aConsentPastItsEndIsMarkedAuditedAndPostedWithoutAnyRead() throws Exception {
    String consent = approvedConsent(7);

    ExpirySweeper.Swept swept = await(first.sweep());

    assertThat(swept.consents()).isGreaterThanOrEqualTo(1);
    assertThat(status("consents", consent)).isEqualTo("EXPIRED");
    assertThat(expiries(consent)).singleElement().satisfies(event -> {
      assertThat(event.actor()).isEqualTo("system:gateway");
      assertThat(event.purpose()).contains("LOAN_APPROVAL");
      assertThat(event.grade()).contains("BASIC");
    });
    JWTClaimsSet claims = client.verifiedByJwks(awaitEvent(consent, "expired")).getJWTClaimsSet();
    assertThat(claims.getAudience()).containsExactly(BANK);
    assertThat(claims.getIssuer()).isEqualTo(GatewayClient.ISSUER);
    // Today's gateway, whose clock has not got there, reads the lapse the sweep wrote down.
    String citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    assertThat(client.jsonArray(client.get("/v1/me/consents", citizen)).stream().map(JsonObject.class::cast)
        .filter(one -> consent.equals(one.getString("id"))).findFirst().orElseThrow().getString("status")).isEqualTo("EXPIRED");
  }

  @Test
  void aConsentStillValidIsLeftAlone() throws Exception {
    String consent = approvedConsent(30);

    await(first.sweep());

    assertThat(status("consents", consent)).isEqualTo("ACTIVE");
    assertThat(expiries(consent)).isEmpty();
  }

  @Test
  void twoGatewaysSweepingAtOnceRecordEachLapseOnce() throws Exception {
    List<String> consents = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      consents.add(approvedConsent(7));
    }
    String paused = consents.get(0);
    client.json(client.post("/v1/me/consents/" + paused + "/pause", citizen(), ""), 200);

    // Several rounds, both sweepers started together each time, so their UPDATEs overlap.
    int marked = 0;
    for (int round = 0; round < 3; round++) {
      Future<ExpirySweeper.Swept> one = first.sweep();
      Future<ExpirySweeper.Swept> other = second.sweep();
      marked += await(one).consents() + await(other).consents();
    }

    assertThat(marked).isGreaterThanOrEqualTo(consents.size());
    for (String consent : consents) {
      assertThat(status("consents", consent)).as(consent).isEqualTo("EXPIRED");
      assertThat(expiries(consent)).as(consent).hasSize(1);
      awaitEvent(consent, "expired");
    }
    assertThat(received.stream().filter(jws -> consents.contains(claim(jws, "consent_id")))
        .filter(jws -> "expired".equals(claim(jws, "event")))).hasSize(consents.size());
  }

  @Test
  void aPendingRequestPastItsAnswerWindowIsMarkedWithOneEntry() throws Exception {
    String bank = client.accessToken(BANK, bankKey, Instant.now());
    String request = client.json(client.post("/v1/consent-requests", bank, body(30)), 201).getString("id");
    String subjectRef = client.subjectRef(citizen());
    long before = requestExpiries(subjectRef);

    Future<ExpirySweeper.Swept> one = first.sweep();
    Future<ExpirySweeper.Swept> other = second.sweep();
    int marked = await(one).requests() + await(other).requests();

    assertThat(marked).isEqualTo(1);
    assertThat(status("consent_requests", request)).isEqualTo("EXPIRED");
    assertThat(requestExpiries(subjectRef) - before).isEqualTo(1);
    assertThat(client.json(client.get("/v1/consent-requests/" + request, bank), 200).getString("status")).isEqualTo("EXPIRED");
    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + request + "/approve", citizen(), ""), 409, "conflict");
    // A second sweep finds nothing left to do.
    assertThat(await(first.sweep()).requests()).isZero();
    assertThat(requestExpiries(subjectRef) - before).isEqualTo(1);
  }

  @Test
  void aSweepAlreadyUnderWayInThisProcessIsJoinedNotRepeated() {
    Future<ExpirySweeper.Swept> running = first.sweep();
    Future<ExpirySweeper.Swept> again = first.sweep();

    assertThat(again).isSameAs(running);
    await(running);
    Future<ExpirySweeper.Swept> next = first.sweep();
    assertThat(next).isNotSameAs(running);
    await(next);
  }

  @Test
  void aStartedSweeperSweepsOnItsOwnAndStopsCleanly() throws Exception {
    String consent = approvedConsent(7);
    try (SweeperProcess timed = new SweeperProcess(database, Clock.offset(Clock.systemUTC(), AHEAD), Duration.ofMillis(100))) {
      timed.start();
      Instant deadline = Instant.now().plusSeconds(15);
      while (!"EXPIRED".equals(status("consents", consent)) && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      await(timed.stop());
    }
    assertThat(status("consents", consent)).isEqualTo("EXPIRED");
    assertThat(expiries(consent)).hasSize(1);
  }

  private String citizen() {
    return GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
  }

  private String approvedConsent(int validDays) throws Exception {
    String bank = client.accessToken(BANK, bankKey, Instant.now());
    String request = client.json(client.post("/v1/consent-requests", bank, body(validDays)), 201).getString("id");
    return client.json(client.post("/v1/me/consent-requests/" + request + "/approve", citizen(), ""), 201)
        .getJsonObject("consent").getString("id");
  }

  private static JsonObject body(int validDays) {
    return new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", "LOAN_APPROVAL").put("grade", "BASIC")
        .put("validDays", validDays).put("maxUses", 3);
  }

  private List<AuditEvent> expiries(String consent) throws Exception {
    return GatewayClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.CONSENT_EXPIRED)
        .filter(event -> event.consentId().filter(consent::equals).isPresent())
        .toList();
  }

  private long requestExpiries(String subjectRef) throws Exception {
    return GatewayClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.CONSENT_REQUEST_EXPIRED)
        .filter(event -> event.subjectRef().filter(subjectRef::equals).isPresent())
        .peek(event -> assertThat(event.actor()).isEqualTo("system:gateway"))
        .peek(event -> assertThat(event.consentId()).isEmpty())
        .count();
  }

  private String status(String table, String id) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement select = connection.prepareStatement("select status from " + table + " where id = ?::uuid")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        assertThat(rows.next()).as(table + " " + id).isTrue();
        return rows.getString(1);
      }
    }
  }

  /** The webhook body for this consent and event, once the gateway's deliverer has posted it. */
  private String awaitEvent(String consent, String event) throws Exception {
    Instant deadline = Instant.now().plusSeconds(15);
    while (Instant.now().isBefore(deadline)) {
      for (String jws : received) {
        if (consent.equals(claim(jws, "consent_id")) && event.equals(claim(jws, "event"))) {
          return jws;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + event + " event for " + consent + "; got " + received.size() + " events");
  }

  private static String claim(String jws, String name) {
    try {
      return SignedJWT.parse(jws).getJWTClaimsSet().getStringClaim(name);
    } catch (Exception e) {
      return "";
    }
  }
}
