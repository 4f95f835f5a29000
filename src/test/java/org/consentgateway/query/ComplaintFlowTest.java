package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryClient.assertProblem;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.cli.GatewayCommand;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.wiring.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17, complaints (投诉办理), end to end over HTTP: a bank's query appears in the citizen's
 * inquiry history; the citizen complains about it, and the complaint carries the entry with its
 * inclusion proof, which {@code gateway audit verify --case} accepts offline; the regulator
 * acknowledges and asks the bank, which its webhook tells and which answers through the API
 * without learning the citizen's words; the regulator upholds it, the citizen sees so, and the log
 * holds every step without any of the text.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplaintFlowTest {

  private static final String REGULATOR = "pboc-credit";
  private static final String WORDS = "我从未授权示范银行查询我的信用报告。";

  private final List<String> events = new CopyOnWriteArrayList<>();
  private DatabaseCoordinates database;
  private QueryWorld world;
  private QueryClient client;
  private HttpServer receiver;
  private PrivateKey regulatorKey;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/events", exchange -> {
      events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();
    world = new QueryWorld(database, Files.createTempDirectory("complaint-flow-test"));
    client = world.client;
    world.registry.setInstitutionWebhook(QueryWorld.BANK, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events");
    world.registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(QueryWorld.KEYS.resolve("regulator.pub.pem")));
    regulatorKey = PemFiles.readPrivateKey(QueryWorld.KEYS.resolve("regulator.key.pem"));
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void aComplaintCarriesItsProofIsHandledWithTheBankAndIsUpheld() throws Exception {
    long queryIndex = aQueryInTheHistory();
    JsonObject filed = file(queryIndex, "not_authorised", WORDS);
    String id = filed.getString("id");
    assertThat(filed.getString("status")).isEqualTo("FILED");
    assertThat(filed.getString("reason")).isEqualTo("not_authorised");
    assertThat(filed.getString("text")).isEqualTo(WORDS);
    assertThat(filed.getJsonObject("institution").getString("uscc")).isEqualTo(QueryWorld.BANK);
    assertThat(Instant.parse(filed.getString("dueBy"))).isEqualTo(Instant.parse(filed.getString("filedAt")).plus(Duration.ofDays(30)));
    JsonObject evidence = filed.getJsonObject("evidence");
    assertThat(evidence.getLong("index")).isEqualTo(queryIndex);
    assertThat(evidence.getLong("size")).isGreaterThan(queryIndex);
    assertThat(evidence.getString("checkpoint")).contains("\n" + evidence.getLong("size") + "\n");

    // One open complaint per entry.
    assertProblem(client.post("/v1/me/complaints", world.citizenToken(), complaint(queryIndex, "other", "again")), 409,
        "complaint_open");

    // The evidence, as a case file, checks offline against the log's key from a trusted source.
    byte[] zip = evidenceZip(id);
    String key = client.getPublic("/v1/audit/verifier-key").body().strip();
    assertThat(verifyCase(zip, key)).isZero();
    byte[] tampered = zip.clone();
    tampered[tampered.length / 2] ^= 0x01;
    assertThat(verifyCase(tampered, key)).isNotZero();

    String regulator = client.accessToken(REGULATOR, regulatorKey, Instant.now());
    JsonArray filedOnes = client.jsonArray(client.get("/v1/complaints?status=FILED", regulator), 200);
    assertThat(filedOnes.stream().map(JsonObject.class::cast).map(c -> c.getString("id"))).contains(id);
    assertProblem(client.post("/v1/complaints/" + id + "/resolve", regulator, resolution("upheld")), 409, "complaint_status");
    assertThat(client.json(client.post("/v1/complaints/" + id + "/acknowledge", regulator, ""), 200).getString("status"))
        .isEqualTo("ACKNOWLEDGED");
    JsonObject asked = client.json(client.post("/v1/complaints/" + id + "/information-request", regulator,
        new JsonObject().put("question", "请说明该次查询的授权依据。")), 200);
    assertThat(asked.getString("status")).isEqualTo("INFORMATION_REQUESTED");

    // The bank is told by its webhook, reads what it may, and answers.
    JWTClaimsSet event = awaitEvent(id, "information_requested");
    assertThat(event.getAudience()).containsExactly(QueryWorld.BANK);
    assertThat(event.getLongClaim("audit_index")).isEqualTo(queryIndex);
    assertThat(event.getClaims().keySet()).containsExactlyInAnyOrder("iss", "aud", "jti", "iat", "complaint_id", "event",
        "audit_index");
    String bank = world.bankToken();
    HttpResponse<String> seen = client.get("/v1/complaints/" + id, bank);
    JsonObject view = client.json(seen, 200);
    assertThat(view.getString("question")).isEqualTo("请说明该次查询的授权依据。");
    assertThat(view.getLong("auditIndex")).isEqualTo(queryIndex);
    assertThat(view.containsKey("text")).isFalse();
    assertThat(seen.body()).doesNotContain(WORDS).doesNotContain(QueryWorld.CITIZEN_ID).doesNotContain("subjectRef");
    String otherBank = client.accessToken(QueryWorld.OTHER_BANK, world.otherBankKey, Instant.now());
    assertProblem(client.get("/v1/complaints/" + id, otherBank), 404, "not_found");
    assertProblem(client.post("/v1/complaints/" + id + "/response", otherBank, answer()), 404, "not_found");
    JsonObject answered = client.json(client.post("/v1/complaints/" + id + "/response", bank, answer()), 200);
    assertThat(answered.getString("status")).isEqualTo("RESPONDED");
    assertProblem(client.post("/v1/complaints/" + id + "/response", bank, answer()), 409, "complaint_status");

    JsonObject resolved = client.json(client.post("/v1/complaints/" + id + "/resolve", regulator, resolution("upheld")), 200);
    assertThat(resolved.getString("outcome")).isEqualTo("upheld");
    assertThat(awaitEvent(id, "resolved").getStringClaim("outcome")).isEqualTo("upheld");

    JsonObject mine = client.jsonArray(client.get("/v1/me/complaints", world.citizenToken()), 200).stream()
        .map(JsonObject.class::cast).filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow();
    assertThat(mine.getString("status")).isEqualTo("RESOLVED");
    assertThat(mine.getString("outcome")).isEqualTo("upheld");
    assertThat(mine.getString("response")).isEqualTo("该次查询系员工误操作，已整改。");
    assertThat(mine.getBoolean("overdue")).isFalse();

    List<AuditEntry> entries = QueryClient.auditEntries(database).stream()
        .filter(entry -> entry.event().action().wireName().startsWith("complaint.")).toList();
    assertThat(entries).extracting(entry -> entry.event().action()).containsExactly(AuditAction.COMPLAINT_FILED,
        AuditAction.COMPLAINT_ACKNOWLEDGED, AuditAction.COMPLAINT_INFORMATION_REQUESTED, AuditAction.COMPLAINT_RESPONDED,
        AuditAction.COMPLAINT_RESOLVED);
    assertThat(entries).allSatisfy(entry -> {
      assertThat(entry.event().institution()).contains(QueryWorld.BANK);
      assertThat(new String(entry.toCanonicalJson(), StandardCharsets.UTF_8)).doesNotContain("授权").doesNotContain("整改");
    });
    assertThat(entries.get(0).event().actor()).startsWith("citizen:");
    assertThat(entries.get(0).event().reasonCode()).contains("not_authorised");
    assertThat(entries.get(3).event().actor()).isEqualTo("institution:" + QueryWorld.BANK);
    assertThat(entries.get(4).event().actor()).isEqualTo("regulator:" + REGULATOR);
    assertThat(entries.get(4).event().reasonCode()).contains("upheld");
    // The text is sealed at rest: not in the table in the clear.
    assertThat(QueryClient.scalar(database, "select count(*) from complaints where position(convert_to('" + WORDS
        + "', 'UTF8') in text) > 0")).isEqualTo("0");

    // The citizen's export holds the complaint, their words included.
    JsonObject export = client.json(client.get("/v1/me/export", world.citizenToken()), 200);
    assertThat(export.getJsonArray("complaints").stream().map(JsonObject.class::cast).filter(c -> c.getString("id").equals(id)))
        .singleElement().satisfies(c -> assertThat(c.getString("text")).isEqualTo(WORDS));

    // Resolved, the entry may be complained about again.
    String again = file(queryIndex, "beyond_purpose", "再次投诉").getString("id");
    client.json(client.post("/v1/complaints/" + again + "/acknowledge", regulator, ""), 200);
    client.json(client.post("/v1/complaints/" + again + "/resolve", regulator, resolution("dismissed")), 200);
  }

  @Test
  void onlyTheCitizensOwnQueriesAndComplaints() throws Exception {
    long queryIndex = aQueryInTheHistory();
    String otherId = new SyntheticCreditData(23, LocalDate.now()).next().identity().idNumber().value();
    assertThat(otherId).isNotEqualTo(QueryWorld.CITIZEN_ID);
    String other = QueryClient.citizenToken(otherId, world.identityProviderKey, Instant.now());
    assertProblem(client.post("/v1/me/complaints", other, complaint(queryIndex, "other", "不是我的")), 404, "not_found");
    assertProblem(client.post("/v1/me/complaints", world.citizenToken(), complaint(1L << 40, "other", "没有这条")), 404,
        "not_found");
    assertProblem(client.post("/v1/me/complaints", world.citizenToken(), complaint(queryIndex, "maybe", "理由")), 400,
        "invalid_request");
    assertProblem(client.post("/v1/me/complaints", world.citizenToken(), complaint(queryIndex, "other", "  ")), 400,
        "invalid_request");
    String id = file(queryIndex, "beyond_grade", "查询等级超出授权").getString("id");
    assertProblem(client.get("/v1/me/complaints/" + id, other), 404, "not_found");
    assertProblem(client.get("/v1/me/complaints/" + id + "/evidence", other), 404, "not_found");
    assertThat(client.json(client.get("/v1/me/complaints/" + id, world.citizenToken()), 200).getString("reason"))
        .isEqualTo("beyond_grade");
    String regulator = client.accessToken(REGULATOR, regulatorKey, Instant.now());
    client.json(client.post("/v1/complaints/" + id + "/acknowledge", regulator, ""), 200);
    client.json(client.post("/v1/complaints/" + id + "/resolve", regulator, resolution("dismissed")), 200);
  }

  @Test
  void aComplaintUnresolvedPastItsThirtyDaysIsOverdueAndCountedInMetrics() throws Exception {
    String id = file(aQueryInTheHistory(), "other", "三十天未处理").getString("id");
    Duration ahead = Duration.ofDays(31);
    try (Gateway late = Gateway.start(QueryClient.config(database, world.policies), Clock.offset(Clock.systemUTC(), ahead))) {
      QueryClient lateClient = new QueryClient(late.port());
      String regulator = lateClient.accessToken(REGULATOR, regulatorKey, Instant.now().plus(ahead));
      JsonArray filed = lateClient.jsonArray(lateClient.get("/v1/complaints?status=FILED", regulator), 200);
      assertThat(filed.stream().map(JsonObject.class::cast).filter(c -> c.getString("id").equals(id)))
          .singleElement().satisfies(c -> assertThat(c.getBoolean("overdue")).isTrue());
      assertThat(lateClient.overdueGauge("gateway_complaints_overdue")).isEqualTo(1.0);
    }
    String regulator = client.accessToken(REGULATOR, regulatorKey, Instant.now());
    assertThat(client.json(client.get("/v1/complaints/" + id, regulator), 200).getBoolean("overdue")).isFalse();
    client.json(client.post("/v1/complaints/" + id + "/acknowledge", regulator, ""), 200);
    client.json(client.post("/v1/complaints/" + id + "/resolve", regulator, resolution("dismissed")), 200);
  }

  /** A bank's query about the citizen, and its index in their inquiry history. */
  private long aQueryInTheHistory() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 5);
    HttpResponse<String> answer = client.post("/v1/queries", world.bankToken(), QueryWorld.query(consent.token(), "LOAN_APPROVAL",
        "SUMMARY"));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonArray history = client.jsonArray(client.get("/v1/me/queries?limit=1", world.citizenToken()), 200);
    return history.getJsonObject(0).getLong("auditIndex");
  }

  private JsonObject file(long index, String reason, String text) throws Exception {
    return ComplaintFiling.file(client, world.citizenToken(), index, reason, text);
  }

  private static String complaint(long index, String reason, String text) {
    return new JsonObject().put("auditIndex", index).put("reason", reason).put("text", text).encode();
  }

  private static String resolution(String outcome) {
    return new JsonObject().put("outcome", outcome).put("note", "经核查，情况属实。").encode();
  }

  private static String answer() {
    return new JsonObject().put("response", "该次查询系员工误操作，已整改。").encode();
  }

  private byte[] evidenceZip(String id) throws Exception {
    HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + world.gateway.port() + "/v1/me/complaints/" + id + "/evidence"))
        .header("Authorization", "Bearer " + world.citizenToken()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/zip");
    assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(
        disposition -> assertThat(disposition).startsWith("attachment; filename=\"case-"));
    return response.body();
  }

  /** {@code gateway audit verify --case FILE --verifier-key KEY}, through the command's own entry point; its exit code. */
  private static int verifyCase(byte[] zip, String verifierKey) throws Exception {
    Path file = Files.createTempFile("complaint-evidence", ".zip");
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      Files.write(file, zip);
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      return GatewayCommand.run("audit", "verify", "--case", file.toString(), "--verifier-key", verifierKey);
    } finally {
      System.setOut(out);
      Files.delete(file);
    }
  }

  /** The bank's webhook event about this complaint, verified against the gateway's JWKS. */
  private JWTClaimsSet awaitEvent(String complaintId, String event) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    while (Instant.now().isBefore(deadline)) {
      for (String body : events) {
        SignedJWT jwt = SignedJWT.parse(body);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        if (complaintId.equals(claims.getStringClaim("complaint_id")) && event.equals(claims.getStringClaim("event"))) {
          assertThat(jwt.getHeader().getType().getType()).isEqualTo("complaint-event+jwt");
          JWKSet keys = JWKSet.parse(client.getPublic("/.well-known/jwks.json").body());
          assertThat(jwt.verify(new ECDSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey()))).isTrue();
          assertThat(body).doesNotContain(WORDS);
          return claims;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no " + event + " event for complaint " + complaintId);
  }
}
