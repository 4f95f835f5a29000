package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.consentgateway.audit.AuditDatabaseSupport.await;
import static org.consentgateway.audit.AuditDatabaseSupport.event;
import static org.consentgateway.audit.AuditDatabaseSupport.failureOf;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Java API the console calls: a case of the largest size, from one query per kind, checked by the offline verifier. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseFilesTest {

  private static final int SIZE = 25_000;
  private static final Principal REGULATOR = new Principal(Role.REGULATOR, "pboc-credit-reference");

  private final Vertx vertx = Vertx.vertx();
  private final NoteSigner signer = NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN);
  private Pool pool;
  private AuditStore store;
  private AuditLog log;
  private CaseFiles cases;
  private long checkpointSize;

  @BeforeAll
  void appendALogAndSignACheckpoint(DatabaseCoordinates db) {
    pool = AuditDatabaseSupport.pool(vertx, db, 4);
    store = new AuditStore(pool);
    log = new AuditLog(vertx, pool, AuditConfig.defaults(), Clock.systemUTC());
    List<Future<AppendedEntry>> appended = new ArrayList<>();
    for (int i = 0; i < SIZE; i++) {
      appended.add(log.append(event(i)));
    }
    await(Future.all(appended));
    checkpointSize = await(new Checkpointer(vertx, pool, store, signer, AuditConfig.defaults()).checkpointNow()).orElseThrow().size();
    cases = new CaseFiles(vertx, store, log, signer.verifier(), Clock.systemUTC());
  }

  @AfterAll
  void close() {
    await(log.close());
    await(pool.close());
    await(vertx.close());
  }

  @Test
  void tenThousandScatteredEntriesMakeACaseThatVerifies() throws Exception {
    List<Long> indexes = LongStream.range(0, CaseFormat.MAX_ENTRIES).map(i -> (i * 7919) % SIZE).boxed().toList();

    long started = System.nanoTime();
    await(store.entriesAt(indexes));
    long entriesRead = System.nanoTime();
    await(store.nodes(AuditStore.nodesForInclusions(indexes, checkpointSize), checkpointSize));
    long proofsRead = System.nanoTime();
    CaseFiles.CaseFile file = await(cases.export(indexes, REGULATOR));
    long exported = System.nanoTime();
    CaseReport report = CaseVerifier.verify(new ByteArrayInputStream(file.bytes()), signer.verifier());

    // Not an assertion on time (the machine is shared): a figure for docs/audit.md.
    System.out.printf("case of %d entries: %d bytes; entries read in %d ms, proof nodes in %d ms, the whole export in %d ms%n",
        file.entries(), file.bytes().length, (entriesRead - started) / 1_000_000, (proofsRead - entriesRead) / 1_000_000,
        (exported - proofsRead) / 1_000_000);
    assertThat(file.entries()).isEqualTo(CaseFormat.MAX_ENTRIES);
    assertThat(file.checkpointSize()).isEqualTo(checkpointSize);
    assertThat(report.verdict()).containsExactly("OK: 10000 entries (indexes " + indexes.stream().mapToLong(i -> i).min().orElseThrow() + ".."
        + indexes.stream().mapToLong(i -> i).max().orElseThrow() + ") are in the log " + AuditConfig.DEFAULT_ORIGIN
        + " as of the checkpoint of size " + checkpointSize + " signed by " + CaseVerifier.name(signer.verifier()));
  }

  @Test
  void theProofsReadTogetherAreTheProofsReadOneByOne() {
    List<Long> indexes = List.of(0L, 1L, 4_095L, 4_096L, 12_345L, SIZE - 1L);

    NodeHashes together = await(store.nodes(AuditStore.nodesForInclusions(indexes, checkpointSize), checkpointSize));

    for (long index : indexes) {
      assertThat(MerkleProofs.inclusionProof(index, checkpointSize, together)).as("index %d", index)
          .isEqualTo(await(store.inclusionProof(index, checkpointSize)));
    }
  }

  @Test
  void anEntryNewerThanTheLatestCheckpointIsAConflictAndOnePastTheLogAnInvalidRequest() {
    AppendedEntry newer = await(log.append(event(SIZE)));

    Throwable uncovered = failureOf(cases.export(List.of(0L, newer.index()), REGULATOR));
    Throwable past = failureOf(cases.export(List.of(newer.index() + 1), REGULATOR));

    assertThat(uncovered).isInstanceOf(ProblemException.class);
    assertThat(((ProblemException) uncovered).code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(((ProblemException) past).code()).isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  @Test
  void onlyARegulatorExports() {
    assertThatThrownBy(() -> cases.export(List.of(0L), new Principal(Role.OPERATOR, "bureau-ops")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
