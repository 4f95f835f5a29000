package org.consentgateway.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The integrator's examples in {@code docs/examples/} run as a reader runs them, against one
 * {@code gateway demo} (started once for all of them: it is the slow part): the curl + openssl
 * script and the Java program with the client library each do the whole flow, from discovery to a
 * verified answer, and exit 0. Each asks for a different synthetic citizen, so neither sees the
 * other's consents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExamplesTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Path EXAMPLES = Path.of("docs", "examples");
  private static final long EXAMPLE_TIMEOUT_SECONDS = 180;

  private Path logs;
  private Path data;
  private GatewayProcess.Started demo;
  private String gatewayUrl;
  private List<String> citizens;

  @BeforeAll
  void startTheDemo() throws Exception {
    logs = Files.createTempDirectory("examples-test");
    data = GatewayProcess.dataFolder();
    int port = GatewayProcess.freePort();
    gatewayUrl = "http://localhost:" + port;
    demo = new GatewayProcess(logs)
        .with("GATEWAY_DATA_DIR", data.toString())
        .with("GATEWAY_HTTP_PORT", Integer.toString(port))
        .with("GATEWAY_DB_EMBEDDED_PORT", Integer.toString(GatewayProcess.freePort()))
        .startUntilPrinted(DemoCommand.READY, START_TIMEOUT, "demo");
    citizens = demo.output().lines().map(String::strip).filter(line -> line.matches("\\d{17}[\\dX]")).toList();
    assertThat(citizens).hasSizeGreaterThan(3);
  }

  @AfterAll
  void stopTheDemo() throws Exception {
    if (demo != null) {
      demo.process().destroy(); // SIGTERM: the demo stops its database
      if (!demo.process().waitFor(60, TimeUnit.SECONDS)) {
        demo.process().destroyForcibly().waitFor();
      }
    }
    assertThat(GatewayProcess.processesUsing(data)).isEmpty();
    for (Path folder : List.of(data, logs)) {
      try (Stream<Path> files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  @Test
  void theCurlAndOpensslExampleRunsTheWholeFlow() throws Exception {
    ProcessBuilder script = new ProcessBuilder("bash", EXAMPLES.resolve("curl").resolve("first-query.sh").toString());
    script.environment().putAll(Map.of("GATEWAY_URL", gatewayUrl, "CITIZEN", citizens.get(2), "GATEWAY_CMD", gatewayCommand().toString()));

    Run run = run(script);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("Content-Digest matches the body", "the signature verifies with the gateway's key",
        "the receipt signed by", "the consent token signed by", "the inclusion proof leads from the entry to the checkpoint's root",
        "the entry is this query's and binds this answer", "OK: first query done and verified");
  }

  @Test
  void theCurlExampleStopsWithAFailureWhenTheGatewayRefuses() throws Exception {
    // The regulator's key is not the one the demo bank registered: the token endpoint refuses the assertion.
    ProcessBuilder script = new ProcessBuilder("bash", EXAMPLES.resolve("curl").resolve("first-query.sh").toString());
    script.environment().putAll(Map.of("GATEWAY_URL", gatewayUrl, "CITIZEN", citizens.get(2), "GATEWAY_CMD", gatewayCommand().toString(),
        "KEY", Path.of("keys-example", "regulator.key.pem").toString()));

    Run run = run(script);

    assertThat(run.exitCode()).as(run.output()).isNotZero();
    assertThat(run.output()).contains("FAILED", "answered 401").doesNotContain("OK: first query");
  }

  @Test
  void theJavaExampleRunsTheWholeFlowWithTheClientLibrary() throws Exception {
    Path clientJar = Path.of("target", "consent-gateway-client.jar");
    assertThat(clientJar).exists();
    String nimbus = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> Path.of(entry).getFileName().toString().startsWith("nimbus-jose-jwt-")).findFirst().orElseThrow();
    ProcessBuilder program = new ProcessBuilder(java(), "-cp", clientJar + File.pathSeparator + nimbus,
        EXAMPLES.resolve("java").resolve("FirstQuery.java").toString());
    program.environment().putAll(Map.of("GATEWAY_URL", gatewayUrl, "CITIZEN", citizens.get(3), "CITIZEN_TOKEN",
        citizenToken(citizens.get(3))));

    Run run = run(program);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("receipt verified", "signature ecdsa-p256-sha256 verified", "binds this answer",
        "OK: first query done and verified");
  }

  private record Run(int exitCode, String output) {}

  private Run run(ProcessBuilder builder) throws IOException, InterruptedException {
    // The reader's shell has none of the gateway's settings; the examples are told everything they need.
    builder.environment().keySet().removeIf(name -> name.startsWith("GATEWAY_") && !name.equals("GATEWAY_URL")
        && !name.equals("GATEWAY_CMD"));
    Path log = Files.createTempFile(logs, "example", ".log");
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(EXAMPLE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the example did not finish in " + EXAMPLE_TIMEOUT_SECONDS + " s:\n" + Files.readString(log, UTF_8));
    }
    return new Run(process.exitValue(), Files.readString(log, UTF_8));
  }

  /** The {@code gateway} command as the examples call it ({@code dev citizen-token}), on this build's classes and the demo keys. */
  private Path gatewayCommand() throws IOException {
    Path command = logs.resolve("gateway");
    List<String> lines = new ArrayList<>(List.of("#!/bin/sh",
        "export GATEWAY_KEYS_DIR='" + Path.of("keys-example").toAbsolutePath() + "'",
        "exec '" + java() + "' -cp '" + System.getProperty("java.class.path") + "' " + GatewayCommand.class.getName() + " \"$@\""));
    Files.write(command, lines, UTF_8);
    Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
    return command;
  }

  /** A citizen token from {@code gateway dev citizen-token}, as a reader makes one for the Java example. */
  private String citizenToken(String idNumber) throws Exception {
    Run run = run(new ProcessBuilder(gatewayCommand().toString(), "dev", "citizen-token", "--id-number", idNumber, "--minutes", "5"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    return run.output().lines().filter(line -> line.startsWith("ey")).reduce((first, last) -> last).orElseThrow();
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
