package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.Cosigner;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.audit.SignedNote;
import org.consentgateway.audit.Verdict;
import org.consentgateway.audit.VerifyFailure;
import org.consentgateway.audit.WitnessPolicy;
import org.consentgateway.cli.GatewayProcessAccess;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.witness.Witness;
import org.consentgateway.witness.WitnessServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateways on one database have their checkpoints cosigned by two witnesses: the public
 * checkpoint is one that a quorum cosigned, and it keeps moving as the log grows, through a
 * witness that was down at first and one restarted mid-stream.
 */
@ExtendWith(TestDatabase.class)
class WitnessedCheckpointTest {

  private static final Duration AWAIT = Duration.ofSeconds(30);

  @TempDir
  Path folder;

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<AutoCloseable> opened = new ArrayList<>();
  private final NoteVerifier logKey = NoteVerifier.of(AuditConfig.DEFAULT_ORIGIN,
      GatewayKeys.load(Path.of("keys-example")).checkpointKeyPair().getPublic());
  private long appended;

  @AfterEach
  void closeAll() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
    Blocking.await(vertx.close(), AWAIT);
  }

  /** A witness of the log, serving on {@code port} from its data folder. */
  private HttpServer serveWitness(Cosigner cosigner, String name, int port) {
    Witness witness = new Witness(Map.of(AuditConfig.DEFAULT_ORIGIN, logKey), folder.resolve(name), cosigner, Clock.systemUTC());
    HttpServer server = Blocking.await(new WitnessServer(vertx, witness).listen("127.0.0.1", port), AWAIT);
    opened.add(() -> Blocking.await(server.close(), AWAIT));
    return server;
  }

  private static Cosigner newCosigner(String name) throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    return Cosigner.of(name, pair.getPrivate(), pair.getPublic());
  }

  private void append(AuditLog log, int entries) {
    for (int i = 0; i < entries; i++) {
      long n = appended++;
      Blocking.await(log.append(AuditEvent.builder().time(Instant.now()).action(AuditAction.AUDIT_READ)
          .actor("regulator:witness-test").outcome(AuditOutcome.RECORDED).disclosedFields(List.of("entries"))
          .responseHash(org.consentgateway.audit.Sha256Hash.digest(Long.toString(n).getBytes(StandardCharsets.UTF_8)))
          .build()), AWAIT);
    }
  }

  private HttpResponse<String> publicCheckpoint(Gateway gateway) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/audit/checkpoint")).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private long publicSize(Gateway gateway) {
    HttpResponse<String> response = publicCheckpoint(gateway);
    return response.statusCode() == 200 ? Checkpoint.parse(SignedNote.parse(response.body())).size() : 0;
  }

  @Test
  void theSharedCheckpointIsOneAQuorumOfWitnessesCosigned(DatabaseCoordinates database) throws Exception {
    Cosigner regulator = newCosigner("witness.regulator.example");
    Cosigner bureau = newCosigner("witness.bureau.example");
    HttpServer regulatorWitness = serveWitness(regulator, "regulator", 0);
    int bureauPort = TestDatabase.freePort();
    String witnesses = "http://127.0.0.1:" + regulatorWitness.actualPort() + "/ " + regulator.key().vkey()
        + ", http://127.0.0.1:" + bureauPort + " " + bureau.key().vkey();
    Map<String, String> settings = Map.of(ConfigKeys.AUDIT_WITNESSES, witnesses, ConfigKeys.AUDIT_WITNESS_QUORUM, "2",
        ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100");
    Gateway first = Gateway.start(IdentityFlowTest.config(database, settings));
    opened.add(first::close);
    Gateway second = Gateway.start(IdentityFlowTest.config(database, settings));
    opened.add(second::close);
    Pool pool = ReactiveDatabase.pool(vertx, database, 2);
    AuditLog log = new AuditLog(vertx, pool, AuditConfig.defaults(), Clock.systemUTC());
    opened.add(() -> Blocking.await(log.close(), AWAIT));

    // One witness down: the other cosigns, but one of two is not the quorum, so nothing is public.
    append(log, 20);
    Polling.until("the regulator's witness cosigned", () -> cosignedBy(database, regulator.key().name()) > 0);
    HttpResponse<String> none = publicCheckpoint(first);
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).contains("cosigned by 2 of the log's witnesses");

    // The second witness comes up: both gateways' requests reach it, and a checkpoint is public.
    serveWitness(bureau, "bureau", bureauPort);
    Polling.until("a checkpoint is cosigned by both", () -> publicSize(first) >= 20);
    WitnessPolicy policy = WitnessPolicy.parse("log " + logKey.verifierKey() + "\nwitness r " + regulator.key().vkey()
        + "\nwitness b " + bureau.key().vkey() + "\ngroup both all r b\nquorum both\n");
    assertThat(policy.verify(SignedNote.parse(publicCheckpoint(first).body())).isValid()).isTrue();
    assertThat(publicCheckpoint(second).body()).isEqualTo(publicCheckpoint(first).body());

    // The regulator's witness restarts from its folder mid-stream; the log grows; both keep cosigning.
    regulatorWitness.close().toCompletionStage().toCompletableFuture().get();
    serveWitness(regulator, "regulator", regulatorWitness.actualPort());
    append(log, 15);
    long size = appended;
    Polling.until("the grown log is cosigned by both", () -> publicSize(second) >= size);
    SignedNote latest = SignedNote.parse(publicCheckpoint(second).body());
    assertThat(policy.verify(latest).isValid()).isTrue();

    // Without the bureau's line the quorum is not met, and the check names who is missing.
    SignedNote withoutBureau = new SignedNote(latest.text(),
        latest.signatures().stream().filter(line -> !line.keyName().equals(bureau.key().name())).toList());
    Verdict verdict = policy.verify(withoutBureau);
    assertThat(verdict.failure()).contains(VerifyFailure.NO_QUORUM);
    assertThat(verdict.detail()).contains("missing b");

    // A regulator's offline check with the policy: the export verifies and says up to where it is
    // witnessed; a cosignature changed in the export fails, naming the witness.
    Path policyFile = Files.writeString(folder.resolve("witnesses.policy"), "log " + logKey.verifierKey() + "\nwitness r "
        + regulator.key().vkey() + "\nwitness b " + bureau.key().vkey() + "\ngroup both all r b\nquorum both\n");
    var cli = GatewayProcessAccess.of(folder, database);
    Path export = folder.resolve("export");
    var exported = cli.run(120, "audit", "export", "--out", export.toString());
    assertThat(exported.exitCode()).as(exported.output()).isZero();
    var verified = cli.run(120, "audit", "verify", "--export", export.toString(), "--verifier-key", logKey.verifierKey(),
        "--witness-policy", policyFile.toString());
    assertThat(verified.exitCode()).as(verified.output()).isZero();
    assertThat(verified.output()).contains("OK: ").contains("witnessed up to size");

    Path checkpoints = export.resolve("checkpoints.jsonl");
    String published = Files.readString(checkpoints);
    int line = published.lastIndexOf("\u2014 " + bureau.key().name() + " ");
    int at = line + ("\u2014 " + bureau.key().name() + " ").length() + 10;
    Files.writeString(checkpoints, published.substring(0, at) + (published.charAt(at) == 'A' ? 'B' : 'A') + published.substring(at + 1));
    var tampered = cli.run(120, "audit", "verify", "--export", export.toString(), "--verifier-key", logKey.verifierKey(),
        "--witness-policy", policyFile.toString());
    assertThat(tampered.exitCode()).as(tampered.output()).isEqualTo(1);
    assertThat(tampered.output()).contains("FAIL checkpoint of size").contains("the cosignature of witness b");
  }

  private static long cosignedBy(DatabaseCoordinates database, String witness) {
    try (var connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        var statement = connection.prepareStatement("select count(*) from audit_cosignatures where witness = ?")) {
      statement.setString(1, witness);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
