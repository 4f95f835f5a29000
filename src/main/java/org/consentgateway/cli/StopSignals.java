package org.consentgateway.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and Ctrl-C (SIGINT) as a request to stop gracefully. Handling the signals ourselves
 * (instead of a shutdown hook) lets a graceful stop exit 0, not 143; {@code sun.misc.Signal}
 * (module jdk.unsupported, kept open by the JDK on purpose) is the only way to do that.
 */
final class StopSignals {

  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final AtomicReference<String> signal = new AtomicReference<>();

  private StopSignals() {}

  /** Starts listening for both signals; call before the long start-up, so none is missed. */
  static StopSignals install() {
    StopSignals signals = new StopSignals();
    for (String name : List.of("TERM", "INT")) {
      SignalHandler previous = Signal.handle(new Signal(name), received -> {
        signals.signal.set("SIG" + received.getName());
        signals.stopRequested.countDown();
      });
      // The JVM keeps a signal ignored if it was ignored at start: a shell without job control
      // (a script) starts its background commands so for SIGINT.
      if (previous == SignalHandler.SIG_IGN) {
        LOG.warn("SIG{} was ignored when this process started, so it cannot stop the gateway; stop it with SIG{}",
            name, name.equals("INT") ? "TERM" : "INT");
      }
    }
    return signals;
  }

  /** Waits for the first of the signals; the name of the one received. */
  String await() throws InterruptedException {
    stopRequested.await();
    return signal.get();
  }
}
