package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.consentgateway.http.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway serve} on the embedded PostgreSQL, as an operator runs it. */
class ServeCommandTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  /** Where a root gateway keeps the server of a data folder that uid 65534 cannot reach. */
  private static final Path FALLBACK_ROOT = Path.of("/var/lib/consent-gateway");
  private static final Pattern SERVER_FOLDER_LINE = Pattern.compile("keeps its files in (/\\S+?): ");

  @TempDir
  Path logs;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Path data;
  private GatewayProcess gateway;
  private int httpPort;
  private String embeddedPort;

  @BeforeEach
  void setUp() throws IOException {
    data = GatewayProcess.dataFolder();
    httpPort = GatewayProcess.freePort();
    embeddedPort = Integer.toString(GatewayProcess.freePort());
    gateway = new GatewayProcess(logs)
        .with("GATEWAY_DATA_DIR", data.toString())
        .with("GATEWAY_HTTP_PORT", Integer.toString(httpPort))
        .with("GATEWAY_DB_EMBEDDED_PORT", embeddedPort);
  }

  @AfterEach
  void noServerLeftBehind() throws Exception {
    assertThat(GatewayProcess.processesUsing(data)).isEmpty();
    try (var files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void servesOnTheEmbeddedDatabaseSharesItWithAnImportAndStopsCleanlyOnSigterm() throws Exception {
    Process serve = gateway.start("serve");
    try {
      awaitReady(serve);

      // An operator imports while the gateway runs: same data folder, same database, the server keeps running.
      // The import is another process than the gateway's either way; run in this JVM, it needs no JVM of its own.
      GatewayInProcess operator = new GatewayInProcess(logs)
          .with("GATEWAY_DATA_DIR", data.toString())
          .with("GATEWAY_HTTP_PORT", Integer.toString(httpPort))
          .with("GATEWAY_DB_EMBEDDED_PORT", embeddedPort);
      Path file = logs.resolve("subjects.jsonl");
      assertThat(operator.run(60, "records", "generate", "--subjects", "20", "--seed", "9", "--as-of", "2026-11-01",
          "--out", file.toString()).exitCode()).isZero();
      GatewayProcess.Outcome imported = operator.run(120, "records", "import", file.toString());
      assertThat(imported.exitCode()).as(imported.output()).isZero();
      assertThat(imported.output()).contains("imported 20 subjects");
      // Still serving: ready as it was (a slow machine may let one probe's database check miss its budget).
      awaitReady(serve);

      stopsCleanlyOnSigterm(serve);
    } finally {
      serve.destroyForcibly().waitFor();
    }
  }

  @Test
  void aPostgresLeftByAKilledGatewayIsTakenOverNotDuplicated() throws Exception {
    Process first = gateway.start("serve");
    awaitReady(first);
    first.destroyForcibly().waitFor(); // kill -9: PostgreSQL survives its gateway

    Process second = gateway.start("serve");
    try {
      awaitReady(second);
      assertThat(GatewayProcess.serversOn(data)).hasSize(1);

      stopsCleanlyOnSigterm(second);
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  @Test
  void asRootServesFromADataFolderUnderAPrivateHomeAndLeavesNoPostgresAfterSigterm() throws Exception {
    Path home = Files.createTempDirectory("gateway-home-"); // mode 0700, as /root is
    boolean fallbackRootExisted = Files.exists(FALLBACK_ROOT);
    Optional<Path> serverFolder = Optional.empty();
    Process serve = null;
    try {
      assumeTrue(Files.getAttribute(home, "unix:uid").equals(0), "runs only as root: PostgreSQL then runs as uid 65534,"
          + " which a 0700 parent keeps out; as any other user the server runs as that user, whom its own folders admit");
      gateway.with("GATEWAY_DATA_DIR", home.resolve("consent-gateway/data").toString());
      serve = gateway.start("serve");
      awaitReady(serve);
      String log = serveLog();
      serverFolder = serverFolder(log);
      assertThat(SERVER_FOLDER_LINE.matcher(log).results()).as("the log says where, once").hasSize(1);
      assertThat(serverFolder).get().satisfies(folder -> assertThat(folder).startsWith(FALLBACK_ROOT));

      // Another command of the same data folder finds the same server and leaves it running.
      GatewayProcess.Outcome migrated = gateway.run(120, "db", "migrate");
      assertThat(migrated.exitCode()).as(migrated.output()).isZero();
      assertThat(migrated.output()).contains("Reusing the embedded PostgreSQL already running");
      awaitReady(serve);

      stopsCleanlyOnSigterm(serve);
      assertThat(GatewayProcess.processesUsing(serverFolder.get())).isEmpty();
    } finally {
      if (serve != null) {
        serve.destroyForcibly().waitFor();
        serverFolder = serverFolder.or(() -> serverFolder(serveLogQuietly()));
      }
      serverFolder.ifPresent(ServeCommandTest::stopLeftoverPostmaster);
      serverFolder.ifPresent(ServeCommandTest::deleteTree);
      deleteTree(home);
      if (!fallbackRootExisted) {
        deleteIfEmpty(FALLBACK_ROOT); // another gateway may have started using it meanwhile
      }
    }
  }

  private static void stopsCleanlyOnSigterm(Process serve) throws InterruptedException {
    serve.destroy(); // SIGTERM
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(serve.exitValue()).isZero();
  }

  private String serveLog() throws IOException {
    try (Stream<Path> files = Files.list(logs)) {
      Path log = files.filter(file -> file.getFileName().toString().startsWith("serve")).findFirst().orElseThrow();
      return Files.readString(log);
    }
  }

  private String serveLogQuietly() {
    try {
      return serveLog();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static Optional<Path> serverFolder(String log) {
    Matcher line = SERVER_FOLDER_LINE.matcher(log);
    return line.find() ? Optional.of(Path.of(line.group(1))) : Optional.empty();
  }

  /** After a failed assertion only: a postmaster whose gateway was killed is told to stop. */
  private static void stopLeftoverPostmaster(Path serverFolder) {
    try {
      List<String> pidFile = Files.readAllLines(serverFolder.resolve("postgres/postmaster.pid"));
      ProcessHandle.of(Long.parseLong(pidFile.get(0).strip())).ifPresent(postmaster -> {
        postmaster.destroy(); // SIGTERM: its clients are gone, so it stops
        postmaster.onExit().orTimeout(60, TimeUnit.SECONDS).join();
      });
    } catch (IOException | RuntimeException e) {
      // no server left
    }
  }

  private static void deleteIfEmpty(Path folder) {
    try {
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      // not empty: not ours alone
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // nothing there
    }
  }

  private void awaitReady(Process serve) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!serve.isAlive()) {
        throw new AssertionError("gateway serve exited with " + serve.exitValue() + " before it was ready");
      }
      try {
        if (get("/health/ready").statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // keep polling
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("gateway serve was not ready within " + START_TIMEOUT);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return OpenApiContract.checked(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
  }
}
