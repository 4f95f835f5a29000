package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.consentgateway.audit.LogVerifier;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway processes on one database, both appending audit entries for 30 s: one sequence with
 * no gap and no duplicate index, a valid chain and tree, and every answered read in it. Both also
 * sign checkpoints of the shared log; all of them verify and are consistent.
 */
@ExtendWith(TestDatabase.class)
class AuditTwoGatewaysTest {

  private static final Duration LOAD = Duration.ofSeconds(30);

  @TempDir
  Path logs;

  @Test
  void twoGatewaysAppendingForThirtySecondsMakeOneVerifiableSequence(DatabaseCoordinates database) throws Exception {
    AuditedLoad.registerRegulator(database);
    AuditedLoad load = new AuditedLoad();
    int firstPort = GatewayProcess.freePort();
    int secondPort = GatewayProcess.freePort();
    Process first = AuditedLoad.serve(logs, database, firstPort);
    Process second = AuditedLoad.serve(logs, database, secondPort);
    try {
      String firstBase = "http://127.0.0.1:" + firstPort;
      String secondBase = "http://127.0.0.1:" + secondPort;
      String firstToken = load.token(firstBase, first);
      String secondToken = load.token(secondBase, second);
      long end = System.nanoTime() + LOAD.toNanos();
      CompletableFuture<Void> readers = CompletableFuture.allOf(
          load.read(firstBase, firstToken, 8, () -> System.nanoTime() > end),
          load.read(secondBase, secondToken, 8, () -> System.nanoTime() > end));
      readers.get(LOAD.toSeconds() + 60, TimeUnit.SECONDS);
      first.destroy();
      second.destroy();
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.destroyForcibly().waitFor();
      second.destroyForcibly().waitFor();
    }

    LogVerifier.Report report = load.assertLogHoldsEveryAnswer(database, logs.resolve("export"));

    org.slf4j.LoggerFactory.getLogger(AuditTwoGatewaysTest.class).info("two gateways: {} reads answered, {} entries, {} checkpoints",
        load.total(), report.entries(), report.checkpoints());
    assertThat(report.entries()).isGreaterThanOrEqualTo(load.total());
    assertThat(report.checkpoints()).isGreaterThan(2);
  }
}
