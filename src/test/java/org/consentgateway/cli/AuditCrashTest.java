package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} a gateway while it answers audited requests: the log it leaves verifies, and
 * every request that got its answer (so whose audit entry was acknowledged) is in it.
 */
@ExtendWith(TestDatabase.class)
class AuditCrashTest {

  @TempDir
  Path logs;

  @Test
  void aKilledGatewayLeavesAVerifiableLogHoldingEveryAnsweredRequest(DatabaseCoordinates database) throws Exception {
    AuditedLoad.registerRegulator(database);
    int port = GatewayProcess.freePort();
    AuditedLoad load = new AuditedLoad();
    Process serve = AuditedLoad.serve(logs, database, port);
    try {
      String base = "http://127.0.0.1:" + port;
      // 32 reads in flight; kill the gateway once 600 are answered, with more on their way.
      CompletableFuture<Void> readers = load.read(base, load.token(base, serve), 32, () -> false);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (load.total() < 600 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      serve.destroyForcibly().waitFor();
      readers.get(60, TimeUnit.SECONDS);
    } finally {
      serve.destroyForcibly().waitFor();
    }

    assertThat(load.total()).isGreaterThanOrEqualTo(600);
    load.assertLogHoldsEveryAnswer(database, logs.resolve("export"));
  }
}
