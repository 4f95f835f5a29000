package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills the real postmaster of a real embedded PostgreSQL and watches the supervisor bring it back. */
class PostgresSupervisorTest {

  private static final Duration CHECK = Duration.ofMillis(100);

  @TempDir static Path sharedDir;
  static Path sharedBinaries;

  @TempDir Path tempDir;
  Path dataDir;

  @BeforeAll
  static void extractBinariesOnce() throws Exception {
    EmbeddedPostgresTest.makeEnterable(sharedDir);
    sharedBinaries = PostgresBinaries.ensureExtracted(sharedDir.resolve("postgres-binaries"), ServerUser.detect());
  }

  @BeforeEach
  void linkExtractedBinaries() throws Exception {
    EmbeddedPostgresTest.makeEnterable(tempDir);
    dataDir = tempDir.resolve("data");
    EmbeddedPostgresTest.linkTree(sharedBinaries, dataDir.resolve("postgres-binaries").resolve(sharedBinaries.getFileName()));
  }

  @AfterEach
  void stopLeftoverServer() throws Exception {
    if (!EmbeddedPostgresTest.postmasters(dataDir).isEmpty()) {
      new PostgresProcess(sharedBinaries, ServerUser.detect()).stop(dataDir.resolve("postgres"));
    }
  }

  @Test
  void aKilledPostmasterIsStartedAgainOnItsPortWithItsData() throws Exception {
    try (CapturedLogs logs = CapturedLogs.of(PostgresSupervisor.class);
         EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, EmbeddedPostgresTest.freePort());
         PostgresSupervisor supervisor = PostgresSupervisor.start(postgres, CHECK, CHECK, CHECK.multipliedBy(4))) {
      DatabaseCoordinates db = postgres.coordinates();
      EmbeddedPostgresTest.execute(db, "create table kept (note text); insert into kept values ('committed before the kill')");
      long killed = killPostmaster();

      Polling.until("the restart", () -> !logs.lines(Level.INFO).isEmpty());

      assertThat(EmbeddedPostgresTest.queryText(db, "select note from kept")).isEqualTo("committed before the kill");
      assertThat(RunningServer.find(dataDir.resolve("postgres")).orElseThrow().pid()).isNotEqualTo(killed);
      assertThat(postgres.coordinates()).isEqualTo(db);
      // An attempt may fail while the old server's backends, orphaned by the kill, still hold its shared memory.
      assertThat(logs.lines(Level.INFO)).containsExactly("INFO Restarted the embedded PostgreSQL on port " + db.port()
          + ": it had stopped (attempt " + (logs.lines(Level.WARN).size() + 1) + ")");
    }
    assertThat(EmbeddedPostgresTest.postmasters(dataDir)).isEmpty();
  }

  @Test
  void aServerThatCannotStartIsTriedAgainWithBackOffOneLinePerAttemptWithoutItsLog() throws Exception {
    Path settings = dataDir.resolve("postgres/postgresql.auto.conf");
    try (CapturedLogs logs = CapturedLogs.of(PostgresSupervisor.class);
         EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, EmbeddedPostgresTest.freePort());
         PostgresSupervisor supervisor = PostgresSupervisor.start(postgres, CHECK, CHECK, CHECK.multipliedBy(2))) {
      DatabaseCoordinates db = postgres.coordinates();
      String good = Files.readString(settings);
      Files.writeString(settings, "shared_buffers = plenty\n", StandardOpenOption.APPEND);
      killPostmaster();

      Polling.until("three failed attempts", () -> logs.lines(Level.WARN).size() >= 3);
      Files.writeString(settings, good);
      Polling.until("the restart", () -> !logs.lines(Level.INFO).isEmpty());

      List<String> warnings = logs.lines(Level.WARN);
      for (int attempt = 1; attempt <= warnings.size(); attempt++) {
        assertThat(warnings.get(attempt - 1))
            .startsWith("WARN The embedded PostgreSQL on port " + db.port() + " is down and could not be restarted (attempt "
                + attempt + "): pg_ctl start failed")
            .matches("(?s).*; next attempt in 0\\.[12] s")
            .doesNotContain("\n", "shared_buffers");
      }
      assertThat(logs.lines(Level.INFO)).containsExactly("INFO Restarted the embedded PostgreSQL on port " + db.port()
          + ": it had stopped (attempt " + (warnings.size() + 1) + ")");
      assertThat(answers(db)).isTrue();
    }
  }

  @Test
  void theBackOffDoublesUpToItsCeiling() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, EmbeddedPostgresTest.freePort());
         PostgresSupervisor supervisor = PostgresSupervisor.start(postgres)) {
      assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 50).stream().map(supervisor::backoff).map(Duration::toSeconds).toList())
          .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }
  }

  @Test
  void aClosedOrBorrowedHandleNeverStartsTheServer() throws Exception {
    EmbeddedPostgres owner = EmbeddedPostgres.start(dataDir, EmbeddedPostgresTest.freePort());
    EmbeddedPostgres borrower = EmbeddedPostgres.start(dataDir, EmbeddedPostgresTest.freePort());
    assertThat(owner.restartIfStopped()).as("running").isFalse();

    killPostmaster();
    Polling.until("the postmaster is gone", () -> !owner.isRunning());
    assertThat(borrower.restartIfStopped()).as("borrowed").isFalse();
    assertThat(owner.isRunning()).isFalse();
    owner.close();

    assertThat(owner.restartIfStopped()).as("closed").isFalse();
    assertThat(owner.isRunning()).isFalse();
  }

  private long killPostmaster() throws InterruptedException {
    RunningServer running = RunningServer.find(dataDir.resolve("postgres")).orElseThrow();
    ProcessHandle postmaster = ProcessHandle.of(running.pid()).orElseThrow();
    assertThat(postmaster.destroyForcibly()).as("SIGKILL sent").isTrue();
    Polling.until("the postmaster is dead", () -> !postmaster.isAlive());
    return running.pid();
  }

  private static boolean answers(DatabaseCoordinates db) {
    try {
      return "up".equals(EmbeddedPostgresTest.queryText(db, "select 'up'"));
    } catch (SQLException e) {
      return false;
    }
  }
}
