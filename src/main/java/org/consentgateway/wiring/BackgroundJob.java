package org.consentgateway.wiring;

import static java.util.Objects.requireNonNull;

/**
 * Work the gateway does on its own, on a timer: started once the capabilities are built, stopped
 * before the audit log drains. {@code stop} waits for a round under way when the job says so.
 */
record BackgroundJob(String name, Runnable start, AutoCloseable stop) {

  BackgroundJob {
    requireNonNull(name, "name is null");
    requireNonNull(start, "start is null");
    requireNonNull(stop, "stop is null");
  }
}
