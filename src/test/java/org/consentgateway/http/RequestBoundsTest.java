package org.consentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.consentgateway.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds that keep a sick database from piling requests up: a request past its deadline is
 * answered 503 {@code unavailable} (and its late answer dropped), one over the in-flight bound is
 * refused at once, and readiness calls a check that does not answer in time down.
 */
class RequestBoundsTest {

  /** Two requests in flight at most, each given 2 s. */
  private static final HttpConfig CONFIG = config(Duration.ofSeconds(2));
  /** As {@link #CONFIG}, with a deadline that no request of a test on the bound reaches, however slow the machine. */
  private static final HttpConfig UNHURRIED = config(Duration.ofSeconds(60));

  // HTTP/1.1: a new connection per concurrent request at once, with no h2c upgrade to wait on.
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  /** What the stuck route and the stuck check wait for: never completed until the test ends. */
  private final Promise<Void> never = Promise.promise();
  private final CountDownLatch stuckArrived = new CountDownLatch(2);
  private Vertx vertx;
  private GatewayServer server;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  private void serve(HttpConfig config) throws Exception {
    Readiness readiness = new Readiness(config.readinessTimeout())
        .add("database", never::future)
        .add("keys", Future::succeededFuture);
    server = new GatewayServer(vertx, config).start(readiness, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), router -> {
      router.get("/stuck").handler(context -> {
        stuckArrived.countDown();
        // As a request waiting on a frozen database: its answer comes, if ever, after the deadline.
        JsonRoutes.reply(context, 200, never.future().map(v -> JsonNodeFactory.instance.objectNode()));
      });
      router.get("/quick").handler(context -> JsonRoutes.reply(context, 200, JsonNodeFactory.instance.objectNode().put("ok", true)));
    }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    never.tryComplete();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRequestPastItsDeadlineIsUnavailableWithRetryAfter() throws Exception {
    serve(CONFIG);
    HttpResponse<String> response = get("/stuck");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).contains(ProblemResponses.CONTENT_TYPE);
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(ErrorCode.UNAVAILABLE.code());
    assertThat(response.headers().firstValue("Retry-After")).contains(Integer.toString(ProblemResponses.RETRY_AFTER_SECONDS));
  }

  @Test
  void aLateAnswerAfterTheDeadlineIsDroppedAndTheServerServesOn() throws Exception {
    serve(CONFIG);
    assertThat(get("/stuck").statusCode()).isEqualTo(503);

    never.complete();

    assertThat(get("/quick").statusCode()).isEqualTo(200);
  }

  @Test
  void oneRequestOverTheBoundIsRefusedAtOnceButLivenessIsNot() throws Exception {
    serve(UNHURRIED);
    CompletableFuture<HttpResponse<String>> first = client.sendAsync(request("/stuck"), HttpResponse.BodyHandlers.ofString());
    CompletableFuture<HttpResponse<String>> second = client.sendAsync(request("/stuck"), HttpResponse.BodyHandlers.ofString());
    assertThat(stuckArrived.await(10, TimeUnit.SECONDS)).as("both stuck requests reached their handler").isTrue();

    // The bound is 2: with two stuck, the third is refused before any handler runs.
    HttpResponse<String> third = get("/quick");

    assertThat(third.statusCode()).isEqualTo(503);
    assertThat(new JsonObject(third.body()).getString("code")).isEqualTo(ErrorCode.UNAVAILABLE.code());
    assertThat(third.headers().firstValue("Retry-After")).isPresent();
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    never.complete(); // the stuck requests answer
    assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(get("/quick").statusCode()).as("the slots are free again").isEqualTo(200);
  }

  @Test
  void readinessCallsACheckThatDoesNotAnswerInTimeDown() throws Exception {
    serve(CONFIG);
    HttpResponse<String> response = get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(new JsonObject(response.body()).getJsonObject("checks"))
        .isEqualTo(new JsonObject().put("database", "DOWN").put("keys", "UP"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpConfig config(Duration requestTimeout) {
    return new HttpConfig("127.0.0.1", 0, 4096, 5, "http://localhost", requestTimeout, 2, Duration.ofMillis(200),
        HttpConfig.DEFAULT_IDLE_TIMEOUT_SECONDS, HttpConfig.DEFAULT_REQUEST_READ_TIMEOUT_SECONDS, HttpConfig.DEFAULT_OUTAGE_CUTOFF, 2,
        OptionalInt.empty());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
  }
}
