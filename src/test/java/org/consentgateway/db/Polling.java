package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something another thread or process brings about. */
public final class Polling {

  /** Only ends a run that is broken; no test asserts how long anything takes. */
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final long INTERVAL_MILLIS = 20;

  private Polling() {}

  /** Returns once {@code condition} holds; fails, naming {@code what}, if it never does. */
  public static void until(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("still waiting for: " + what).isNegative();
      Thread.sleep(INTERVAL_MILLIS);
    }
  }
}
