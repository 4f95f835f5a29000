package org.consentgateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;

/** What the audit storage tests share: pools on the test database, events, and a whole-log check. */
final class AuditDatabaseSupport {

  static final Duration AWAIT = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
  private static final Sha256Hash RESPONSE = Sha256Hash.digest("response".getBytes(UTF_8));
  private static final Sha256Hash POLICY = Sha256Hash.digest("policies".getBytes(UTF_8));

  private AuditDatabaseSupport() {}

  static Pool pool(Vertx vertx, DatabaseCoordinates db, int size) {
    return ReactiveDatabase.pool(vertx, db, size);
  }

  /** Event number {@code n}: an allowed query about subject n (its subjectRef is n in hex). */
  static AuditEvent event(long n) {
    return AuditEvent.builder()
        .time(START.plusMillis(n))
        .action(AuditAction.QUERY_ALLOWED)
        .actor("institution:91350100M000100Y43")
        .subjectRef(subjectRef(n))
        .purpose("LOAN_APPROVAL")
        .grade("SUMMARY")
        .consentId("c-" + n)
        .outcome(AuditOutcome.ALLOWED)
        .disclosedFields(List.of("summary.accountCount", "summary.overdueCount"))
        .responseHash(RESPONSE)
        .policyHash(POLICY)
        .build();
  }

  static String subjectRef(long n) {
    return String.format("%064x", n);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the future did not complete in " + AWAIT, e);
    }
  }

  /** The failure of a future that must fail. */
  static Throwable failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the future did not complete in " + AWAIT, e);
    }
    throw new AssertionError("the future succeeded but should have failed");
  }

  /**
   * Reads the whole log and checks it as a verifier would: indexes 0..size-1 with no gap, every
   * entry's bytes parse and carry the right index and prev, leaf and chain hashes recompute from
   * the bytes, and the stored tree's root equals a memory tree's over the same leaves. Returns the
   * memory tree.
   */
  static MemoryTree verifyWholeLog(AuditStore store) {
    long size = await(store.size());
    List<StoredEntry> entries = await(store.entries(0, size));
    assertThat(entries).hasSize((int) size);
    MemoryTree tree = new MemoryTree();
    Sha256Hash chain = ChainHash.genesis();
    for (int i = 0; i < entries.size(); i++) {
      StoredEntry stored = entries.get(i);
      assertThat(stored.index()).isEqualTo(i);
      AuditEntry entry = AuditEntry.parse(stored.leafInput());
      assertThat(entry.index()).isEqualTo(i);
      assertThat(entry.prev()).isEqualTo(chain);
      Sha256Hash leaf = tree.appendData(stored.leafInput());
      assertThat(stored.leafHash()).isEqualTo(leaf);
      chain = ChainHash.next(chain, leaf);
      assertThat(stored.chainHash()).isEqualTo(chain);
    }
    assertThat(await(store.rootHash(size))).isEqualTo(tree.rootHash());
    return tree;
  }
}
