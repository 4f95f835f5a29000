package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.consentgateway.http.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway serve} on the embedded PostgreSQL, as an operator runs it. */
class ServeCommandTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path logs;

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Path data;
  private GatewayProcess gateway;
  private int httpPort;

  @BeforeEach
  void setUp() throws IOException {
    data = GatewayProcess.dataFolder();
    httpPort = GatewayProcess.freePort();
    gateway = new GatewayProcess(logs)
        .with("GATEWAY_DATA_DIR", data.toString())
        .with("GATEWAY_HTTP_PORT", Integer.toString(httpPort))
        .with("GATEWAY_DB_EMBEDDED_PORT", Integer.toString(GatewayProcess.freePort()));
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
      Path file = logs.resolve("subjects.jsonl");
      assertThat(gateway.run(60, "records", "generate", "--subjects", "20", "--seed", "9", "--as-of", "2026-11-01",
          "--out", file.toString()).exitCode()).isZero();
      GatewayProcess.Outcome imported = gateway.run(120, "records", "import", file.toString());
      assertThat(imported.exitCode()).as(imported.output()).isZero();
      assertThat(imported.output()).contains("imported 20 subjects");
      assertThat(get("/health/ready").statusCode()).isEqualTo(200);

      serve.destroy(); // SIGTERM
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(serve.exitValue()).isZero();
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
      assertThat(GatewayProcess.processesUsing(data).stream().filter(line -> line.contains("postgres -D"))).hasSize(1);

      second.destroy();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isZero();
    } finally {
      second.destroyForcibly().waitFor();
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
