package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code initdb} and {@code pg_ctl} from the extracted binaries, as the {@link ServerUser}.
 * Blocking.
 */
final class PostgresProcess {

  /** The bootstrap superuser and the gateway's database. */
  static final String GATEWAY_ROLE = "gateway";

  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
  /** Extra time for the command itself beyond its own {@code -t} wait. */
  private static final Duration COMMAND_GRACE = Duration.ofSeconds(15);

  private final Path binaries;
  private final ServerUser user;

  PostgresProcess(Path binaries, ServerUser user) {
    this.binaries = requireNonNull(binaries, "binaries is null");
    this.user = requireNonNull(user, "user is null");
  }

  /** A new cluster in {@code pgdata} (existing and empty, or absent) with role {@code gateway}. */
  void initdb(Path pgdata, Path passwordFile) {
    run(List.of(tool("initdb"), "-D", pgdata.toString(), "-U", GATEWAY_ROLE, "--auth=scram-sha-256",
        "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-instructions"), INITDB_TIMEOUT, "initdb");
  }

  /** Starts the server on {@code port} and waits until it is ready; the server logs to {@code logFile}. */
  void start(Path pgdata, int port, Path logFile) {
    run(List.of(tool("pg_ctl"), "start", "-D", pgdata.toString(), "-l", logFile.toString(),
        "-o", "-p " + port, "-w", "-t", Long.toString(START_TIMEOUT.toSeconds()), "-s"),
        START_TIMEOUT.plus(COMMAND_GRACE), "pg_ctl start");
  }

  /** Fast shutdown (rolls back open transactions, disconnects clients), waiting until it is down. */
  void stop(Path pgdata) {
    run(List.of(tool("pg_ctl"), "stop", "-D", pgdata.toString(), "-m", "fast", "-w",
        "-t", Long.toString(STOP_TIMEOUT.toSeconds()), "-s"), STOP_TIMEOUT.plus(COMMAND_GRACE), "pg_ctl stop");
  }

  private String tool(String name) {
    return binaries.resolve("bin").resolve(name).toString();
  }

  private void run(List<String> command, Duration timeout, String what) {
    Path output = null;
    try {
      output = Files.createTempFile("consent-gateway-pg", ".out");
      ProcessBuilder builder = new ProcessBuilder(user.command(command))
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          // The server user may not be allowed into the caller's working folder (e.g. /root).
          .directory(binaries.toFile());
      cleanEnvironment(builder.environment());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new EmbeddedPostgresException(what + " did not finish within " + timeout.toSeconds() + " s" + outputOf(output));
      }
      if (process.exitValue() != 0) {
        throw new EmbeddedPostgresException(what + " failed (exit code " + process.exitValue() + ")" + outputOf(output));
      }
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot run " + what + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException("interrupted while running " + what, e);
    } finally {
      deleteQuietly(output);
    }
  }

  /** PG* variables (PGPORT, PGDATA, ...) of the caller must not steer the embedded server. */
  private static void cleanEnvironment(Map<String, String> environment) {
    List<String> inherited = new ArrayList<>(environment.keySet());
    inherited.stream().filter(name -> name.startsWith("PG")).forEach(environment::remove);
    environment.put("LC_ALL", "C");
    environment.put("LANG", "C");
  }

  private static String outputOf(Path output) throws IOException {
    String text = Files.readString(output, StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : ":\n" + text;
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file; nothing depends on it
      }
    }
  }
}
