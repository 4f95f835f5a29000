package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.SignedNote;
import org.consentgateway.audit.TilePath;
import org.consentgateway.audit.TiledTree;
import org.consentgateway.cli.GatewayProcessAccess;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log served as C2SP tlog-tiles: on a log of 100,000 entries every tile a checkpoint needs is
 * there and rebuilds its root, partial tiles of several sizes too, and a mirror copied with plain
 * GETs verifies offline, and fails on a changed byte.
 */
@ExtendWith(TestDatabase.class)
class TiledLogTest {

  private static final Duration AWAIT = Duration.ofSeconds(60);
  private static final String REGULATOR = "pboc-credit-reference";
  private static final Path KEYS = Path.of("keys-example");
  private static final int ENTRIES = 100_000;
  private static final int FETCHES_AT_ONCE = 8;

  @TempDir
  Path folder;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyTileRebuildsTheCheckpointAndAMirrorVerifies(DatabaseCoordinates database) throws Exception {
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
    }
    Vertx vertx = Vertx.vertx();
    try (Gateway gateway = Gateway.start(IdentityFlowTest.config(database, Map.of(ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100",
        ConfigKeys.AUTH_RATE_BURST, "100000")))) {
      Pool pool = ReactiveDatabase.pool(vertx, database, 4);
      AuditLog log = new AuditLog(vertx, pool, AuditConfig.defaults(), Clock.systemUTC());
      appendMany(log, ENTRIES);
      Blocking.await(log.close(), AWAIT);
      String base = "http://127.0.0.1:" + gateway.port();
      Polling.until("a checkpoint of the whole log", () -> checkpointSize(base) >= ENTRIES);

      // Each size's tiles, partial ones among them, rebuild that size's root (a full tile is fetched once).
      AuditStore store = new AuditStore(pool);
      Map<TilePath, byte[]> fetched = new HashMap<>();
      for (long size : List.of(1L, 255L, 256L, 257L, 65_536L, 70_000L, 99_999L, (long) ENTRIES)) {
        TiledTree tree = new TiledTree(size);
        List<TilePath> missing = tree.hashTiles().stream().filter(tile -> !fetched.containsKey(tile)).toList();
        // Fetched as a mirror would, a few at a time: a burst of a hundred at once may meet the
        // gateway's fast 503 for load on a slow machine (seen in a CI run), which is not this test's point.
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < missing.size(); i++) {
          if (i >= FETCHES_AT_ONCE) {
            responses.get(i - FETCHES_AT_ONCE).join();
          }
          responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/audit/tile/" + missing.get(i).path())).build(),
              HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (int i = 0; i < missing.size(); i++) {
          HttpResponse<byte[]> response = responses.get(i).join();
          assertThat(response.statusCode()).as(missing.get(i).path()).isEqualTo(200);
          assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
          fetched.put(missing.get(i), response.body());
        }
        Sha256Hash root = Blocking.await(store.rootHash(size), AWAIT);
        assertThat(tree.verify(fetched, root).isValid()).as("size " + size).isTrue();
      }
      // Past the log, not a tile's path, and entry bundles without a regulator's token.
      assertThat(get(base + "/v1/audit/tile/0/x001/000").statusCode()).isEqualTo(404);
      assertThat(get(base + "/v1/audit/tile/0/x000/001").statusCode()).isEqualTo(404);
      assertThat(get(base + "/v1/audit/tile/9/000").statusCode()).isEqualTo(404);
      assertThat(get(base + "/v1/audit/tile/entries/000").statusCode()).isEqualTo(401);

      Path mirror = folder.resolve("mirror");
      var cli = GatewayProcessAccess.of(folder, database);
      String vkey = new String(get(base + "/v1/audit/verifier-key").body(), StandardCharsets.UTF_8).trim();
      var mirrored = cli.run(300, "audit", "mirror", "--url", base, "--aud", "https://gateway.test", "--client-id", REGULATOR,
          "--key", KEYS.resolve("regulator.key.pem").toString(), "--verifier-key", vkey, "--out", mirror.toString());
      assertThat(mirrored.exitCode()).as(mirrored.output()).isZero();
      assertThat(mirrored.output()).contains("verified against the signed checkpoint").contains("entry bundles");
      assertThat(mirror.resolve("tile/0/389")).exists();
      assertThat(mirror.resolve("tile/1/000")).exists();

      var verified = cli.run(300, "audit", "verify", "--export", mirror.toString(), "--verifier-key", vkey);
      assertThat(verified.exitCode()).as(verified.output()).isZero();
      assertThat(verified.output()).contains("OK: ");

      Path bundle = mirror.resolve("tile/entries/100");
      byte[] bytes = Files.readAllBytes(bundle);
      bytes[100] ^= 1;
      Files.write(bundle, bytes);
      var tampered = cli.run(300, "audit", "verify", "--export", mirror.toString(), "--verifier-key", vkey);
      assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
      assertThat(tampered.output()).contains("FAIL").contains("index 25600");
    } finally {
      Blocking.await(vertx.close(), AWAIT);
    }
  }

  private static void appendMany(AuditLog log, int count) {
    for (int start = 0; start < count; start += 10_000) {
      List<Future<?>> appended = new ArrayList<>();
      for (int n = start; n < Math.min(count, start + 10_000); n++) {
        appended.add(log.append(AuditEvent.builder().time(Instant.now()).action(AuditAction.AUDIT_READ)
            .actor("regulator:tiles-test").outcome(AuditOutcome.RECORDED).disclosedFields(List.of("entries"))
            .responseHash(Sha256Hash.digest(Integer.toString(n).getBytes(StandardCharsets.UTF_8))).build()));
      }
      Blocking.await(Future.all(appended), AWAIT);
    }
  }

  private long checkpointSize(String base) {
    HttpResponse<byte[]> response = get(base + "/v1/audit/checkpoint");
    return response.statusCode() == 200
        ? Checkpoint.parse(SignedNote.parse(new String(response.body(), StandardCharsets.UTF_8))).size() : 0;
  }

  private HttpResponse<byte[]> get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
