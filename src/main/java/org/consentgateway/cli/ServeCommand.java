package org.consentgateway.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.consentgateway.wiring.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import sun.misc.Signal;

/** {@code gateway serve}: runs the gateway until SIGTERM or Ctrl-C, then shuts down gracefully and exits 0. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway. With no database configured it starts the embedded PostgreSQL under the data folder.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

  @Mixin
  ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopRequested = new CountDownLatch(1);
    AtomicReference<String> signal = new AtomicReference<>();
    // Handling the signals ourselves (instead of a shutdown hook) lets a graceful stop exit 0, not 143.
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), received -> {
        signal.set("SIG" + received.getName());
        stopRequested.countDown();
      });
    }
    try (Gateway gateway = Gateway.start(config.load())) {
      stopRequested.await();
      org.slf4j.LoggerFactory.getLogger(ServeCommand.class).info("{} received: shutting down", signal.get());
    }
    return 0;
  }
}
