package org.consentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.consentgateway.db.DatabaseHealth;
import org.consentgateway.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request waiting on a database that has gone away is answered 503 {@code unavailable} once it
 * has waited the outage cutoff, not at its (here, far later) deadline; a slow request while the
 * database answers is left to finish.
 */
class OutageCutoffTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Duration CUTOFF = Duration.ofMillis(300);
  private static final HttpConfig CONFIG = new HttpConfig("127.0.0.1", 0, 4096, 5, "http://localhost",
      DEADLINE, 100, HttpConfig.DEFAULT_READINESS_TIMEOUT, HttpConfig.DEFAULT_IDLE_TIMEOUT_SECONDS,
      HttpConfig.DEFAULT_REQUEST_READ_TIMEOUT_SECONDS, CUTOFF, 2, OptionalInt.empty());
  /** Far below the deadline: an answer this quick came from the cutoff. */
  private static final Duration WELL_BEFORE_THE_DEADLINE = Duration.ofSeconds(20);

  private final HttpClient client = HttpClient.newHttpClient();
  /** What the stuck route waits for, as a query a frozen database holds: never completed until the test ends. */
  private final Promise<Void> never = Promise.promise();
  private final CompletableFuture<Void> stuckArrived = new CompletableFuture<>();
  private Vertx vertx;
  private DatabaseHealth health;
  private GatewayServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    // Never probed here: the test says when the database goes away.
    health = new DatabaseHealth(vertx, Future::succeededFuture, new SimpleMeterRegistry(), Duration.ofSeconds(1), System::nanoTime);
    server = new GatewayServer(vertx, CONFIG, health).start(new Readiness(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        router -> {
          router.get("/stuck").handler(context -> {
            stuckArrived.complete(null);
            JsonRoutes.reply(context, 200, never.future().map(v -> JsonNodeFactory.instance.objectNode()));
          });
          router.get("/slow").handler(context -> {
            Promise<Void> answered = Promise.promise();
            vertx.setTimer(CUTOFF.toMillis() * 3, id -> answered.complete());
            JsonRoutes.reply(context, 200, answered.future().map(v -> JsonNodeFactory.instance.objectNode().put("ok", true)));
          });
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    never.tryComplete();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aRequestWaitingWhenTheDatabaseIsAlreadyAwayIsUnavailableAtTheCutoff() throws Exception {
    health.failed(new TimeoutException("no answer"));

    long started = System.nanoTime();
    HttpResponse<String> response = get("/stuck");

    assertUnavailable(response);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_DEADLINE);
  }

  @Test
  void aRequestPastTheCutoffIsUnavailableAsSoonAsTheDatabaseIsFoundAway() throws Exception {
    long started = System.nanoTime();
    CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request("/stuck"), HttpResponse.BodyHandlers.ofString());
    stuckArrived.get(10, TimeUnit.SECONDS);
    Thread.sleep(CUTOFF.toMillis() * 2); // past the cutoff, with the database still up: the request waits on

    assertThat(answer).isNotDone();
    health.failed(new TimeoutException("no answer"));

    assertUnavailable(answer.get(10, TimeUnit.SECONDS));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WELL_BEFORE_THE_DEADLINE);
  }

  @Test
  void aSlowRequestWhileTheDatabaseAnswersIsLeftToFinish() throws Exception {
    HttpResponse<String> response = get("/slow");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"ok\":true");
  }

  @Test
  void onceTheDatabaseIsBackRequestsAreServedAgain() throws Exception {
    health.failed(new TimeoutException("no answer"));
    health.answered();

    assertThat(get("/slow").statusCode()).isEqualTo(200);
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).contains(ProblemResponses.CONTENT_TYPE);
    assertThat(new JsonObject(response.body()).getString("code")).isEqualTo(ErrorCode.UNAVAILABLE.code());
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
  }
}
