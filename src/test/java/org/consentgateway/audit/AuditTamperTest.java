package org.consentgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real log in PostgreSQL, tampered with directly in the database the way an insider could, then
 * exported and verified: each kind of tampering is reported at the right index.
 */
@ExtendWith(TestDatabase.class)
class AuditTamperTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int SIZE = 30;

  private final DatabaseCoordinates database;
  private final NoteSigner signer = NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN);
  private Vertx vertx;
  private Pool pool;
  private AuditStore store;

  @TempDir
  Path export;

  AuditTamperTest(DatabaseCoordinates database) {
    this.database = database;
  }

  @BeforeEach
  void writeAnHonestLog() throws Exception {
    sql("truncate audit_entries, audit_subject_entries, audit_tree_nodes, audit_cosignatures, audit_checkpoints; update audit_head set size = 0, chain_hash = '\\x"
        + "00".repeat(32) + "'");
    vertx = Vertx.vertx();
    pool = ReactiveDatabase.pool(vertx, database, 4);
    store = new AuditStore(pool);
    AuditLog log = new AuditLog(vertx, pool, AuditConfig.defaults(), Clock.systemUTC());
    Checkpointer checkpointer = new Checkpointer(vertx, pool, store, signer, AuditConfig.defaults());
    // A checkpoint after every entry: the signed roots then pin every prefix of the log.
    for (int i = 0; i < SIZE; i++) {
      Blocking.await(log.append(event(i)), WAIT);
      Blocking.await(checkpointer.checkpointNow(), WAIT);
    }
    Blocking.await(log.close(), WAIT);
  }

  @AfterEach
  void close() {
    Blocking.await(vertx.close(), WAIT);
  }

  @Test
  void theHonestLogVerifies() throws Exception {
    assertThat(verify().verdict()).startsWith("OK: 30 entries, 30 signed checkpoints");
  }

  @Test
  void oneChangedByteIsReportedAtItsIndex() throws Exception {
    sql("update audit_entries set entry = overlay(entry placing '\\x41'::bytea from 40 for 1) where idx = 12");

    assertFailureAt(12);
  }

  @Test
  void aDeletedEntryIsReportedAtItsIndex() throws Exception {
    sql("delete from audit_entries where idx = 9");

    assertFailureAt(9);
  }

  @Test
  void twoSwappedEntriesAreReportedAtTheFirst() throws Exception {
    sql("update audit_entries set idx = 1000000 where idx = 4; update audit_entries set idx = 4 where idx = 17; "
        + "update audit_entries set idx = 17 where idx = 1000000");

    assertFailureAt(4);
  }

  @Test
  void aTailTruncatedBelowTheLastCheckpointIsReportedWhereItEnds() throws Exception {
    sql("delete from audit_entries where idx >= 25");

    assertFailureAt(25);
  }

  @Test
  void aForgedEntryWithRecomputedHashesIsCaughtByTheSignedCheckpoints() throws Exception {
    List<AuditEvent> events = new ArrayList<>();
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select entry from audit_entries order by idx")) {
      while (rows.next()) {
        events.add(AuditEntry.parse(rows.getBytes(1)).event());
      }
    }
    events.add(7, AuditEvent.builder().time(Instant.parse("2026-11-22T10:00:00Z")).action(AuditAction.CONSENT_REVOKED)
        .actor("operator:insider").outcome(AuditOutcome.RECORDED).build());
    // Rewrite the whole table with a valid chain, as an insider with database access could.
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement();
          PreparedStatement insert = connection.prepareStatement(
              "insert into audit_entries (idx, entry, leaf_hash, chain_hash) values (?, ?, ?, ?)")) {
        statement.execute("delete from audit_entries");
        Sha256Hash chain = ChainHash.genesis();
        for (int i = 0; i < events.size(); i++) {
          byte[] bytes = events.get(i).at(i, chain).toCanonicalJson();
          Sha256Hash leaf = LeafHash.of(bytes);
          chain = ChainHash.next(chain, leaf);
          insert.setLong(1, i);
          insert.setBytes(2, bytes);
          insert.setBytes(3, leaf.bytes());
          insert.setBytes(4, chain.bytes());
          insert.addBatch();
        }
        insert.executeBatch();
        statement.execute("update audit_head set size = " + events.size());
      }
      connection.commit();
    }

    LogVerifier.Report report = verify();

    assertThat(report.failure()).as(report.verdict()).hasValueSatisfying(f -> {
      assertThat(f.index()).isEqualTo(7);
      assertThat(f.what()).contains("checkpoint signed at size 8");
    });
  }

  @Test
  void aCheckpointResignedWithAnotherKeyIsRefused() throws Exception {
    NoteSigner impostor = NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN);
    String forged;
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select note from audit_checkpoints where size = 20")) {
      row.next();
      forged = Checkpoint.parse(SignedNote.parse(row.getString(1))).sign(impostor).encode();
    }
    try (Connection connection = connect(); PreparedStatement update = connection.prepareStatement(
        "update audit_checkpoints set note = ? where size = 20")) {
      update.setString(1, forged);
      update.executeUpdate();
    }

    LogVerifier.Report report = verify();

    assertThat(report.failure()).as(report.verdict()).hasValueSatisfying(f -> {
      assertThat(f.where()).isEqualTo("checkpoint at size 20");
      assertThat(f.what()).contains("not signed by the verifier key");
    });
  }

  private void assertFailureAt(long index) throws Exception {
    LogVerifier.Report report = verify();

    assertThat(report.valid()).isFalse();
    assertThat(report.failure().get().index()).as(report.verdict()).isEqualTo(index);
    assertThat(report.verdict()).startsWith("FAIL index " + index + ":");
  }

  private LogVerifier.Report verify() throws Exception {
    AuditExport.write(store, signer.verifier(), export);
    return AuditExport.verify(export, signer.verifier());
  }

  private static AuditEvent event(int i) {
    return AuditEvent.builder().time(Instant.parse("2026-11-22T09:00:00Z").plusSeconds(i)).action(AuditAction.QUERY_ALLOWED)
        .actor("institution:91350100M000100Y43").subjectRef("a".repeat(64)).purpose("LOAN_APPROVAL").grade("SUMMARY")
        .consentId("c-" + i).outcome(AuditOutcome.ALLOWED).disclosedFields(List.of("summary.accountCount"))
        .responseHash(Sha256Hash.digest(("response " + i).getBytes(StandardCharsets.UTF_8))).build();
  }

  private void sql(String statements) throws Exception {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(statements);
    }
  }

  private Connection connect() throws Exception {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
