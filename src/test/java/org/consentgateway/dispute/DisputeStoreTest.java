package org.consentgateway.dispute;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.records.RecordKind;
import org.consentgateway.records.RowBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The disputes table through Hibernate Reactive: a row as the earlier Vert.x-pool store wrote it
 * reads back in the clear, and what is written here is sealed with the same row bindings, so rows
 * of either age decrypt.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeStoreTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final RecordCipher CIPHER = GatewayKeys.ephemeral().recordCipher();
  private static final Instant FILED = Instant.parse("2026-10-01T09:00:00Z");

  private DatabaseCoordinates database;
  private Vertx vertx;
  private Pool pool;
  private Sessions sessions;
  private DisputeStore store;

  @BeforeAll
  void open(DatabaseCoordinates database) {
    this.database = database;
    vertx = Vertx.vertx();
    pool = ReactiveDatabase.pool(vertx, database, 2);
    sessions = ReactiveDatabase.sessions(vertx, database, 2, DisputeStore.ENTITIES);
    store = new DisputeStore(sessions, pool, CIPHER);
  }

  @AfterAll
  void close() {
    sessions.close();
    Blocking.await(pool.close(), WAIT);
    Blocking.await(vertx.close(), WAIT);
  }

  @Test
  void aDisputeTheEarlierStoreWroteReadsBackInTheClear() throws Exception {
    String subject = subject("a");
    UUID resolvedId = UUID.randomUUID();
    UUID openId = UUID.randomUUID();
    UUID openRecord = UUID.randomUUID();
    execute("insert into disputes (id, subject_ref, record_id, record_kind, reason, status, filed_at, due_by, filed_audit_index, "
            + "resolved_at, resolved_by, resolution_note, resolved_audit_index) values (?, ?, ?, 'PUBLIC_RECORD', ?, 'REJECTED', ?, ?, 3, "
            + "?, 'operator:desk', ?, 5)",
        resolvedId, subject, UUID.randomUUID(), seal("金额有误", RowBinding.disputeReason(resolvedId)), FILED, FILED.plus(Duration.ofDays(20)),
        FILED.plus(Duration.ofDays(2)), seal("经核实无误", RowBinding.disputeResolutionNote(resolvedId)));
    execute("insert into disputes (id, subject_ref, record_id, record_kind, reason, status, filed_at, due_by, filed_audit_index) "
            + "values (?, ?, ?, 'ACCOUNT', ?, 'OPEN', ?, ?, 8)",
        openId, subject, openRecord, seal("不是我的账户", RowBinding.disputeReason(openId)), FILED.plus(Duration.ofDays(1)),
        FILED.plus(Duration.ofDays(21)));

    var mine = Blocking.await(store.of(subject), WAIT);

    assertThat(mine).extracting(Dispute::id).as("newest first").containsExactly(openId, resolvedId);
    Dispute resolved = mine.get(1);
    assertThat(resolved.reason()).isEqualTo("金额有误");
    assertThat(resolved.status()).isEqualTo(DisputeStatus.REJECTED);
    assertThat(resolved.recordKind()).isEqualTo(RecordKind.PUBLIC_RECORD);
    assertThat(resolved.resolvedAt()).contains(FILED.plus(Duration.ofDays(2)));
    assertThat(resolved.resolvedBy()).contains("operator:desk");
    assertThat(resolved.resolutionNote()).contains("经核实无误");
    assertThat(resolved.resolvedAuditIndex()).contains(5L);
    Dispute open = mine.get(0);
    assertThat(open.reason()).isEqualTo("不是我的账户");
    assertThat(open.resolvedAt()).isEmpty();
    assertThat(open.resolutionNote()).isEmpty();
    assertThat(Blocking.await(store.withStatus(DisputeStatus.OPEN), WAIT)).extracting(Dispute::id).contains(openId)
        .doesNotContain(resolvedId);
    assertThat(Blocking.await(store.withStatus(DisputeStatus.REJECTED), WAIT)).extracting(Dispute::id).contains(resolvedId)
        .doesNotContain(openId);
    assertThat(Blocking.await(store.all(), WAIT)).extracting(Dispute::id).containsSubsequence(resolvedId, openId);
    assertThat(Blocking.await(store.openRecordIds(subject), WAIT)).containsExactly(openRecord);
  }

  @Test
  void aDisputeFiledAndResolvedHereIsSealedBoundToItsRow() throws Exception {
    String subject = subject("b");
    Dispute filed = new Dispute(UUID.randomUUID(), subject, UUID.randomUUID(), RecordKind.ACCOUNT, "逾期记录有误", DisputeStatus.OPEN,
        FILED, FILED.plus(Duration.ofDays(20)), 11, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    Blocking.await(sessions.inTransaction(tx -> store.insert(tx, filed)), WAIT);
    Dispute closed = new Dispute(filed.id(), subject, filed.recordId(), filed.recordKind(), filed.reason(), DisputeStatus.CORRECTED,
        filed.filedAt(), filed.dueBy(), 11, Optional.of(FILED.plus(Duration.ofDays(3))), Optional.of("operator:desk"),
        Optional.of("已更正"), Optional.of(14L));

    Optional<Dispute> locked = Blocking.await(sessions.inTransaction(tx -> store.lock(tx, filed.id())
        .compose(found -> store.resolve(tx, closed).map(found))), WAIT);

    assertThat(locked).contains(filed);
    byte[] reason = bytes("select reason from disputes where id = ?", filed.id());
    byte[] note = bytes("select resolution_note from disputes where id = ?", filed.id());
    assertThat(new String(reason, StandardCharsets.ISO_8859_1)).doesNotContain(new String("逾期记录有误".getBytes(StandardCharsets.UTF_8),
        StandardCharsets.ISO_8859_1));
    assertThat(new String(CIPHER.decrypt(reason, RowBinding.disputeReason(filed.id())), StandardCharsets.UTF_8)).isEqualTo("逾期记录有误");
    assertThat(new String(CIPHER.decrypt(note, RowBinding.disputeResolutionNote(filed.id())), StandardCharsets.UTF_8)).isEqualTo("已更正");
    assertThat(Blocking.await(store.of(subject), WAIT)).containsExactly(closed);
    Optional<Dispute> none = Blocking.await(sessions.inTransaction(tx -> store.lock(tx, UUID.randomUUID())), WAIT);
    assertThat(none).isEmpty();
  }

  /** A subject of its own for each test: disputes name their subject. */
  private String subject(String digit) throws SQLException {
    String subject = digit.repeat(64);
    execute("insert into subjects (subject_ref, identity) values (?, ?)", subject, new byte[] {0});
    return subject;
  }

  private static byte[] seal(String text, byte[] binding) {
    return CIPHER.encrypt(text.getBytes(StandardCharsets.UTF_8), binding);
  }

  private void execute(String sql, Object... values) throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        Object value = values[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : values[i];
        statement.setObject(i + 1, value);
      }
      statement.executeUpdate();
    }
  }

  private byte[] bytes(String sql, UUID id) throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, id);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getBytes(1);
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
