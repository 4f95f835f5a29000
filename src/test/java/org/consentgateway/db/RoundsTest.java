package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Background work in rounds: one every interval, never two at once, none after stop, and stop tells when the last is over. */
class RoundsTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Blocking.await(vertx.close(), Duration.ofSeconds(10));
  }

  @Test
  void aSlowRoundIsNotDoubledAndTheNextFollowsItsEnd() throws Exception {
    List<Promise<Void>> started = new CopyOnWriteArrayList<>();
    Rounds rounds = new Rounds(vertx, Duration.ofMillis(5), () -> {
      Promise<Void> round = Promise.promise();
      started.add(round);
      return round.future();
    });
    rounds.start();
    rounds.start(); // idempotent: still one timer
    Polling.until("a first round", () -> started.size() == 1);
    Thread.sleep(100); // twenty intervals: the first round is still under way, so none other starts
    assertThat(started).hasSize(1);

    started.get(0).complete();
    Polling.until("the next round", () -> started.size() == 2);
    Future<Void> stopped = rounds.stop();
    assertThat(stopped.isComplete()).as("stopped while a round is under way").isFalse();
    started.get(1).complete();
    assertThat(stopped.isComplete()).as("stopped once that round has finished").isTrue();
    Thread.sleep(100);
    assertThat(started).hasSize(2);
  }

  @Test
  void aRoundThatFailsLetsTheNextOneRun() throws Exception {
    List<Integer> calls = new CopyOnWriteArrayList<>();
    Rounds rounds = new Rounds(vertx, Duration.ofMillis(5), () -> {
      calls.add(calls.size());
      return Future.failedFuture(new IllegalStateException("the database is away"));
    });
    rounds.start();
    Polling.until("several rounds", () -> calls.size() >= 3);
    assertThat(rounds.stop().isComplete()).as("a round that failed is over").isTrue();
  }
}
