package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watcher over a probe the test answers, on a clock the test moves. */
class DatabaseHealthTest {

  private static final Duration BUDGET = Duration.ofMillis(200);

  private final Vertx vertx = Vertx.vertx();
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  private long now;

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void oneWarningWhenTheDatabaseGoesAwayAndOneLineWithTheOutageWhenItIsBack() {
    Deque<Future<Void>> answers = new ArrayDeque<>();
    answers.add(Future.succeededFuture());
    answers.add(Future.failedFuture(new CompletionException(new ConnectException("Connection refused"))));
    answers.add(Future.failedFuture(new ConnectException("Connection refused")));
    answers.add(Future.failedFuture(new PgException("the database system is starting up", "FATAL", "57P03", null)));
    answers.add(Future.succeededFuture());
    answers.add(Future.succeededFuture());
    DatabaseHealth health = new DatabaseHealth(vertx, answers::poll, metrics, BUDGET, () -> now);

    try (CapturedLogs logs = CapturedLogs.of(DatabaseHealth.class)) {
      health.probe();
      now = Duration.ofSeconds(1).toNanos();
      health.probe();
      assertThat(health.isUp()).isFalse();
      health.probe();
      health.probe();
      now = Duration.ofMillis(13_500).toNanos();
      health.probe();
      health.probe();

      assertThat(logs.lines()).containsExactly(
          "WARN The database does not answer (unreachable): requests that need it fail until it is back, which the next line "
              + "from here will say",
          "INFO The database answers again, after an outage of 12.5 s");
    }
    assertThat(health.isUp()).isTrue();
    assertThat(failures("unreachable")).isEqualTo(2);
    assertThat(failures("refused")).isEqualTo(1);
    assertThat(failures("timed_out")).isZero();
    assertThat(failures("other")).isZero();
  }

  @Test
  void aProbeLeftWithoutAnAnswerIsATimeoutAndNoSecondOneStartsWhileItWaits() throws Exception {
    Promise<Void> frozen = Promise.promise();
    AtomicInteger probes = new AtomicInteger();
    DatabaseHealth health = new DatabaseHealth(vertx, () -> {
      probes.incrementAndGet();
      return frozen.future();
    }, metrics, BUDGET, () -> now);

    try (CapturedLogs logs = CapturedLogs.of(DatabaseHealth.class)) {
      health.probe();
      Polling.until("the timeout's warning", () -> !logs.lines().isEmpty()); // the budget's timer, on a Vert.x thread
      health.probe();

      assertThat(probes).hasValue(1);
      assertThat(health.isUp()).isFalse();
      assertThat(failures("timed_out")).isEqualTo(1);

      frozen.complete();
      assertThat(health.isUp()).isTrue();
      assertThat(logs.lines()).containsExactly(
          "WARN The database does not answer (timed_out): requests that need it fail until it is back, which the next line "
              + "from here will say",
          "INFO The database answers again, after an outage of 0.0 s");
    }
  }

  @Test
  void everyFailureHasAKindFromAFixedSet() {
    assertThat(DatabaseFailure.of(new CompletionException(new RuntimeException(new ConnectException("refused")))))
        .contains(DatabaseFailure.UNREACHABLE);
    assertThat(DatabaseFailure.of(ClosedConnectionException.INSTANCE)).contains(DatabaseFailure.CONNECTION_LOST);
    assertThat(DatabaseFailure.of(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)))
        .contains(DatabaseFailure.REFUSED);
    assertThat(DatabaseFailure.of(new PgException("canceling statement due to statement timeout", "ERROR", "57014", null)))
        .contains(DatabaseFailure.TIMED_OUT);
    assertThat(DatabaseFailure.of(new java.util.concurrent.TimeoutException("Timeout"))).contains(DatabaseFailure.TIMED_OUT);
    assertThat(DatabaseFailure.of(new PgException("duplicate key value", "ERROR", "23505", null))).isEmpty();
    assertThat(DatabaseFailure.of(new IllegalStateException("Result is already complete"))).isEmpty();
  }

  private double failures(String kind) {
    return metrics.get(DatabaseHealth.FAILURES_METRIC).tag("kind", kind).counter().count();
  }
}
