package org.consentgateway.identity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Token buckets, one per caller: {@code burst} tokens, refilled at {@code perSecond}. The table is
 * bounded (least recently seen callers are forgotten, which only ever gives them a full bucket);
 * limits hold per gateway instance.
 */
public final class RateLimiter {

  private static final int MAX_CALLERS = 100_000;

  private final Clock clock;
  private final double perSecond;
  private final double burst;
  private final Map<String, double[]> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
      return size() > MAX_CALLERS;
    }
  };

  public RateLimiter(Clock clock, int perSecond, int burst) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes one token for {@code caller}: empty when allowed, else the seconds until one is free. */
  public synchronized OptionalLong acquire(String caller) {
    double now = clock.millis() / 1000.0;
    // bucket = {tokens, last refill time}
    double[] bucket = buckets.computeIfAbsent(caller, key -> new double[] {burst, now});
    bucket[0] = Math.min(burst, bucket[0] + (now - bucket[1]) * perSecond);
    bucket[1] = now;
    if (bucket[0] >= 1) {
      bucket[0] -= 1;
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) Math.ceil((1 - bucket[0]) / perSecond));
  }
}
