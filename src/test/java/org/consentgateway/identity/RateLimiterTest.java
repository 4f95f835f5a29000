package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aCallerMaySpendItsBurstThenWaitsForRefill() {
    HandClock clock = new HandClock();
    RateLimiter limiter = new RateLimiter(clock, 2, 3);

    assertThat(limiter.acquire("institution:A")).isEmpty();
    assertThat(limiter.acquire("institution:A")).isEmpty();
    assertThat(limiter.acquire("institution:A")).isEmpty();
    assertThat(limiter.acquire("institution:A")).hasValue(1);

    clock.now = clock.now.plusMillis(500);
    assertThat(limiter.acquire("institution:A")).isEmpty();
  }

  @Test
  void callersHaveTheirOwnBuckets() {
    RateLimiter limiter = new RateLimiter(new HandClock(), 1, 1);

    assertThat(limiter.acquire("institution:A")).isEmpty();
    assertThat(limiter.acquire("institution:A")).isPresent();
    assertThat(limiter.acquire("regulator:B")).isEmpty();
  }
}
