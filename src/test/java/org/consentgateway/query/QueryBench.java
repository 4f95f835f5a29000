package org.consentgateway.query;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.EmbeddedPostgres;
import org.consentgateway.db.Migrations;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.SubjectIdentity;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;

/**
 * The query benchmark (bench/query.sh), not a test: on a fresh embedded PostgreSQL, one bank, the
 * demo citizen's synthetic credit file and consents of a bench purpose that allows many uses, it
 * times {@code POST /v1/queries} through a running gateway over HTTP: one query at a time after a
 * warm-up (latency), then {@code inFlight} queries at a time, each on its own consent
 * (throughput). Every answer is checked to be a 200 with a report. Arguments:
 * {@code DATA_DIR [queries] [inFlight]}; the data folder is left for the caller to delete.
 */
public final class QueryBench {

  private static final String BANK = "91350100M000100Y43";
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final String PURPOSE = "BENCH";
  private static final String GRADE = "DETAIL";
  private static final Path KEYS = Path.of("keys-example");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String bankToken;

  private QueryBench(int port, String bankToken) {
    this.base = "http://127.0.0.1:" + port;
    this.bankToken = bankToken;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: QueryBench DATA_DIR [queries] [inFlight]");
    }
    Path dir = Path.of(args[0]);
    int queries = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 2_000;
    int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    int port = Integer.parseInt(System.getenv().getOrDefault("QUERY_BENCH_PORT", "54398"));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir, port)) {
      DatabaseCoordinates db = postgres.coordinates();
      Migrations.migrate(db);
      Path policies = benchPolicies(dir.resolve("policies"), queries);
      try (TestRegistry registry = TestRegistry.open(db, PurposeCatalog.load(policies))) {
        registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of(PURPOSE), GRADE);
      }
      importCitizen(db, dir.resolve("citizen.jsonl"));
      try (Gateway gateway = Gateway.start(config(db, policies))) {
        PrivateKey bankKey = PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem"));
        QueryBench bench = new QueryBench(gateway.port(), accessToken(gateway.port(), bankKey));
        bench.timeOneAtATime(queries);
        bench.timeInFlight(queries, inFlight);
      }
    }
  }

  /** The shipped policies plus {@value #PURPOSE}: enough uses, on one day, for every query of the run. */
  private static Path benchPolicies(Path dir, int queries) throws Exception {
    Files.createDirectories(dir);
    for (String name : List.of("purposes.yaml", "grades.yaml", "categories.yaml")) {
      Files.copy(Path.of("policies").resolve(name), dir.resolve(name));
    }
    int uses = 2 * queries + 1_000;
    Files.writeString(dir.resolve("purposes.yaml"), """
          - code: %s
            labels: {zh: 基准测试, en: Benchmark}
            max-grade: DETAIL
            max-validity-days: 30
            max-uses: %d
            uses-per-day: %d
            uses-per-month: %d
            max-data-window-months: 60
            one-time: false
        """.formatted(PURPOSE, uses, uses, uses), StandardOpenOption.APPEND);
    return dir;
  }

  /** A synthetic file with at least two accounts and a phone, under the demo citizen's ID number. */
  private static void importCitizen(DatabaseCoordinates db, Path file) throws Exception {
    SyntheticCreditData synthetic = new SyntheticCreditData(7, LocalDate.now());
    CreditFile found;
    do {
      found = synthetic.next();
    } while (found.accounts().size() < 2 || found.identity().phone().isEmpty());
    SubjectIdentity identity = new SubjectIdentity(ResidentIdNumber.parse(CITIZEN_ID), found.identity().name(),
        found.identity().phone(), found.identity().address());
    CreditFile citizen = new CreditFile(identity, found.accounts(), found.publicRecords());
    Files.writeString(file, CreditFileJson.toJson(citizen).toString() + "\n", StandardOpenOption.CREATE_NEW);
    GatewayKeys keys = GatewayKeys.load(KEYS);
    if (!new CreditFileImport(db, keys.pseudonymizer(), keys.recordCipher(), 10).run(file, false).committed()) {
      throw new IllegalStateException("the citizen's file was not imported");
    }
  }

  private static GatewayConfig config(DatabaseCoordinates db, Path policies) {
    return GatewayConfig.from(Settings.defaults().with(Map.of(
        ConfigKeys.HTTP_PORT, "0",
        ConfigKeys.HTTP_HOST, "127.0.0.1",
        ConfigKeys.ISSUER, "https://gateway.bench",
        ConfigKeys.DB_URL, "postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
        ConfigKeys.DB_USER, db.user(),
        ConfigKeys.DB_PASSWORD, db.password(),
        ConfigKeys.POLICIES_DIR, policies.toString(),
        ConfigKeys.AUTH_RATE_PER_SECOND, "100000",
        ConfigKeys.AUTH_RATE_BURST, "100000")));
  }

  private static String accessToken(int port, PrivateKey key) throws Exception {
    String form = "grant_type=client_credentials&client_assertion_type="
        + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(DevTokens.clientAssertion(BANK, "https://gateway.bench", key, Instant.now()),
            StandardCharsets.UTF_8);
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new JsonObject(expect(response, 200)).getString("access_token");
  }

  /** A consent of {@value #PURPOSE} with {@code uses} uses, approved by the citizen: the bank's consent token. */
  private String consentToken(int uses) throws Exception {
    String citizen = DevTokens.citizenToken(CITIZEN_ID, IdentityConfig.DEFAULT_IDP_ISSUER, IdentityConfig.DEFAULT_IDP_AUDIENCE,
        PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem")), Instant.now(), Duration.ofHours(1));
    String request = new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", PURPOSE).put("grade", GRADE)
        .put("validDays", 30).put("maxUses", uses).encode();
    String requestId = new JsonObject(expect(send("/v1/consent-requests", bankToken, request), 201)).getString("id");
    expect(send("/v1/me/consent-requests/" + requestId + "/approve", citizen, "{\"confirmSensitive\":true}"), 201);
    return new JsonObject(expect(http.send(HttpRequest.newBuilder(URI.create(base + "/v1/consent-requests/" + requestId))
        .header("Authorization", "Bearer " + bankToken).build(), HttpResponse.BodyHandlers.ofString()), 200))
        .getString("consentToken");
  }

  private void timeOneAtATime(int queries) throws Exception {
    int warmUp = Math.max(200, queries / 4);
    HttpRequest query = query(consentToken(warmUp + queries));
    for (int i = 0; i < warmUp; i++) {
      answered(http.send(query, HttpResponse.BodyHandlers.ofString()));
    }
    long[] nanos = new long[queries];
    for (int i = 0; i < queries; i++) {
      long start = System.nanoTime();
      answered(http.send(query, HttpResponse.BodyHandlers.ofString()));
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf("POST /v1/queries, %,d one at a time (after %,d warm-up): p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        queries, warmUp, nanos[queries / 2] / 1e6, nanos[(int) (queries * 0.99)] / 1e6, nanos[queries - 1] / 1e6);
  }

  private void timeInFlight(int queries, int inFlight) throws Exception {
    int each = (queries + inFlight - 1) / inFlight;
    List<HttpRequest> lanes = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      lanes.add(query(consentToken(each)));
    }
    long start = System.nanoTime();
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (HttpRequest lane : lanes) {
      running.add(lane(lane, each));
    }
    CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("POST /v1/queries, %,d with %d in flight (one consent each): %.1f s, %,.0f queries/s%n",
        each * inFlight, inFlight, seconds, each * inFlight / seconds);
  }

  /** {@code count} queries one after another on one consent. */
  private CompletableFuture<Void> lane(HttpRequest query, int count) {
    CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
    for (int i = 0; i < count; i++) {
      done = done.thenCompose(previous -> http.sendAsync(query, HttpResponse.BodyHandlers.ofString())).thenAccept(QueryBench::answered);
    }
    return done;
  }

  private HttpRequest query(String consentToken) {
    String body = new JsonObject().put("consentToken", consentToken).put("purpose", PURPOSE).put("grade", GRADE).encode();
    return HttpRequest.newBuilder(URI.create(base + "/v1/queries")).header("Authorization", "Bearer " + bankToken)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private HttpResponse<String> send(String path, String bearer, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void answered(HttpResponse<String> response) {
    String body = expect(response, 200);
    if (!body.contains("\"auditIndex\"") || !body.contains("\"accounts\"")) {
      throw new IllegalStateException("an answer without a report: " + body);
    }
  }

  private static String expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new IllegalStateException("expected " + status + ", got " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
