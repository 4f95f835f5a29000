package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.LeafHash;
import org.consentgateway.audit.MerkleVerifier;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.SignedNote;
import org.consentgateway.audit.TlogProof;
import org.consentgateway.cli.AuditClient;
import org.consentgateway.cli.GatewayProcessAccess;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.AuditRoutes;
import org.consentgateway.http.Caller;
import org.consentgateway.http.GatewayServer;
import org.consentgateway.http.HttpConfig;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.http.Readiness;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A regulator checks a running gateway's audit log without trusting it. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditFlowTest {

  private static final String ISSUER = "https://gateway.test";
  private static final String REGULATOR = "pboc-credit-reference";
  private static final Path KEYS = Path.of("keys-example");

  private final HttpClient client = HttpClient.newHttpClient();
  private final PrivateKey regulatorKey = PemFiles.readPrivateKey(KEYS.resolve("regulator.key.pem"));
  private DatabaseCoordinates database;
  private Gateway gateway;
  private String base;
  private String token;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
    }
    gateway = Gateway.start(IdentityFlowTest.config(database, Map.of(ConfigKeys.ISSUER, ISSUER,
        ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100", ConfigKeys.AUTH_RATE_BURST, "100000")));
    base = "http://127.0.0.1:" + gateway.port();
    token = new JsonObject(post("/v1/oauth/token", "grant_type=client_credentials&client_assertion_type="
        + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion="
        + DevTokens.clientAssertion(REGULATOR, ISSUER, regulatorKey, Instant.now())).body()).getString("access_token");
    for (int i = 0; i < 5; i++) {
      assertThat(get("/v1/audit/entries?start=0&end=10", token).statusCode()).isEqualTo(200);
    }
    PublishedCheckpoints.atLeast(5, () -> get("/v1/audit/checkpoint", null));
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void theCheckpointIsPublicAndVerifiesWithThePublishedVerifierKey() throws Exception {
    String note = get("/v1/audit/checkpoint", null).body();
    NoteVerifier verifier = NoteVerifier.parse(get("/v1/audit/verifier-key", null).body().trim());

    assertThat(SignedNote.parse(note).verify(verifier).isValid()).isTrue();
    Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(note));
    assertThat(checkpoint.origin()).isEqualTo(AuditConfig.DEFAULT_ORIGIN);
    assertThat(note).startsWith(AuditConfig.DEFAULT_ORIGIN + "\n" + checkpoint.size() + "\n").contains("\n\n— " + verifier.name() + " ");
  }

  @Test
  void entriesCarryTheExactBytesThatWereHashed() throws Exception {
    JsonArray entries = new JsonArray(get("/v1/audit/entries?start=0&end=3", token).body());

    assertThat(entries).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonObject item = entries.getJsonObject(i);
      byte[] leafInput = Base64.getDecoder().decode(item.getString("leafInput"));
      assertThat(item.getLong("index")).isEqualTo(i);
      assertThat(item.getString("leafHash")).isEqualTo(LeafHash.of(leafInput).base64());
      assertThat(item.getJsonObject("entry")).isEqualTo(new JsonObject(new String(leafInput, java.nio.charset.StandardCharsets.UTF_8)));
    }
  }

  @Test
  void everyRegulatorReadIsItselfAnAuditEntry() throws Exception {
    // The log is small: one page holds all of it. Each read is appended right after it is served.
    long before = new JsonArray(get("/v1/audit/entries?start=0&end=" + AuditRoutes.MAX_PAGE, token).body()).size();
    HttpResponse<String> read = get("/v1/audit/entries?start=0&end=1", token);

    JsonObject recorded = new JsonArray(get("/v1/audit/entries?start=" + (before + 1) + "&end=" + (before + 2), token).body())
        .getJsonObject(0).getJsonObject("entry");

    assertThat(recorded.getString("action")).isEqualTo("audit.read");
    assertThat(recorded.getString("actor")).isEqualTo("regulator:" + REGULATOR);
    assertThat(recorded.getJsonArray("disclosedFields")).containsExactly("entries");
    assertThat(recorded.getString("responseHash"))
        .isEqualTo(Sha256Hash.digest(read.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).base64());
  }

  @Test
  void inclusionAndConsistencyProofsVerifyAgainstSignedCheckpoints() throws Exception {
    Checkpoint first = Checkpoint.parse(SignedNote.parse(get("/v1/audit/checkpoint", null).body()));
    get("/v1/audit/entries?start=0&end=1", token);
    Checkpoint second = PublishedCheckpoints.atLeast(first.size() + 1, () -> get("/v1/audit/checkpoint", null));
    JsonObject entry = new JsonArray(get("/v1/audit/entries?start=2&end=3", token).body()).getJsonObject(0);

    JsonObject inclusion = new JsonObject(get("/v1/audit/proofs/inclusion?index=2&size=" + second.size(), token).body());
    JsonObject consistency = new JsonObject(get("/v1/audit/proofs/consistency?from=" + first.size() + "&to=" + second.size(), token).body());

    assertThat(MerkleVerifier.verifyInclusion(2, second.size(), Base64.getDecoder().decode(entry.getString("leafHash")),
        PublishedCheckpoints.hashes(inclusion), second.rootHash().bytes()).isValid()).isTrue();
    assertThat(MerkleVerifier.verifyConsistency(first.size(), second.size(), PublishedCheckpoints.hashes(consistency),
        first.rootHash().bytes(), second.rootHash().bytes()).isValid()).isTrue();
  }

  @Test
  void theRegulatorReadsEverySignedCheckpointInAscendingSize() throws Exception {
    JsonArray checkpoints = new JsonArray(get("/v1/audit/checkpoints", token).body());

    assertThat(checkpoints).isNotEmpty();
    NoteVerifier verifier = NoteVerifier.parse(get("/v1/audit/verifier-key", null).body().trim());
    long previous = 0;
    for (int i = 0; i < checkpoints.size(); i++) {
      JsonObject listed = checkpoints.getJsonObject(i);
      SignedNote note = SignedNote.parse(listed.getString("note"));
      Checkpoint checkpoint = Checkpoint.parse(note);
      assertThat(note.verify(verifier).isValid()).isTrue();
      assertThat(listed.getLong("size")).isEqualTo(checkpoint.size()).isGreaterThan(previous);
      assertThat(listed.getString("rootHash")).isEqualTo(checkpoint.rootHash().base64());
      previous = checkpoint.size();
    }
  }

  @Test
  void badProofParametersAreInvalidRequests() throws Exception {
    assertThat(new JsonObject(get("/v1/audit/proofs/inclusion?index=999999&size=1000000", token).body()).getString("code"))
        .isEqualTo("invalid_request");
    assertThat(get("/v1/audit/proofs/inclusion?index=x&size=1", token).statusCode()).isEqualTo(400);
    assertThat(get("/v1/audit/entries?start=5&end=5", token).statusCode()).isEqualTo(400);
  }

  @Test
  void aRegulatorVerifiesTheLiveLogThroughTheApi() throws Exception {
    NoteVerifier verifier = NoteVerifier.parse(get("/v1/audit/verifier-key", null).body().trim());

    var report = AuditClient.signIn(URI.create(base), REGULATOR, regulatorKey, ISSUER).verify(verifier);

    assertThat(report.valid()).as(report.verdict()).isTrue();
  }

  @Test
  void theCommandLineExportsVerifiesAndProves(@TempDir Path folder) throws Exception {
    String vkey = get("/v1/audit/verifier-key", null).body().trim();
    var gatewayCli = GatewayProcessAccess.of(folder, database);

    var exported = gatewayCli.run(120, "audit", "export", "--out", folder.resolve("export").toString());
    var verified = gatewayCli.run(120, "audit", "verify", "--export", folder.resolve("export").toString(), "--verifier-key", vkey);
    var live = gatewayCli.run(120, "audit", "verify", "--url", base, "--aud", ISSUER, "--client-id", REGULATOR,
        "--key", KEYS.resolve("regulator.key.pem").toString(), "--verifier-key", vkey);
    var proof = gatewayCli.run(120, "audit", "proof", "--index", "1");

    assertThat(exported.exitCode()).as(exported.output()).isZero();
    assertThat(Files.readAllLines(folder.resolve("export").resolve("entries.jsonl"))).isNotEmpty();
    assertThat(verified.exitCode()).as(verified.output()).isZero();
    assertThat(verified.output()).contains("OK: ");
    assertThat(live.exitCode()).as(live.output()).isZero();
    assertThat(proof.exitCode()).as(proof.output()).isZero();
    assertThat(proof.output()).as(proof.output()).contains("c2sp.org/tlog-proof@v1");
    String bundle = proof.output().substring(proof.output().indexOf("c2sp.org/tlog-proof@v1"));
    JsonObject second = new JsonArray(get("/v1/audit/entries?start=1&end=2", token).body()).getJsonObject(0);
    assertThat(TlogProof.parse(bundle).verify(Sha256Hash.fromBase64(second.getString("leafHash")), NoteVerifier.parse(vkey),
        AuditConfig.DEFAULT_ORIGIN).isValid()).isTrue();

    var wrongKey = gatewayCli.run(120, "audit", "verify", "--export", folder.resolve("export").toString(), "--verifier-key",
        org.consentgateway.audit.NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN).verifier().verifierKey());
    assertThat(wrongKey.exitCode()).isEqualTo(1);
    assertThat(wrongKey.output()).contains("FAIL checkpoint at size");
  }

  @Test
  void whenTheAuditLogCannotRecordNothingIsDisclosed() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = ReactiveDatabase.pool(vertx, database, 4);
      AuditLog closed = new AuditLog(vertx, pool, AuditConfig.defaults(), Clock.systemUTC());
      Blocking.await(closed.close(), Duration.ofSeconds(10));
      AuditStore store = new AuditStore(pool);
      AuditRoutes routes = new AuditRoutes(store, closed, org.consentgateway.audit.NoteSigner.generate("x").verifier(),
          new org.consentgateway.audit.PublicCheckpoint(store, new org.consentgateway.audit.Cosignatures(pool),
              org.consentgateway.audit.WitnessConfig.none()), new org.consentgateway.audit.Tiles(pool, store), Clock.systemUTC());
      GatewayServer server = Blocking.await(new GatewayServer(vertx, new HttpConfig("127.0.0.1", 0, 65536, 1, ISSUER))
          .start(new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), router -> {
            router.route("/v1/audit/*").handler(context -> {
              Caller.admit(context, new Principal(Role.REGULATOR, REGULATOR));
              context.next();
            });
            routes.mount(router);
          }), Duration.ofSeconds(10));

      HttpResponse<String> response = OpenApiContract.checked(client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + "/v1/audit/entries?start=0&end=5")).build(), HttpResponse.BodyHandlers.ofString()));

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(response.body()).getString("code")).isEqualTo("unavailable");
      assertThat(response.body()).doesNotContain("leafInput");
    } finally {
      Blocking.await(vertx.close(), Duration.ofSeconds(10));
    }
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return OpenApiContract.checked(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return OpenApiContract.checked(client.send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()));
  }
}
