package org.consentgateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.consentgateway.db.DatabaseCoordinates;

/** Lets tests outside this package run the {@code gateway} command against a test database. */
public final class GatewayProcessAccess {

  /** What a finished command did. */
  public record Outcome(int exitCode, String output) {}

  private final GatewayProcess process;

  private GatewayProcessAccess(GatewayProcess process) {
    this.process = process;
  }

  public static GatewayProcessAccess of(Path logFolder, DatabaseCoordinates database) {
    return new GatewayProcessAccess(new GatewayProcess(logFolder)
        .with("GATEWAY_DB_URL", "postgresql://" + database.host() + ":" + database.port() + "/" + database.database())
        .with("GATEWAY_DB_USER", database.user())
        .with("GATEWAY_DB_PASSWORD", database.password()));
  }

  /** The underlying process launcher, for tests in this package that start long-running commands. */
  GatewayProcess process() {
    return process;
  }

  public Outcome run(long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
    GatewayProcess.Outcome outcome = process.run(timeoutSeconds, arguments);
    return new Outcome(outcome.exitCode(), outcome.output());
  }
}
