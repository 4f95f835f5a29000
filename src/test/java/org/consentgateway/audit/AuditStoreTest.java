package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.audit.AuditDatabaseSupport.await;
import static org.consentgateway.audit.AuditDatabaseSupport.event;
import static org.consentgateway.audit.AuditDatabaseSupport.failureOf;
import static org.consentgateway.audit.AuditDatabaseSupport.verifyWholeLog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Roots and proofs from stored nodes, for every index and size of a small log, against a memory tree. */
@ExtendWith(TestDatabase.class)
@TestInstance(Lifecycle.PER_CLASS)
class AuditStoreTest {

  private static final int SIZE = 37;

  private final Vertx vertx = Vertx.vertx();
  private Pool pool;
  private AuditStore store;
  private MemoryTree tree;

  @BeforeAll
  void appendALogInBatchesOfMixedSizes(DatabaseCoordinates db) {
    pool = AuditDatabaseSupport.pool(vertx, db, 4);
    store = new AuditStore(pool);
    assertThat(await(store.size())).isZero();
    assertThat(await(store.rootHash(0))).isEqualTo(MerkleHash.emptyRoot());
    // Batches of at most 5, in waves of 1, 2, 3, ... so batches start at many tree positions.
    AuditLog log = new AuditLog(vertx, pool, new AuditConfig(5, Duration.ZERO, 100,
        AuditConfig.DEFAULT_ORIGIN, AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
    int appended = 0;
    for (int wave = 1; appended < SIZE; wave++) {
      List<Future<AppendedEntry>> futures = new ArrayList<>();
      for (int i = 0; i < wave && appended < SIZE; i++) {
        futures.add(log.append(event(appended++)));
      }
      await(Future.all(futures));
    }
    await(log.close());
    tree = verifyWholeLog(store);
  }

  @AfterAll
  void close() {
    await(pool.close());
    await(vertx.close());
  }

  @Test
  void everyRootEqualsTheMemoryTreesRoot() {
    List<byte[]> roots = roots();
    for (int size = 0; size <= SIZE; size++) {
      assertThat(roots.get(size)).as("root at %d", size).isEqualTo(tree.rootHash(size).bytes());
    }
  }

  @Test
  void everyInclusionProofVerifiesAgainstTheStoredRoot() {
    List<StoredEntry> entries = await(store.entries(0, SIZE));
    List<byte[]> roots = roots();
    for (int size = 1; size <= SIZE; size++) {
      List<Future<List<Sha256Hash>>> proofs = new ArrayList<>();
      for (int index = 0; index < size; index++) {
        proofs.add(store.inclusionProof(index, size));
      }
      await(Future.all(proofs));
      for (int index = 0; index < size; index++) {
        List<Sha256Hash> proof = proofs.get(index).result();
        assertThat(proof).isEqualTo(tree.inclusionProof(index, size));
        Verdict verdict = MerkleVerifier.verifyInclusion(
            index, size, entries.get(index).leafHash().bytes(), bytes(proof), roots.get(size));
        assertThat(verdict.isValid()).as("inclusion of %d in %d: %s", index, size, verdict).isTrue();
      }
    }
  }

  @Test
  void everyConsistencyProofVerifiesBetweenTheStoredRoots() {
    List<byte[]> roots = roots();
    for (int second = 1; second <= SIZE; second++) {
      List<Future<List<Sha256Hash>>> proofs = new ArrayList<>();
      for (int first = 1; first <= second; first++) {
        proofs.add(store.consistencyProof(first, second));
      }
      await(Future.all(proofs));
      for (int first = 1; first <= second; first++) {
        List<Sha256Hash> proof = proofs.get(first - 1).result();
        assertThat(proof).isEqualTo(tree.consistencyProof(first, second));
        Verdict verdict = MerkleVerifier.verifyConsistency(
            first, second, bytes(proof), roots.get(first), roots.get(second));
        assertThat(verdict.isValid()).as("consistency %d to %d: %s", first, second, verdict).isTrue();
      }
    }
  }

  @Test
  void requestsOutsideTheLogFailAsRangeErrors() {
    assertThat(failureOf(store.inclusionProof(SIZE, SIZE))).isInstanceOf(AuditRangeException.class);
    assertThat(failureOf(store.inclusionProof(-1, 3))).isInstanceOf(AuditRangeException.class);
    assertThat(failureOf(store.inclusionProof(0, SIZE + 1))).isInstanceOf(AuditRangeException.class)
        .hasMessageContaining("beyond the log's size " + SIZE);
    assertThat(failureOf(store.consistencyProof(0, 3))).isInstanceOf(AuditRangeException.class);
    assertThat(failureOf(store.consistencyProof(4, 3))).isInstanceOf(AuditRangeException.class);
    assertThat(failureOf(store.consistencyProof(1, SIZE + 1))).isInstanceOf(AuditRangeException.class);
    assertThat(failureOf(store.rootHash(SIZE + 1))).isInstanceOf(AuditRangeException.class);
    assertThat(failureOf(store.rootHash(-1))).isInstanceOf(AuditRangeException.class);
    assertThat(failureOf(store.entries(-1, 3))).isInstanceOf(AuditRangeException.class);
    assertThat(failureOf(store.entries(3, 2))).isInstanceOf(AuditRangeException.class);
  }

  @Test
  void entriesEndWhereTheLogEnds() {
    assertThat(await(store.entries(30, 100))).extracting(StoredEntry::index)
        .containsExactly(30L, 31L, 32L, 33L, 34L, 35L, 36L);
    assertThat(await(store.entries(5, 5))).isEmpty();
    assertThat(await(store.entries(SIZE, SIZE + 10))).isEmpty();
  }

  @Test
  void aMissingNodeIsADamagedStoreNotARangeError() {
    String deleted = "delete from audit_tree_nodes where level = 5 and idx = 0 returning hash";
    var hash = await(pool.query(deleted).execute()).iterator().next().getBuffer(0);
    try {
      assertThat(failureOf(store.rootHash(SIZE))).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("(5, 0)");
    } finally {
      await(pool.preparedQuery("insert into audit_tree_nodes (level, idx, hash) values (5, 0, $1)")
          .execute(Tuple.of(hash)));
    }
    assertThat(await(store.rootHash(SIZE))).isEqualTo(tree.rootHash());
  }

  /** The stored roots at sizes 0 to SIZE, as bytes. */
  private List<byte[]> roots() {
    List<Future<Sha256Hash>> roots = new ArrayList<>();
    for (long size = 0; size <= SIZE; size++) {
      roots.add(store.rootHash(size));
    }
    await(Future.all(roots));
    return roots.stream().map(root -> root.result().bytes()).toList();
  }

  private static List<byte[]> bytes(List<Sha256Hash> hashes) {
    return hashes.stream().map(Sha256Hash::bytes).toList();
  }
}
