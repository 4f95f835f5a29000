package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
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
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.RegistryAdmin;
import org.consentgateway.policy.PurposeCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} a gateway while it answers audited requests: the log it leaves verifies, and
 * every request that got its answer (so whose audit entry was acknowledged) is in it.
 */
@ExtendWith(TestDatabase.class)
class AuditCrashTest {

  private static final String REGULATOR = "pboc-credit-reference";
  private static final String ISSUER = "https://gateway.test";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path logs;

  @Test
  void aKilledGatewayLeavesAVerifiableLogHoldingEveryAnsweredRequest(DatabaseCoordinates database) throws Exception {
    new RegistryAdmin(database, PurposeCatalog.load(Path.of("policies")))
        .addRegulator(REGULATOR, "征信监管", ClientKey.read(Path.of("keys-example/regulator.pub.pem")));
    int port = GatewayProcess.freePort();
    Process serve = GatewayProcessAccess.of(logs, database).process()
        .with("GATEWAY_HTTP_PORT", Integer.toString(port)).with("GATEWAY_ISSUER", ISSUER)
        .with("GATEWAY_AUTH_RATE_BURST", "1000000").with("GATEWAY_AUTH_RATE_PER_SECOND", "1000000")
        .start("serve");
    // Body hash -> how many answers carried it (bodies repeat: entry 0 does not change).
    ConcurrentHashMap<String, Integer> answered = new ConcurrentHashMap<>();
    try {
      String base = "http://127.0.0.1:" + port;
      HttpClient client = HttpClient.newHttpClient();
      String token = awaitToken(client, base, serve);
      HttpRequest read = HttpRequest.newBuilder(URI.create(base + "/v1/audit/entries?start=0&end=1"))
          .header("Authorization", "Bearer " + token).build();
      // Keep 32 reads in flight; kill the gateway once 600 have been answered, with more on their way.
      List<CompletableFuture<Void>> workers = java.util.stream.IntStream.range(0, 32)
          .mapToObj(i -> CompletableFuture.runAsync(() -> readUntilRefused(client, read, answered))).toList();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (total(answered) < 600 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      serve.destroyForcibly().waitFor();
      CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    } finally {
      serve.destroyForcibly().waitFor();
    }
    assertThat(total(answered)).isGreaterThanOrEqualTo(600);

    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(new PgConnectOptions().setHost(database.host()).setPort(database.port())
          .setDatabase(database.database()).setUser(database.user()).setPassword(database.password())).using(vertx).build();
      AuditStore store = new AuditStore(pool);
      GatewayKeys keys = GatewayKeys.load(Path.of("keys-example"));
      NoteSigner signer = NoteSigner.of(AuditConfig.DEFAULT_ORIGIN, keys.checkpointKeyPair().getPrivate(), keys.checkpointKeyPair().getPublic());
      // Vouch for what is stored now, as a restarted gateway would, then check it all.
      Blocking.await(new Checkpointer(vertx, pool, store, signer, AuditConfig.defaults()).checkpointNow(), WAIT);
      AuditExport.write(store, signer.verifier(), logs.resolve("export"));
      LogVerifier.Report report = AuditExport.verify(logs.resolve("export"), signer.verifier());
      assertThat(report.valid()).as(report.verdict()).isTrue();

      long size = Blocking.await(store.size(), WAIT);
      Map<String, Integer> recorded = new HashMap<>();
      for (StoredEntry entry : Blocking.await(store.entries(0, size), WAIT)) {
        AuditEntry.parse(entry.leafInput()).event().responseHash().ifPresent(hash -> recorded.merge(hash.base64(), 1, Integer::sum));
      }
      // Every answer's entry was acknowledged before the answer left; a request may also have been
      // recorded and then lost its answer to the kill, so the log may hold more, never fewer.
      answered.forEach((hash, count) -> assertThat(recorded.getOrDefault(hash, 0)).as(hash).isGreaterThanOrEqualTo(count));
    } finally {
      Blocking.await(vertx.close(), WAIT);
    }
  }

  /** Reads until the gateway stops answering; each 200 body's hash is what its audit entry must record. */
  private static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  private static void readUntilRefused(HttpClient client, HttpRequest read, ConcurrentHashMap<String, Integer> answered) {
    while (true) {
      try {
        HttpResponse<String> response = client.send(read, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          return;
        }
        answered.merge(Sha256Hash.digest(response.body().getBytes(StandardCharsets.UTF_8)).base64(), 1, Integer::sum);
      } catch (IOException | InterruptedException gone) {
        return;
      }
    }
  }

  private static String awaitToken(HttpClient client, String base, Process serve) throws Exception {
    var key = PemFiles.readPrivateKey(Path.of("keys-example/regulator.key.pem"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!serve.isAlive()) {
        throw new AssertionError("gateway serve exited with " + serve.exitValue());
      }
      try {
        String form = "grant_type=client_credentials&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type"
            + "%3Ajwt-bearer&client_assertion=" + DevTokens.clientAssertion(REGULATOR, ISSUER, key, Instant.now());
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
            HttpResponse.BodyHandlers.ofString());
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
}
