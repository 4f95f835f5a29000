package org.consentgateway.cli;

import java.nio.file.Path;
import org.consentgateway.wiring.GatewayConfig;
import picocli.CommandLine.Option;

/** The {@code --config} option every subcommand shares, so all of them read the same configuration. */
final class ConfigOption {

  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML configuration file (default: gateway.yaml in the working folder, if present). "
          + "GATEWAY_* environment variables override it.")
  Path file;

  GatewayConfig load() {
    return file == null ? GatewayConfig.load(System.getenv()) : GatewayConfig.load(file, System.getenv());
  }
}
