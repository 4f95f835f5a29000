package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.audit.AuditDatabaseSupport.await;
import static org.consentgateway.audit.AuditDatabaseSupport.event;

import io.vertx.core.CompositeFuture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signed checkpoints of a growing log; the tests run in order, as the log grows. */
@ExtendWith(TestDatabase.class)
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class CheckpointerTest {

  private static final NoteSigner SIGNER = NoteSigner.generate("consent-gateway.local/audit");
  private static final AuditConfig CONFIG = new AuditConfig(
      AuditConfig.DEFAULT_BATCH_MAX_ENTRIES, AuditConfig.DEFAULT_BATCH_MAX_WAIT,
      AuditConfig.DEFAULT_QUEUE_CAPACITY, "example.org/audit-test", Duration.ofMillis(50));

  private final Vertx vertx = Vertx.vertx();
  private Pool pool;
  private AuditStore store;
  private AuditLog log;
  private Checkpointer checkpointer;
  private int events;

  @BeforeAll
  void open(DatabaseCoordinates db) {
    pool = AuditDatabaseSupport.pool(vertx, db, 4);
    store = new AuditStore(pool);
    log = new AuditLog(vertx, pool, CONFIG, Clock.systemUTC());
    checkpointer = new Checkpointer(vertx, pool, store, SIGNER, CONFIG);
  }

  @AfterAll
  void close() {
    checkpointer.stop();
    await(log.close());
    await(pool.close());
    await(vertx.close());
  }

  @Test
  @Order(1)
  void anEmptyLogHasNoCheckpoint() {
    assertThat(await(checkpointer.checkpointNow())).isEmpty();
    assertThat(await(store.latestCheckpoint())).isEmpty();
    assertThat(await(store.checkpoints())).isEmpty();
  }

  @Test
  @Order(2)
  void aGrownLogGetsACheckpointThatVerifiesWithTheVerifierKey() {
    append(5);

    StoredCheckpoint stored = await(checkpointer.checkpointNow()).orElseThrow();

    SignedNote note = SignedNote.parse(stored.note());
    NoteVerifier verifier = NoteVerifier.parse(SIGNER.verifier().verifierKey());
    assertThat(note.verify(verifier).isValid()).isTrue();
    Checkpoint checkpoint = Checkpoint.parse(note);
    assertThat(checkpoint).isEqualTo(Checkpoint.of("example.org/audit-test", 5, stored.root()));
    assertThat(stored.size()).isEqualTo(5);
    assertThat(stored.root()).isEqualTo(await(store.rootHash(5)));
    assertThat(await(store.latestCheckpoint())).contains(stored);
  }

  @Test
  @Order(3)
  void anUnchangedLogGetsNoNewCheckpoint() {
    assertThat(await(checkpointer.checkpointNow())).isEmpty();
    assertThat(await(store.checkpoints())).hasSize(1);
  }

  @Test
  @Order(4)
  void successiveCheckpointsAreConsistent() {
    append(8);
    StoredCheckpoint second = await(checkpointer.checkpointNow()).orElseThrow();

    List<StoredCheckpoint> all = await(store.checkpoints());
    assertThat(all).extracting(StoredCheckpoint::size).containsExactly(5L, 13L);
    assertThat(all.get(1)).isEqualTo(second);
    List<byte[]> proof = await(store.consistencyProof(5, 13)).stream().map(Sha256Hash::bytes).toList();
    Verdict verdict = MerkleVerifier.verifyConsistency(
        5, 13, proof, all.get(0).root().bytes(), all.get(1).root().bytes());
    assertThat(verdict.isValid()).as(verdict.toString()).isTrue();
  }

  @Test
  @Order(5)
  void racingInstancesPublishOneCheckpointPerSize() {
    append(3);
    Checkpointer other = new Checkpointer(vertx, pool, store, SIGNER, CONFIG);

    CompositeFuture both = await(Future.all(checkpointer.checkpointNow(), other.checkpointNow()));

    List<Optional<StoredCheckpoint>> results = List.of(both.resultAt(0), both.resultAt(1));
    assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
    assertThat(await(store.checkpoints())).extracting(StoredCheckpoint::size).containsExactly(5L, 13L, 16L);
  }

  @Test
  @Order(6)
  void startedItSignsAsTheLogGrows() throws InterruptedException {
    checkpointer.start();
    append(4);

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (await(store.latestCheckpoint()).orElseThrow().size() != 20 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    checkpointer.stop();

    StoredCheckpoint latest = await(store.latestCheckpoint()).orElseThrow();
    assertThat(latest.size()).isEqualTo(20);
    assertThat(latest.signedNote().verify(SIGNER.verifier()).isValid()).isTrue();
  }

  private void append(int count) {
    List<Future<AppendedEntry>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(log.append(event(events++)));
    }
    await(Future.all(futures));
  }
}
