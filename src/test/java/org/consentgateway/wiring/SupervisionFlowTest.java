package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.identity.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A regulator reads statistics, signals and searches entries on a running gateway, whose follower keeps
 * them; institutions and citizens are refused; bad parameters are 400; every read is audited.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SupervisionFlowTest {

  private static final String ISSUER = "https://gateway.test";
  private static final String REGULATOR = "pboc-credit-reference";
  private static final String BANK = "91350100M000100Y43";
  private static final Path KEYS = Path.of("keys-example");

  private final HttpClient client = HttpClient.newHttpClient();
  private Gateway gateway;
  private String base;
  private String regulator;
  private String today;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
      registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of("LOAN_APPROVAL"), "DETAIL");
    }
    gateway = Gateway.start(IdentityFlowTest.config(database, Map.of(ConfigKeys.ISSUER, ISSUER, ConfigKeys.AUTH_RATE_BURST, "100000")));
    base = "http://127.0.0.1:" + gateway.port();
    regulator = token(REGULATOR, "regulator.key.pem");
    today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    // A few regulator reads for the follower to fold: each is an audit.read entry.
    for (int i = 0; i < 3; i++) {
      assertThat(get("/v1/audit/entries?start=0&end=1", regulator).statusCode()).isEqualTo(200);
    }
    Polling.until("the follower has folded the reads", () -> foldedThrough() >= 2);
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void aRegulatorReadsTheStatisticsOfItsOwnReads() throws Exception {
    JsonObject stats = stats("?from=" + LocalDate.parse(today).minusDays(1) + "&to=" + today);

    assertThat(stats.getJsonArray("days")).hasSize(2);
    assertThat(stats.getInteger("smallCellThreshold")).isEqualTo(5);
    JsonObject reads = stats.getJsonObject("totals").getJsonObject("regulatorReads");
    assertThat(reads.getLong("total")).isGreaterThanOrEqualTo(3);
    assertThat(reads.getJsonObject("byRegulator").fieldNames()).containsExactly("regulator:" + REGULATOR);
  }

  @Test
  void eachStatisticsReadAndSearchIsItselfAnAuditedRead() throws Exception {
    Map<String, String> paths = Map.of("stats", "/v1/audit/stats?from=" + today + "&to=" + today,
        "search", "/v1/audit/search?action=audit.read&limit=2", "signals", "/v1/audit/signals");
    for (String read : List.of("stats", "search", "signals")) {
      long before = size();
      HttpResponse<String> response = get(paths.get(read), regulator);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

      JsonObject recorded = new JsonArray(get("/v1/audit/entries?start=" + before + "&end=" + (before + 1), regulator).body())
          .getJsonObject(0).getJsonObject("entry");
      assertThat(recorded.getString("action")).isEqualTo("audit.read");
      assertThat(recorded.getString("actor")).isEqualTo("regulator:" + REGULATOR);
      assertThat(recorded.getJsonArray("disclosedFields")).containsExactly(read);
      assertThat(recorded.getString("responseHash")).isEqualTo(Sha256Hash.digest(response.body().getBytes(StandardCharsets.UTF_8)).base64());
    }
  }

  @Test
  void theSearchAnswersEntriesAsTheLogHoldsThem() throws Exception {
    JsonObject page = new JsonObject(get("/v1/audit/search?action=audit.read&outcome=RECORDED&limit=2", regulator).body());

    JsonArray entries = page.getJsonArray("entries");
    assertThat(entries).hasSize(2);
    assertThat(entries.getJsonObject(0).getLong("index")).isZero();
    assertThat(page.getLong("next")).isEqualTo(entries.getJsonObject(1).getLong("index"));
    JsonArray same = new JsonArray(get("/v1/audit/entries?start=0&end=1", regulator).body());
    assertThat(entries.getJsonObject(0)).isEqualTo(same.getJsonObject(0));
    JsonObject none = new JsonObject(get("/v1/audit/search?institution=" + BANK, regulator).body());
    assertThat(none.getJsonArray("entries")).isEmpty();
    assertThat(none.getValue("next")).isNull();
  }

  @Test
  void institutionsAndCitizensAreRefused() throws Exception {
    String bank = token(BANK, "institution.key.pem");
    String citizen = DevTokens.citizenToken("11010519491231002X", IdentityConfig.DEFAULT_IDP_ISSUER, IdentityConfig.DEFAULT_IDP_AUDIENCE,
        PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem")), Instant.now(), Duration.ofHours(1));
    for (String caller : List.of(bank, citizen)) {
      for (String path : List.of("/v1/audit/stats?from=" + today + "&to=" + today, "/v1/audit/search", "/v1/audit/signals")) {
        HttpResponse<String> response = get(path, caller);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(response.body()).getString("code")).isEqualTo("forbidden");
      }
    }
    assertThat(get("/v1/audit/stats?from=" + today + "&to=" + today, null).statusCode()).isEqualTo(401);
    assertThat(get("/v1/audit/signals", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aRegulatorReadsTheSignalsOfTheLastWeekByDefault() throws Exception {
    HttpResponse<String> response = get("/v1/audit/signals", regulator);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    JsonObject body = new JsonObject(response.body());
    // A few regulator reads raise nothing.
    assertThat(body.getJsonArray("signals")).isEmpty();
    assertThat(body.getLong("foldedThrough")).isGreaterThanOrEqualTo(2);
    assertThat(get("/v1/audit/signals?from=" + LocalDate.parse(today).minusDays(30) + "&to=" + today, regulator).statusCode())
        .isEqualTo(200);
  }

  @Test
  void badParametersAreInvalidRequestsThatSayWhatIsWrong() throws Exception {
    Map<String, String> refused = new HashMap<>(Map.of(
        "/v1/audit/stats?to=" + today, "from is required",
        "/v1/audit/stats?from=2025-03-02&to=2025-03-01", "to must not be before from",
        "/v1/audit/stats?from=2024-01-01&to=2025-03-01", "at most 366 days",
        "/v1/audit/stats?from=yesterday&to=" + today, "from must be a date",
        "/v1/audit/stats?from=" + today + "&to=" + today + "&institution=bank", "unified social credit code",
        "/v1/audit/search?limit=1001", "limit must be a whole number from 1 to 1000",
        "/v1/audit/search?action=query.maybe", "action must be an audit action",
        "/v1/audit/search?from=2025-03-01", "RFC 3339",
        "/v1/audit/search?subjectRef=" + "a".repeat(64), "never a person's identity",
        "/v1/audit/search?after=-1", "after must be a whole number"));
    refused.putAll(Map.of(
        "/v1/audit/stats?from=" + today + "&to=" + today + "&granularity=year", "granularity must be day, week or month",
        "/v1/audit/signals?from=2025-03-02&to=2025-03-01", "to must not be before from",
        "/v1/audit/signals?from=2025-01-01&to=2025-03-01", "at most 31 days",
        "/v1/audit/signals?to=tomorrow", "to must be a date",
        "/v1/audit/signals?institution=" + BANK, "this read takes only from, to"));
    for (Map.Entry<String, String> bad : refused.entrySet()) {
      HttpResponse<String> response = get(bad.getKey(), regulator);
      assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
      JsonObject problem = new JsonObject(response.body());
      assertThat(problem.getString("code")).isEqualTo("invalid_request");
      assertThat(problem.getString("detail")).as(bad.getKey()).contains(bad.getValue());
    }
  }

  private long foldedThrough() {
    try {
      return stats("?from=" + today + "&to=" + today).getLong("foldedThrough");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonObject stats(String query) throws Exception {
    HttpResponse<String> response = get("/v1/audit/stats" + query, regulator);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  /** The log's size: a page of every entry (the log is small); the read that asks is the next entry. */
  private long size() throws Exception {
    return new JsonArray(get("/v1/audit/entries?start=0&end=1000", regulator).body()).size() + 1;
  }

  private String token(String clientId, String keyFile) throws Exception {
    PrivateKey key = PemFiles.readPrivateKey(KEYS.resolve(keyFile));
    HttpResponse<String> response = OpenApiContract.checked(client.send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_assertion_type="
            + "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion="
            + DevTokens.clientAssertion(clientId, ISSUER, key, Instant.now()))).build(), HttpResponse.BodyHandlers.ofString()));
    return new JsonObject(response.body()).getString("access_token");
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return OpenApiContract.checked(client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
  }
}
