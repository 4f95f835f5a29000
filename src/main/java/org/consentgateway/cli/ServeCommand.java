package org.consentgateway.cli;

import org.consentgateway.wiring.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code gateway serve}: runs the gateway until SIGTERM or Ctrl-C, then shuts down gracefully and exits 0. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the gateway. With no database configured it runs the embedded PostgreSQL of the data folder.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Mixin
  ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    StopSignals signals = StopSignals.install();
    try (Gateway gateway = Gateway.start(config.load())) {
      LOG.info("{} received: shutting down", signals.await());
    }
    return 0;
  }
}
