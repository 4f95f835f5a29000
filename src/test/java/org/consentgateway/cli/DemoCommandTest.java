package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.consentgateway.crypto.PemFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway demo} as a newcomer runs it: a gateway with demo clients, synthetic citizens,
 * pending requests and a few past queries, all through the audited API; the same data on a
 * second run, not twice; and never on real keys.
 */
class DemoCommandTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path logs;

  private Path data;
  private GatewayProcess gateway;
  private int httpPort;

  @BeforeEach
  void setUp() throws Exception {
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
    try (Stream<Path> files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Test
  void startsWithDemoDataOnceAndSaysWhereToGo() throws Exception {
    Run first = runUntilReady();
    assertThat(first.printed()).contains("Citizen app:  http://localhost:" + httpPort + "/app/", "91350100M000100Y43");
    assertThat(first.citizens()).hasSize(DemoCommand.CITIZENS);
    assertThat(first.actions()).containsEntry("consent.requested", 3).containsEntry("consent.approved", 1)
        .containsEntry("query.allowed", 2).containsEntry("query.denied", 1);

    Run second = runUntilReady();
    assertThat(second.citizens()).isEqualTo(first.citizens());
    assertThat(second.actions()).as("a second run adds no demo activity").containsEntry("consent.requested", 3)
        .containsEntry("query.allowed", 2);
  }

  @Test
  void refusesRealKeys() throws Exception {
    Path keys = logs.resolve("keys");
    assertThat(new GatewayInProcess(logs).run(60, "keys", "generate", "--out", keys.toString()).exitCode()).isZero();

    GatewayProcess.Outcome refused = gateway.with("GATEWAY_KEYS_DIR", keys.toString()).run(120, "demo");

    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.output()).contains("gateway demo runs only on the demo keys");
  }

  /** What one run of the demo printed, and the audit log's actions while it ran. */
  private record Run(String printed, Map<String, Integer> actions) {
    /** The lines naming a synthetic citizen's ID number. */
    java.util.List<String> citizens() {
      return printed.lines().filter(line -> line.matches("\\s+\\d{17}[\\dX]")).toList();
    }
  }

  /** Runs the demo until it prints where to go, reads the log as the demo regulator, then stops it with SIGTERM. */
  private Run runUntilReady() throws Exception {
    GatewayProcess.Started demo = gateway.startUntilPrinted(DemoCommand.READY, START_TIMEOUT, "demo");
    try {
      Run run = new Run(demo.output(), actionsNow());
      demo.process().destroy(); // SIGTERM
      assertThat(demo.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(demo.process().exitValue()).isZero();
      Files.delete(demo.log());
      return run;
    } finally {
      demo.process().destroyForcibly().waitFor();
    }
  }


  private Map<String, Integer> actionsNow() throws Exception {
    URI base = URI.create("http://127.0.0.1:" + httpPort);
    GatewayApiClient regulator = GatewayApiClient.signIn(base, DemoCommand.REGULATOR,
        PemFiles.readPrivateKey(Path.of("keys-example", "regulator.key.pem")), "http://localhost:" + httpPort);
    Map<String, Integer> counts = new HashMap<>();
    for (JsonNode entry : JSON.readTree(regulator.get("/v1/audit/entries?start=0&end=1000"))) {
      counts.merge(entry.path("entry").path("action").asText(), 1, Integer::sum);
    }
    return counts;
  }
}
