package org.consentgateway.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.consentgateway.wiring.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code gateway serve}: runs the gateway until SIGTERM or Ctrl-C, then shuts down gracefully and exits 0. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway. With no database configured it runs the embedded PostgreSQL of the data folder.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin
  ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopRequested = new CountDownLatch(1);
    AtomicReference<String> signal = new AtomicReference<>();
    // Handling the signals ourselves (instead of a shutdown hook) lets a graceful stop exit 0, not 143.
    for (String name : List.of("TERM", "INT")) {
      SignalHandler previous = Signal.handle(new Signal(name), received -> {
        signal.set("SIG" + received.getName());
        stopRequested.countDown();
      });
      // The JVM keeps a signal ignored if it was ignored at start: a shell without job control
      // (a script) starts its background commands so for SIGINT.
      if (previous == SignalHandler.SIG_IGN) {
        LOG.warn("SIG{} was ignored when this process started, so it cannot stop the gateway; stop it with SIG{}",
            name, name.equals("INT") ? "TERM" : "INT");
      }
    }
    try (Gateway gateway = Gateway.start(config.load())) {
      stopRequested.await();
      LOG.info("{} received: shutting down", signal.get());
    }
    return 0;
  }
}
