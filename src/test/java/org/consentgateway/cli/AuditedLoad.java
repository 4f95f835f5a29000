package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditExport;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.Checkpointer;
import org.consentgateway.audit.LogVerifier;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.StoredEntry;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.TestRegistry;

/**
 * Audited traffic against real {@code gateway serve} processes: regulator reads, each answered
 * only once its audit entry is committed, and the check that the log left behind verifies and
 * holds every answered read.
 */
final class AuditedLoad {

  static final String REGULATOR = "pboc-credit-reference";
  static final String ISSUER = "https://gateway.test";
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** Body hash to how many answers carried it (bodies repeat, so these are counts). */
  final ConcurrentHashMap<String, Integer> answered = new ConcurrentHashMap<>();
  private final HttpClient client = HttpClient.newHttpClient();

  static void registerRegulator(DatabaseCoordinates database) {
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(Path.of("keys-example/regulator.pub.pem")));
    }
  }

  /** A serving gateway on the suite's database, with limits high enough for load. */
  static Process serve(Path logs, DatabaseCoordinates database, int port) throws IOException {
    return GatewayProcessAccess.of(logs, database).process()
        .with("GATEWAY_HTTP_PORT", Integer.toString(port)).with("GATEWAY_ISSUER", ISSUER)
        .with("GATEWAY_AUTH_RATE_BURST", "1000000").with("GATEWAY_AUTH_RATE_PER_SECOND", "1000000")
        .start("serve");
  }

  /** Starts {@code readers} loops reading from {@code base} until {@code stop} says so or the gateway stops answering. */
  CompletableFuture<Void> read(String base, String token, int readers, BooleanSupplier stop) {
    HttpRequest read = HttpRequest.newBuilder(URI.create(base + "/v1/audit/entries?start=0&end=1"))
        .header("Authorization", "Bearer " + token).build();
    List<CompletableFuture<Void>> loops = IntStream.range(0, readers)
        .mapToObj(i -> CompletableFuture.runAsync(() -> readUntil(read, stop))).toList();
    return CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new));
  }

  int total() {
    return answered.values().stream().mapToInt(Integer::intValue).sum();
  }

  private void readUntil(HttpRequest read, BooleanSupplier stop) {
    while (!stop.getAsBoolean()) {
      try {
        HttpResponse<String> response = OpenApiContract.checked(client.send(read, HttpResponse.BodyHandlers.ofString()));
        if (response.statusCode() != 200) {
          return;
        }
        answered.merge(Sha256Hash.digest(response.body().getBytes(StandardCharsets.UTF_8)).base64(), 1, Integer::sum);
      } catch (IOException | InterruptedException gone) {
        return;
      }
    }
  }

  /** A regulator access token, once the gateway answers (it may still be starting). */
  String token(String base, Process serve) throws Exception {
    var key = PemFiles.readPrivateKey(Path.of("keys-example/regulator.key.pem"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!serve.isAlive()) {
        throw new AssertionError("gateway serve exited with " + serve.exitValue());
      }
      try {
        String form = "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type"
            + "%3Ajwt-bearer&client_assertion=" + DevTokens.clientAssertion(REGULATOR, ISSUER, key, Instant.now());
        HttpResponse<String> response = OpenApiContract.checked(client.send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
            HttpResponse.BodyHandlers.ofString()));
        if (response.statusCode() == 200) {
          return new JsonObject(response.body()).getString("access_token");
        }
      } catch (IOException notYet) {
        // still starting
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    throw new AssertionError("gateway serve did not start within 120 s");
  }

  /**
   * Signs a checkpoint over what is stored (as a restarted gateway would), exports and verifies
   * the whole log, and checks every answered read is recorded. Returns the verified report.
   */
  LogVerifier.Report assertLogHoldsEveryAnswer(DatabaseCoordinates database, Path exportFolder) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = ReactiveDatabase.pool(vertx, database, 4);
      AuditStore store = new AuditStore(pool);
      GatewayKeys keys = GatewayKeys.load(Path.of("keys-example"));
      NoteSigner signer = NoteSigner.of(AuditConfig.DEFAULT_ORIGIN, keys.checkpointKeyPair().getPrivate(), keys.checkpointKeyPair().getPublic());
      Blocking.await(new Checkpointer(vertx, pool, store, signer, AuditConfig.defaults()).checkpointNow(), WAIT);
      AuditExport.write(store, signer.verifier(), exportFolder);
      LogVerifier.Report report = AuditExport.verify(exportFolder, signer.verifier());
      assertThat(report.valid()).as(report.verdict()).isTrue();

      Map<String, Integer> recorded = new HashMap<>();
      long size = Blocking.await(store.size(), WAIT);
      for (long start = 0; start < size; start += 5_000) {
        for (StoredEntry entry : Blocking.await(store.entries(start, Math.min(size, start + 5_000)), WAIT)) {
          AuditEntry.parse(entry.leafInput()).event().responseHash().ifPresent(hash -> recorded.merge(hash.base64(), 1, Integer::sum));
        }
      }
      // Every answer's entry was acknowledged before the answer left; a request may also have been
      // recorded and then lost its answer, so the log may hold more, never fewer.
      answered.forEach((hash, count) -> assertThat(recorded.getOrDefault(hash, 0)).as(hash).isGreaterThanOrEqualTo(count));
      return report;
    } finally {
      Blocking.await(vertx.close(), WAIT);
    }
  }
}
