package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.EmbeddedPostgres;
import org.consentgateway.db.EmbeddedPostgresException;
import org.consentgateway.db.Migrations;
import org.consentgateway.db.PrivacyScan;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.http.ProblemResponses;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.query.ComplaintFiling;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.ImportReport;
import org.consentgateway.records.SubjectIdentity;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A gateway whose PostgreSQL goes away under it, for real: the server's processes killed
 * ({@code SIGKILL}) or frozen ({@code SIGSTOP}). Every operation of docs/openapi.yaml is called
 * while it is away: each that needs the database answers 503 {@code unavailable} problem JSON with
 * {@code Retry-After} within two seconds, readiness says 503 within one; then PostgreSQL comes back
 * (restarted through {@link EmbeddedPostgres}, or thawed) and the same gateway, never restarted,
 * answers every operation again.
 *
 * <p>The gateway runs with its default bounds. A killed server's connections are refused at once; a
 * frozen one's are not, and what answers in time is the pool wait (for a request that needs a
 * connection) and the outage cutoff (for one whose query the frozen server holds).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String OPERATOR = "records-desk";
  /** An id no repair application has. */
  private static final String NO_SUCH_REPAIR = "00000000-0000-4000-8000-000000000017";
  private static final String REGULATOR = "pboc-credit-reference";
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final Path KEYS = Path.of("keys-example");
  /** What the issue asks of every answer while the database is away. */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
  private static final Duration READY_WITHIN = Duration.ofSeconds(1);
  /** How long PostgreSQL may take to come back, and the pools to reconnect: a bound, not an expectation. */
  private static final Duration RECOVERY = Duration.ofSeconds(60);
  private static final int WARM_UP_ROUNDS = 5;

  /**
   * The operations that never touch the database, with why: they answer as usual while it is away.
   * Every other operation of the document must answer 503.
   */
  private static final Set<String> WITHOUT_DATABASE = Set.of(
      "GET /health/live", // the process runs
      "GET /metrics", // in memory
      "GET /openapi.yaml", // a file of the jar
      "GET /.well-known/jwks.json", // the signing keys, loaded at start-up
      "GET /.well-known/oauth-authorization-server", // built once from the issuer
      "GET /v1/audit/verifier-key", // the checkpoint key, loaded at start-up
      "GET /v1/whoami"); // the caller's verified token, nothing more
  private static final String READINESS = "GET /health/ready";

  private Path folder;
  private int port;
  private EmbeddedPostgres postgres;
  private Gateway gateway;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ExecutorService callers = Executors.newFixedThreadPool(8);
  private PrivateKey bankKey;
  private String bank;
  private String operator;
  private String regulator;
  private String citizen;
  private String approvedRequest;
  private String consentId;
  private String consentToken;
  private String pendingToApprove;
  private String pendingToReject;
  private String disputedRecord;
  private String otherRecord;
  private String disputeId;
  /** An audit entry about the citizen (their consent's use), for their inclusion proof. */
  private long citizensEntry;
  /** A complaint about that entry, filed. */
  private String complaintId;

  @BeforeAll
  void start() throws Exception {
    bankKey = PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem"));
    folder = Files.createTempDirectory("outage-test-");
    // As root the server runs as uid 65534, which must enter the folder to keep its files in it.
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    port = TestDatabase.freePort();
    postgres = EmbeddedPostgres.start(folder, port);
    DatabaseCoordinates database = postgres.coordinates();
    Migrations.migrate(database);
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of("LOAN_APPROVAL"), "DETAIL");
      registry.addOperator(OPERATOR, "征信数据处理部", ClientKey.read(KEYS.resolve("operator.pub.pem")));
      registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
    }
    CreditFile file = importCitizensFile(database);
    disputedRecord = file.accounts().get(0).id().toString();
    otherRecord = file.accounts().get(1).id().toString();

    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.put(ConfigKeys.AUTH_RATE_PER_SECOND, "10000");
    settings.put(ConfigKeys.AUTH_RATE_BURST, "10000");
    // The world is made on a gateway with the default bounds: a cold one's first answers may be slow.
    gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)));
    prepareTheWorld();
    warmUp();
    // Every GET must answer 200 before the outage, the checkpoint's too: the log's first one signed.
    GatewayHttpClient anyone = new GatewayHttpClient(gateway.port());
    PublishedCheckpoints.atLeast(1, () -> anyone.getPublic("/v1/audit/checkpoint"));
  }

  /** Tiles past this small log's end: they read the database (503 in an outage), then answer 404. */
  private static final Set<String> TILES_NOT_HELD = Set.of("GET /v1/audit/tile/{level}/{t1}",
      "GET /v1/audit/tile/{level}/{t1}/{t2}/{t3}", "GET /v1/audit/tile/{level}/{t1}/{t2}/{t3}/{t4}",
      "GET /v1/audit/tile/entries/{t1}", "GET /v1/audit/tile/entries/{t1}/{t2}/{t3}", "GET /v1/audit/tile/entries/{t1}/{t2}/{t3}/{t4}");

  /** Every operation until each has answered once without a 5xx: the first answers of a cold JVM may miss the short deadline. */
  private void warmUp() throws Exception {
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      if (callAll().stream().allMatch(answer -> answer.response().statusCode() < 500)) {
        return;
      }
    }
  }

  @AfterAll
  void stop() throws Exception {
    callers.shutdownNow();
    try {
      if (gateway != null) {
        gateway.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
      deleteRecursively(folder);
    }
  }

  @Test
  void everyOperationIsUnavailableWhilePostgresIsKilledAndAnswersOnceItIsBack() throws Exception {
    everyOperationAnswers();
    List<ProcessHandle> processes = serverProcesses();

    processes.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : processes) {
      process.onExit().get(RECOVERY.toSeconds(), TimeUnit.SECONDS);
    }
    everyOperationIsUnavailable();

    postgres = restart();
    awaitRecovery();
    everyOperationAnswers();
  }

  @Test
  void everyOperationIsUnavailableWhilePostgresIsFrozenAndAnswersOnceItThaws() throws Exception {
    everyOperationAnswers();
    List<ProcessHandle> processes = serverProcesses();

    signal("STOP", processes);
    try {
      everyOperationIsUnavailable();
    } finally {
      signal("CONT", processes);
    }
    awaitRecovery();
    everyOperationAnswers();
  }

  /** Every operation, called at once: 503 problem JSON with Retry-After from each that needs the database, in time. */
  private void everyOperationIsUnavailable() throws Exception {
    List<Answer> answers = callAllAtOnce();

    Set<String> called = answers.stream().map(Answer::operation).collect(Collectors.toCollection(TreeSet::new));
    assertThat(called).as("the calls cover every operation of the document").isEqualTo(OpenApiContract.operations());
    SoftAssertions softly = new SoftAssertions();
    for (Answer answer : answers) {
      HttpResponse<String> response = answer.response();
      String what = answer.operation() + " answered " + response.statusCode() + " after " + answer.took().toMillis() + " ms: "
          + response.body();
      if (WITHOUT_DATABASE.contains(answer.operation())) {
        softly.assertThat(response.statusCode()).as(what).isLessThan(500);
      } else if (answer.operation().equals(READINESS)) {
        softly.assertThat(response.statusCode()).as(what).isEqualTo(503);
        softly.assertThat(response.body()).as(what).contains("\"status\":\"DOWN\"", "\"database\":\"DOWN\"");
        softly.assertThat(answer.took()).as(what).isLessThan(READY_WITHIN);
      } else {
        softly.assertThat(response.statusCode()).as(what).isEqualTo(503);
        softly.assertThat(response.headers().firstValue("Content-Type")).as(what).contains(ProblemResponses.CONTENT_TYPE);
        softly.assertThat(response.body()).as(what).contains("\"code\":\"unavailable\"");
        softly.assertThat(response.headers().firstValue("Retry-After")).as(what).isPresent();
        softly.assertThat(answer.took()).as(what).isLessThan(ANSWER_WITHIN);
      }
    }
    softly.assertAll();
  }

  /** Every operation answers as the contract says, and none with a 5xx; the reads with 200. */
  private void everyOperationAnswers() throws Exception {
    SoftAssertions softly = new SoftAssertions();
    for (Answer answer : callAll()) {
      HttpResponse<String> response = answer.response();
      String what = answer.operation() + " answered " + response.statusCode() + " " + response.body();
      softly.assertThat(response.statusCode()).as(what).isLessThan(500);
      if (TILES_NOT_HELD.contains(answer.operation())) {
        softly.assertThat(response.statusCode()).as(what).isEqualTo(404);
      } else if (answer.operation().startsWith("GET ")) {
        softly.assertThat(response.statusCode()).as(what).isEqualTo(200);
      }
    }
    softly.assertAll();
  }

  /** Waits until the database answers through the gateway again; the pools reconnect by themselves. */
  private void awaitRecovery() throws Exception {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (true) {
      HttpResponse<String> ready = send(new Call("GET", "/health/ready", null, null));
      HttpResponse<String> consents = send(new Call("GET", "/v1/me/consents", citizen, null));
      if (ready.statusCode() == 200 && consents.statusCode() == 200) {
        return;
      }
      assertThat(System.nanoTime()).as("the gateway recovers: " + ready.body() + " " + consents.body()).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Each operation once, one after the other, as a client would (the reads' pool waits stay short). */
  private List<Answer> callAll() {
    List<Answer> answers = new ArrayList<>();
    calls().forEach((operation, call) -> answers.add(timed(operation, call)));
    return answers;
  }

  /** Each operation once, all at once: none may wait behind another for its answer. */
  private List<Answer> callAllAtOnce() throws Exception {
    List<CompletableFuture<Answer>> pending = new ArrayList<>();
    calls().forEach((operation, call) -> pending.add(CompletableFuture.supplyAsync(() -> timed(operation, call), callers)));
    List<Answer> answers = new ArrayList<>();
    for (CompletableFuture<Answer> answer : pending) {
      answers.add(answer.get(RECOVERY.toSeconds(), TimeUnit.SECONDS));
    }
    return answers;
  }

  private Answer timed(String operation, Call call) {
    long started = System.nanoTime();
    HttpResponse<String> response = send(call);
    return new Answer(operation, response, Duration.ofNanos(System.nanoTime() - started));
  }

  /** One well-formed call of each operation, so that only the database can stand in its way. */
  private Map<String, Call> calls() {
    Map<String, Call> calls = new java.util.LinkedHashMap<>();
    calls.put("GET /health/live", new Call("GET", "/health/live", null, null));
    calls.put("GET /health/ready", new Call("GET", "/health/ready", null, null));
    calls.put("GET /metrics", new Call("GET", "/metrics", null, null));
    calls.put("GET /openapi.yaml", new Call("GET", "/openapi.yaml", null, null));
    calls.put("GET /.well-known/jwks.json", new Call("GET", "/.well-known/jwks.json", null, null));
    calls.put("GET /.well-known/oauth-authorization-server", new Call("GET", "/.well-known/oauth-authorization-server", null, null));
    calls.put("POST /v1/oauth/token", new Call("POST", "/v1/oauth/token", null, tokenForm()));
    calls.put("GET /v1/whoami", new Call("GET", "/v1/whoami", bank, null));
    calls.put("GET /v1/audit/checkpoint", new Call("GET", "/v1/audit/checkpoint", null, null));
    calls.put("GET /v1/audit/verifier-key", new Call("GET", "/v1/audit/verifier-key", null, null));
    calls.put("GET /v1/audit/entries", new Call("GET", "/v1/audit/entries?start=0&end=1", regulator, null));
    calls.put("GET /v1/audit/checkpoints", new Call("GET", "/v1/audit/checkpoints", regulator, null));
    calls.put("GET /v1/audit/proofs/inclusion", new Call("GET", "/v1/audit/proofs/inclusion?index=0&size=1", regulator, null));
    calls.put("GET /v1/audit/proofs/consistency", new Call("GET", "/v1/audit/proofs/consistency?from=1&to=1", regulator, null));
    calls.put("POST /v1/audit/cases", new Call("POST", "/v1/audit/cases", regulator, new JsonObject().put("indexes", new JsonArray().add(0))
        .encode()));
    // The tiles, one route per path depth: this small log holds the partial tile 000.p/1 only.
    calls.put("GET /v1/audit/tile/{level}/{t1}", new Call("GET", "/v1/audit/tile/0/000", null, null));
    calls.put("GET /v1/audit/tile/{level}/{t1}/{t2}", new Call("GET", "/v1/audit/tile/0/000.p/1", null, null));
    calls.put("GET /v1/audit/tile/{level}/{t1}/{t2}/{t3}", new Call("GET", "/v1/audit/tile/0/x001/x000/000", null, null));
    calls.put("GET /v1/audit/tile/{level}/{t1}/{t2}/{t3}/{t4}", new Call("GET", "/v1/audit/tile/0/x001/x000/000.p/5", null, null));
    calls.put("GET /v1/audit/tile/entries/{t1}", new Call("GET", "/v1/audit/tile/entries/000", regulator, null));
    calls.put("GET /v1/audit/tile/entries/{t1}/{t2}", new Call("GET", "/v1/audit/tile/entries/000.p/1", regulator, null));
    calls.put("GET /v1/audit/tile/entries/{t1}/{t2}/{t3}", new Call("GET", "/v1/audit/tile/entries/x001/x000/000", regulator, null));
    calls.put("GET /v1/audit/tile/entries/{t1}/{t2}/{t3}/{t4}",
        new Call("GET", "/v1/audit/tile/entries/x001/x000/000.p/5", regulator, null));
    calls.put("GET /v1/audit/stats", new Call("GET", "/v1/audit/stats?from=2025-03-01&to=2025-03-02", regulator, null));
    calls.put("GET /v1/audit/search", new Call("GET", "/v1/audit/search?limit=1", regulator, null));
    calls.put("GET /v1/audit/signals", new Call("GET", "/v1/audit/signals", regulator, null));
    calls.put("POST /v1/consent-requests", new Call("POST", "/v1/consent-requests", bank, newRequest()));
    calls.put("GET /v1/consent-requests/{id}", new Call("GET", "/v1/consent-requests/" + approvedRequest, bank, null));
    calls.put("GET /v1/me/consent-requests", new Call("GET", "/v1/me/consent-requests", citizen, null));
    calls.put("POST /v1/me/consent-requests/{id}/approve",
        new Call("POST", "/v1/me/consent-requests/" + pendingToApprove + "/approve", citizen, null));
    calls.put("POST /v1/me/consent-requests/{id}/reject",
        new Call("POST", "/v1/me/consent-requests/" + pendingToReject + "/reject", citizen, null));
    calls.put("GET /v1/me/consents", new Call("GET", "/v1/me/consents", citizen, null));
    calls.put("POST /v1/me/consents/{id}/pause", new Call("POST", "/v1/me/consents/" + consentId + "/pause", citizen, null));
    calls.put("POST /v1/me/consents/{id}/resume", new Call("POST", "/v1/me/consents/" + consentId + "/resume", citizen, null));
    calls.put("POST /v1/me/consents/{id}/revoke", new Call("POST", "/v1/me/consents/" + consentId + "/revoke", citizen, null));
    calls.put("GET /v1/me/report", new Call("GET", "/v1/me/report", citizen, null));
    calls.put("GET /v1/me/queries", new Call("GET", "/v1/me/queries", citizen, null));
    calls.put("GET /v1/me/audit/proofs/inclusion",
        new Call("GET", "/v1/me/audit/proofs/inclusion?index=" + citizensEntry + "&size=" + (citizensEntry + 1), citizen, null));
    calls.put("GET /v1/me/export", new Call("GET", "/v1/me/export", citizen, null));
    // The citizen's newest inquiry is the bank's query: an entry the bank made.
    calls.put("GET /v1/queries/proofs/inclusion", new Call("GET", "/v1/queries/proofs/inclusion?index=" + citizensEntry, bank, null));
    calls.put("POST /v1/queries", new Call("POST", "/v1/queries", bank,
        new JsonObject().put("consentToken", consentToken).put("purpose", "LOAN_APPROVAL").put("grade", "SUMMARY").encode()));
    calls.put("POST /v1/me/disputes", new Call("POST", "/v1/me/disputes", citizen,
        new JsonObject().put("recordId", otherRecord).put("reason", "余额有误").encode()));
    calls.put("GET /v1/me/disputes", new Call("GET", "/v1/me/disputes", citizen, null));
    calls.put("PUT /v1/me/records/{id}/statement", new Call("PUT", "/v1/me/records/" + otherRecord + "/statement", citizen,
        new JsonObject().put("statement", "已与银行协商还款").encode()));
    calls.put("DELETE /v1/me/records/{id}/statement",
        new Call("DELETE", "/v1/me/records/" + disputedRecord + "/statement", citizen, null));
    calls.put("GET /v1/me/records/{id}/history", new Call("GET", "/v1/me/records/" + otherRecord + "/history", citizen, null));
    calls.put("GET /v1/disputes", new Call("GET", "/v1/disputes", operator, null));
    calls.put("POST /v1/disputes/{id}/resolve", new Call("POST", "/v1/disputes/" + disputeId + "/resolve", operator,
        new JsonObject().put("outcome", "REJECTED").put("note", "经核实，记录无误。").encode()));
    calls.put("PATCH /v1/records/{id}", new Call("PATCH", "/v1/records/" + otherRecord, operator,
        new JsonObject().put("overdueAmount", 0).encode()));
    calls.put("GET /v1/records/{id}/history", new Call("GET", "/v1/records/" + otherRecord + "/history", operator, null));
    // Credit repair: an account cannot be repaired (422 once the database answers), the ids name no application (404).
    calls.put("POST /v1/me/records/{id}/repair", new Call("POST", "/v1/me/records/" + otherRecord + "/repair", citizen,
        new JsonObject().put("evidence", "已缴清").encode()));
    calls.put("GET /v1/me/repairs", new Call("GET", "/v1/me/repairs", citizen, null));
    calls.put("POST /v1/me/repairs/{id}/withdraw", new Call("POST", "/v1/me/repairs/" + NO_SUCH_REPAIR + "/withdraw", citizen, null));
    calls.put("GET /v1/repairs", new Call("GET", "/v1/repairs?status=PENDING", operator, null));
    calls.put("POST /v1/repairs/{id}/approve", new Call("POST", "/v1/repairs/" + NO_SUCH_REPAIR + "/approve", operator, null));
    calls.put("POST /v1/repairs/{id}/reject", new Call("POST", "/v1/repairs/" + NO_SUCH_REPAIR + "/reject", operator,
        new JsonObject().put("reason", "材料不全").encode()));
    // Complaints: while the complaint stays open a second filing is 409, and the changes 409 from its status; never 5xx.
    String complaint = "/v1/complaints/" + complaintId;
    calls.put("POST /v1/me/complaints", new Call("POST", "/v1/me/complaints", citizen,
        new JsonObject().put("auditIndex", citizensEntry).put("reason", "other").put("text", "再次投诉").encode()));
    calls.put("GET /v1/me/complaints", new Call("GET", "/v1/me/complaints", citizen, null));
    calls.put("GET /v1/me/complaints/{id}", new Call("GET", "/v1/me/complaints/" + complaintId, citizen, null));
    calls.put("GET /v1/me/complaints/{id}/evidence", new Call("GET", "/v1/me/complaints/" + complaintId + "/evidence", citizen, null));
    calls.put("GET /v1/complaints", new Call("GET", "/v1/complaints", regulator, null));
    calls.put("GET /v1/complaints/{id}", new Call("GET", complaint, regulator, null));
    calls.put("POST /v1/complaints/{id}/acknowledge", new Call("POST", complaint + "/acknowledge", regulator, null));
    calls.put("POST /v1/complaints/{id}/information-request", new Call("POST", complaint + "/information-request", regulator,
        new JsonObject().put("question", "请说明").encode()));
    calls.put("POST /v1/complaints/{id}/resolve", new Call("POST", complaint + "/resolve", regulator,
        new JsonObject().put("outcome", "dismissed").put("note", "不属实").encode()));
    calls.put("POST /v1/complaints/{id}/response", new Call("POST", complaint + "/response", bank,
        new JsonObject().put("response", "已说明").encode()));
    return calls;
  }

  /** Tokens of each role, a consent approved and used, two requests waiting, a dispute filed. */
  private void prepareTheWorld() throws Exception {
    GatewayHttpClient client = new GatewayHttpClient(gateway.port());
    Instant now = Instant.now();
    bank = client.accessToken(BANK, bankKey, now);
    operator = client.accessToken(OPERATOR, PemFiles.readPrivateKey(KEYS.resolve("operator.key.pem")), now);
    regulator = client.accessToken(REGULATOR, PemFiles.readPrivateKey(KEYS.resolve("regulator.key.pem")), now);
    citizen = GatewayHttpClient.citizenToken(CITIZEN_ID, PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem")), now);

    approvedRequest = client.json(client.post("/v1/consent-requests", bank, newRequest()), 201).getString("id");
    consentId = client.json(client.post("/v1/me/consent-requests/" + approvedRequest + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");
    consentToken = client.json(client.get("/v1/consent-requests/" + approvedRequest, bank), 200).getString("consentToken");
    pendingToApprove = client.json(client.post("/v1/consent-requests", bank, newRequest()), 201).getString("id");
    pendingToReject = client.json(client.post("/v1/consent-requests", bank, newRequest()), 201).getString("id");
    client.json(client.post("/v1/queries", bank,
        new JsonObject().put("consentToken", consentToken).put("purpose", "LOAN_APPROVAL").put("grade", "SUMMARY").encode()), 200);
    disputeId = client.json(client.post("/v1/me/disputes", citizen,
        new JsonObject().put("recordId", disputedRecord).put("reason", "还款记录有误").encode()), 201).getString("id");
    JsonArray queries = client.jsonArray(client.get("/v1/me/queries", citizen));
    citizensEntry = queries.getJsonObject(0).getLong("auditIndex");
    complaintId = ComplaintFiling.file(client, citizen, citizensEntry, "not_authorised", "未经授权").getString("id");
  }

  private static String newRequest() {
    return new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", "LOAN_APPROVAL").put("grade", "SUMMARY")
        .put("validDays", 30).put("maxUses", 5).encode();
  }

  /** A fresh client assertion each time: the gateway refuses one it has seen. */
  private String tokenForm() {
    String assertion = DevTokens.clientAssertion(BANK, GatewayHttpClient.ISSUER, bankKey, Instant.now());
    return "grant_type=client_credentials&client_assertion_type="
        + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(assertion, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(Call call) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + call.path()))
        .timeout(RECOVERY);
    if (call.bearer() != null) {
      request.header("Authorization", "Bearer " + call.bearer());
    }
    if (call.body() == null) {
      request.method(call.method(), HttpRequest.BodyPublishers.noBody());
    } else {
      String type = call.path().equals("/v1/oauth/token") ? "application/x-www-form-urlencoded" : "application/json";
      request.header("Content-Type", type).method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
    }
    try {
      return PrivacyScan.screened(OpenApiContract.checked(http.send(request.build(), HttpResponse.BodyHandlers.ofString())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The postmaster (from its pid file) and every process it started. */
  private List<ProcessHandle> serverProcesses() throws IOException {
    Path pidFile;
    try (Stream<Path> files = Files.walk(folder)) {
      pidFile = files.filter(file -> file.getFileName().toString().equals("postmaster.pid")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no postmaster.pid under " + folder));
    }
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("PostgreSQL is not running"));
    return Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
  }

  private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    processes.forEach(process -> command.add(Long.toString(process.pid())));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as(new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
  }

  /**
   * PostgreSQL started again on the same folder and port, as an operator (or a supervisor) would.
   * The killed server's last processes may hold its shared memory a moment longer: start is retried.
   */
  private EmbeddedPostgres restart() throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (true) {
      try {
        return EmbeddedPostgres.start(folder, port);
      } catch (EmbeddedPostgresException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private static CreditFile importCitizensFile(DatabaseCoordinates database) throws Exception {
    SyntheticCreditData synthetic = new SyntheticCreditData(7, LocalDate.now());
    CreditFile generated;
    do {
      generated = synthetic.next();
    } while (generated.accounts().size() < 2);
    SubjectIdentity identity = new SubjectIdentity(ResidentIdNumber.parse(CITIZEN_ID), generated.identity().name(),
        generated.identity().phone(), generated.identity().address());
    CreditFile file = new CreditFile(identity, generated.accounts(), generated.publicRecords());
    Path lines = Files.createTempFile("outage-citizen-", ".jsonl");
    try {
      Files.writeString(lines, CreditFileJson.toJson(file).toString() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
      GatewayKeys keys = GatewayKeys.load(KEYS);
      ImportReport report = new CreditFileImport(database, keys.pseudonymizer(), keys.recordCipher(), 10).run(lines, false);
      assertThat(report.committed()).as(report.toString()).isTrue();
    } finally {
      Files.deleteIfExists(lines);
    }
    return file;
  }


  private static void deleteRecursively(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private record Call(String method, String path, String bearer, String body) {}

  private record Answer(String operation, HttpResponse<String> response, Duration took) {}
}
