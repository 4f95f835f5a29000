package org.consentgateway.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.consentgateway.db.TestDatabase;

/**
 * Runs the {@code gateway} command in a child JVM with its own environment, the way an operator
 * runs it: the test sees exit codes, output and signals exactly as they are.
 */
final class GatewayProcess {

  /** What a finished command did. */
  record Outcome(int exitCode, String output) {}

  private final Map<String, String> environment = new HashMap<>();
  private final Path logFolder;

  GatewayProcess(Path logFolder) {
    this.logFolder = logFolder;
    environment.put("GATEWAY_KEYS_DIR", Path.of("keys-example").toAbsolutePath().toString());
  }

  GatewayProcess with(String variable, String value) {
    environment.put(variable, value);
    return this;
  }

  /** Starts a command and returns at once; its output goes to a log file in the log folder. */
  Process start(String... arguments) throws IOException {
    return builder(Files.createTempFile(logFolder, arguments[0], ".log"), arguments).start();
  }

  /** A command started by {@link #startUntilPrinted}: its process, and the log its output goes to. */
  record Started(Process process, Path log) {
    String output() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }
  }

  /** Starts a command and returns once its output holds {@code text}; fails, stopping it, if it exits or takes longer than {@code limit}. */
  Started startUntilPrinted(String text, Duration limit, String... arguments) throws IOException, InterruptedException {
    Path log = Files.createTempFile(logFolder, arguments[0], ".log");
    Started started = new Started(builder(log, arguments).start(), log);
    long deadline = System.nanoTime() + limit.toNanos();
    while (!started.output().contains(text)) {
      if (!started.process().isAlive() || System.nanoTime() > deadline) {
        started.process().destroyForcibly().waitFor();
        throw new AssertionError("gateway " + String.join(" ", arguments) + " did not print \"" + text + "\" (exited or took over "
            + limit.toSeconds() + " s):\n" + started.output());
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return started;
  }

  /** Runs a command to its end (at most {@code timeoutSeconds}) and returns its exit code and output. */
  Outcome run(long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
    Path log = Files.createTempFile(logFolder, arguments[0], ".log");
    Process process = builder(log, arguments).start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("gateway " + String.join(" ", arguments) + " did not finish in " + timeoutSeconds + " s:\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
    return new Outcome(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  private ProcessBuilder builder(Path log, String... arguments) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-cp", System.getProperty("java.class.path")));
    command.addAll(TestDatabase.childJvmLogOptions());
    command.add(GatewayCommand.class.getName());
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // The child sees only the configuration this test gives it, not the developer's own.
    builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_"));
    builder.environment().putAll(environment);
    return builder;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * A data folder the embedded PostgreSQL can use even when the suite runs as root (the server
   * then runs as an unprivileged user, who must be able to enter the folder).
   */
  static Path dataFolder() throws IOException {
    Path folder = Files.createTempDirectory("gateway-data-");
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    return folder;
  }

  /** Processes whose command line mentions the folder: after a clean stop there are none. */
  static List<String> processesUsing(Path folder) throws IOException, InterruptedException {
    Process ps = new ProcessBuilder("ps", "-eo", "pid,args").redirectErrorStream(true).start();
    String listing = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor();
    return listing.lines().filter(line -> line.contains(folder.toString()) && !line.contains(" ps -eo")).toList();
  }

  /**
   * The PostgreSQL servers (postmasters) started on the folder. A backend just forked by one still
   * shows its server's command line for a moment, so a process whose parent is such a server is
   * its backend, not a second server.
   */
  static List<Long> serversOn(Path folder) throws IOException, InterruptedException {
    Process ps = new ProcessBuilder("ps", "-eo", "pid,ppid,args").redirectErrorStream(true).start();
    String listing = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor();
    Map<Long, Long> parents = new HashMap<>();
    listing.lines().map(String::strip).filter(line -> line.contains("postgres -D") && line.contains(folder.toString()))
        .map(line -> line.split("\\s+", 3))
        .forEach(fields -> parents.put(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
    return parents.keySet().stream().filter(pid -> !parents.containsKey(parents.get(pid))).sorted().toList();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
