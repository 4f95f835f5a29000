package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The access token is kept while fresh, renewed shortly before it expires, and renewed once however many callers need it. */
class AccessTokensTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
  private final AtomicInteger issued = new AtomicInteger();
  private final List<CompletableFuture<AccessTokens.Issued>> pending = new ArrayList<>();

  private synchronized CompletableFuture<AccessTokens.Issued> issue() {
    CompletableFuture<AccessTokens.Issued> next = new CompletableFuture<>();
    pending.add(next);
    issued.incrementAndGet();
    return next;
  }

  private synchronized void answerAll() {
    pending.forEach(future -> future.complete(AccessTokens.Issued.of("token-" + issued.get(), clock.instant(), Duration.ofSeconds(300))));
    pending.clear();
  }

  @Test
  void aFreshTokenIsReusedAndRenewedThirtySecondsBeforeItExpires() {
    AccessTokens tokens = new AccessTokens(this::issue, clock);
    CompletableFuture<String> first = tokens.current();
    answerAll();
    assertThat(first.join()).isEqualTo("token-1");

    clock.advance(Duration.ofSeconds(269));
    assertThat(tokens.current().join()).isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(1));
    CompletableFuture<String> renewed = tokens.current();
    answerAll();
    assertThat(renewed.join()).isEqualTo("token-2");
  }

  @Test
  void aShortLivedTokenIsRenewedAtHalfItsLife() {
    assertThat(AccessTokens.Issued.of("t", clock.instant(), Duration.ofSeconds(20)).renewAt()).isEqualTo(clock.instant().plusSeconds(10));
  }

  @Test
  void twentyConcurrentCallersWaitForOneRenewal() throws Exception {
    AccessTokens tokens = new AccessTokens(this::issue, clock);
    List<CompletableFuture<String>> waiting = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Thread thread = new Thread(() -> {
        CompletableFuture<String> token = tokens.current();
        synchronized (waiting) {
          waiting.add(token);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    answerAll();

    assertThat(issued).hasValue(1);
    assertThat(waiting).hasSize(20).allSatisfy(token -> assertThat(token.join()).isEqualTo("token-1"));
  }

  @Test
  void aRefusedTokenIsRenewedAndAFailedRenewalIsTriedAgain() {
    AccessTokens tokens = new AccessTokens(() -> {
      issued.incrementAndGet();
      return issued.get() == 2 ? CompletableFuture.failedFuture(new IllegalStateException("down"))
          : CompletableFuture.completedFuture(AccessTokens.Issued.of("token-" + issued.get(), clock.instant(), Duration.ofSeconds(300)));
    }, clock);
    assertThat(tokens.current().join()).isEqualTo("token-1");
    tokens.refused("token-1");

    assertThat(tokens.current()).isCompletedExceptionally();
    assertThat(tokens.current().join()).isEqualTo("token-3");
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    synchronized void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
