package org.consentgateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.consentgateway.db.DatabaseCoordinates;

/** Lets tests outside this package run the {@code gateway} command against a test database. */
public final class GatewayProcessAccess {

  /** What a finished command did. */
  public record Outcome(int exitCode, String output) {}

  private final GatewayProcess process;
  private final GatewayInProcess command;

  private GatewayProcessAccess(GatewayProcess process, GatewayInProcess command) {
    this.process = process;
    this.command = command;
  }

  public static GatewayProcessAccess of(Path logFolder, DatabaseCoordinates database) {
    String url = "postgresql://" + database.host() + ":" + database.port() + "/" + database.database();
    return new GatewayProcessAccess(
        new GatewayProcess(logFolder).with("GATEWAY_DB_URL", url).with("GATEWAY_DB_USER", database.user())
            .with("GATEWAY_DB_PASSWORD", database.password()),
        // The tests that use this run their gateway in their own JVM: its log lines are not the command's.
        new GatewayInProcess(logFolder).with("GATEWAY_DB_URL", url).with("GATEWAY_DB_USER", database.user())
            .with("GATEWAY_DB_PASSWORD", database.password()).withoutLogLines());
  }

  /** The underlying process launcher, for tests in this package that start long-running commands. */
  GatewayProcess process() {
    return process;
  }

  /** Runs a command to its end, in this JVM ({@link GatewayInProcess}): its exit code and what it printed, log lines left out. */
  public Outcome run(long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
    GatewayProcess.Outcome outcome = command.run(timeoutSeconds, arguments);
    return new Outcome(outcome.exitCode(), outcome.output());
  }
}
