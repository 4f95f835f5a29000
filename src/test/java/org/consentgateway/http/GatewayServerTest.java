package org.consentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayServerTest {

  private static final HttpConfig CONFIG = new HttpConfig("127.0.0.1", 0, 1024 * 4, 5, "http://localhost");

  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicBoolean databaseUp = new AtomicBoolean(true);
  private final CompletableFuture<Void> slowArrived = new CompletableFuture<>();
  private Vertx vertx;
  private GatewayServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    Readiness readiness = new Readiness()
        .add("database", () -> databaseUp.get() ? Future.succeededFuture() : Future.failedFuture("down"))
        .add("keys", Future::succeededFuture);
    server = new GatewayServer(vertx, CONFIG).start(readiness, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), router -> {
      router.post("/echo").handler(context -> JsonRoutes.reply(context, 200, JsonRoutes.requiredBody(context)));
      router.get("/boom").handler(context -> {
        throw new IllegalStateException("secret internals 11010519491231002X");
      });
      router.get("/refused").handler(context -> context.fail(new ProblemException(ErrorCode.CONSENT_REVOKED, "The consent was revoked.")));
      router.get("/thread").handler(context -> JsonRoutes.reply(context, 200,
          JsonNodeFactory.instance.objectNode().put("thread", Thread.currentThread().getName())));
      router.get("/slow").handler(context -> {
        slowArrived.complete(null);
        vertx.setTimer(500, id -> context.response().end("done"));
      });
    }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void requestsAreServedOnSeveralEventLoops() throws Exception {
    Set<String> threads = new TreeSet<>();
    for (int connection = 0; connection < 4 * HttpConfig.DEFAULT_SERVER_INSTANCES; connection++) {
      // A client of its own: a connection of its own, which Vert.x hands to the next server in turn.
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/thread")).build(),
          HttpResponse.BodyHandlers.ofString());
      threads.add(new JsonObject(response.body()).getString("thread"));
    }

    assertThat(threads).hasSizeGreaterThan(1).allSatisfy(thread -> assertThat(thread).startsWith("vert.x-eventloop-thread-"));
  }

  @Test
  void liveAnswers200() throws Exception {
    HttpResponse<String> response = get("/health/live");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getString("status")).isEqualTo("UP");
  }

  @Test
  void readyAnswers200WhenEveryCheckPassesAnd503WhenOneFails() throws Exception {
    assertThat(get("/health/ready").statusCode()).isEqualTo(200);

    databaseUp.set(false);
    HttpResponse<String> down = get("/health/ready");

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(new JsonObject(down.body()).getJsonObject("checks"))
        .isEqualTo(new JsonObject().put("database", "DOWN").put("keys", "UP"));
  }

  @Test
  void metricsArePrometheusText() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
  }

  @Test
  void anUnknownRouteIsANotFoundProblem() throws Exception {
    assertProblem(get("/no/such/thing"), 404, "not_found");
  }

  @Test
  void aWrongMethodIsAProblemToo() throws Exception {
    assertProblem(send(HttpRequest.newBuilder(uri("/echo")).GET()), 405, "method_not_allowed");
  }

  @Test
  void malformedJsonIsAnInvalidRequest() throws Exception {
    HttpResponse<String> response = post("/echo", "{\"idNumber\": ");

    assertProblem(response, 400, "invalid_request");
  }

  @Test
  void aBodyIsOneJsonObjectAndNothingElse() throws Exception {
    assertProblem(post("/echo", "{\"a\":1} {\"b\":2}"), 400, "invalid_request");
    assertProblem(post("/echo", "{\"a\":1 /* comment */}"), 400, "invalid_request");
    assertProblem(post("/echo", "[1, 2]"), 400, "invalid_request");
  }

  @Test
  void wellFormedJsonPassesThrough() throws Exception {
    HttpResponse<String> response = post("/echo", "{\"a\":1}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("a", 1));
  }

  @Test
  void aBodyOverTheLimitIsPayloadTooLarge() throws Exception {
    assertProblem(post("/echo", "{\"a\":\"" + "x".repeat(8 * 1024) + "\"}"), 413, "payload_too_large");
  }

  @Test
  void anUnexpectedFailureIs500WithoutAnyInternalDetail() throws Exception {
    HttpResponse<String> response = get("/boom");

    assertProblem(response, 500, "internal_error");
    assertThat(response.body()).doesNotContain("secret").doesNotContain("11010519491231002X")
        .doesNotContain("IllegalStateException").doesNotContain("at org.");
  }

  @Test
  void aDomainRefusalCarriesItsCodeAndStatus() throws Exception {
    HttpResponse<String> response = get("/refused");

    assertProblem(response, 403, "consent_revoked");
    assertThat(new JsonObject(response.body()).getString("detail")).isEqualTo("The consent was revoked.");
  }

  @Test
  void shutdownLetsInFlightRequestsFinishAndRefusesNewOnes() throws Exception {
    CompletableFuture<HttpResponse<String>> slow =
        client.sendAsync(HttpRequest.newBuilder(uri("/slow")).build(), HttpResponse.BodyHandlers.ofString());
    slowArrived.get(5, TimeUnit.SECONDS);

    Future<Void> stopped = server.shutdown();
    HttpResponse<String> refused = get("/health/live");

    assertProblem(refused, 503, "unavailable");
    assertThat(slow.get(5, TimeUnit.SECONDS).body()).isEqualTo("done");
    stopped.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getString("code")).isEqualTo(code);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("type")).endsWith("/" + code);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> post(String path, String json) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
