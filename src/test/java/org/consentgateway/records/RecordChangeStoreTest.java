package org.consentgateway.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The records' part of a change in a Hibernate Reactive transaction: a correction archives the
 * version it replaces exactly as stored, and a citizen's second first statement on a record waits
 * for the first instead of failing on the key.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordChangeStoreTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final GatewayKeys KEYS = GatewayKeys.ephemeral();
  private static final Instant NOW = Instant.parse("2026-11-20T08:00:00Z");

  private DatabaseCoordinates database;
  private Vertx vertx;
  private Pool pool;
  private Sessions sessions;
  private RecordStore store;
  private RecordChangeStore changes;
  private CreditFile file;
  private String subjectRef;

  @BeforeAll
  void open(DatabaseCoordinates database) throws Exception {
    this.database = database;
    file = new SyntheticCreditData(31, LocalDate.of(2026, 11, 1)).next();
    Path lines = Files.createTempFile("record-changes", ".jsonl");
    try {
      Files.writeString(lines, CreditFileJson.toJson(file) + "\n", StandardCharsets.UTF_8);
      assertThat(new CreditFileImport(database, KEYS.pseudonymizer(), KEYS.recordCipher(), 10).run(lines, false).committed()).isTrue();
    } finally {
      Files.delete(lines);
    }
    subjectRef = KEYS.pseudonymizer().subjectRef(file.identity().idNumber()).value();
    vertx = Vertx.vertx();
    pool = ReactiveDatabase.pool(vertx, database, 2);
    sessions = ReactiveDatabase.sessions(vertx, database, 2, RecordChangeStore.ENTITIES);
    store = new RecordStore(pool, KEYS.recordCipher());
    changes = new RecordChangeStore(KEYS.recordCipher());
  }

  @AfterAll
  void close() {
    sessions.close();
    Blocking.await(pool.close(), WAIT);
    Blocking.await(vertx.close(), WAIT);
  }

  @Test
  void aCorrectionArchivesTheVersionItReplacesAsStoredAndCountsUp() throws Exception {
    CreditAccount account = file.accounts().get(0);
    byte[] storedBefore = bytes("select payload from credit_accounts where id = ?", account.id());
    OffsetDateTime updatedBefore = time("select updated_at from credit_accounts where id = ?", account.id());
    var patch = JsonNodeFactory.instance.objectNode().put("balance", account.balance() + 1);

    RecordStore.Corrected corrected = Blocking.await(sessions.inTransaction(tx -> changes.correct(tx, account.id(), patch,
        "operator:desk", NOW)), WAIT);

    assertThat(corrected.version()).isEqualTo(2);
    assertThat(corrected.changedFields()).containsExactly("accounts[].balance");
    assertThat(bytes("select payload from record_history where record_id = ? and version = 1", account.id()))
        .as("the replaced version is the ciphertext as it was stored").isEqualTo(storedBefore);
    assertThat(time("select valid_from from record_history where record_id = ?", account.id()).toInstant())
        .isEqualTo(updatedBefore.toInstant());
    assertThat(time("select replaced_at from record_history where record_id = ?", account.id()).toInstant()).isEqualTo(NOW);
    assertThat(text("select replaced_by || '/' || coalesce(dispute_id::text, 'none') from record_history where record_id = ?",
        account.id())).isEqualTo("operator:desk/none");
    assertThat(text("select version::text from credit_accounts where id = ?", account.id())).isEqualTo("2");
    byte[] storedAfter = bytes("select payload from credit_accounts where id = ?", account.id());
    assertThat(new ObjectMapper().readTree(KEYS.recordCipher().decrypt(storedAfter, RowBinding.account(account.id())))
        .get("balance").asLong()).isEqualTo(account.balance() + 1);
  }

  @Test
  void aSecondFirstStatementOnARecordWaitsForTheFirstInsteadOfFailing() throws Exception {
    UUID recordId = file.accounts().get(1).id();
    Promise<Void> firstWritten = Promise.promise();
    Promise<Void> release = Promise.promise();
    Future<Void> first = sessions.inTransaction(tx -> changes.findOwn(tx, recordId, subjectRef)
        .compose(record -> changes.putStatement(tx, record, "第一份说明", NOW))
        .compose(written -> {
          firstWritten.complete();
          // Holds the transaction open, as a change waiting for its audit entry does.
          return tx.rejoin(release.future());
        }));
    Blocking.await(firstWritten.future(), WAIT);

    Future<Void> second = sessions.inTransaction(tx -> changes.findOwn(tx, recordId, subjectRef)
        .compose(record -> changes.putStatement(tx, record, "第二份说明", NOW.plusSeconds(1))));
    awaitOneSessionWaitingOnALock();
    release.complete();

    Blocking.await(first, WAIT);
    Blocking.await(second, WAIT);
    assertThat(Blocking.await(store.statements(subjectRef), WAIT)).containsOnly(entry(recordId, "第二份说明"));
  }

  @Test
  void removingAStatementLeavesNoneAndASecondRemovalFindsNone() {
    UUID recordId = file.accounts().get(2).id();
    Blocking.await(sessions.inTransaction(tx -> changes.findOwn(tx, recordId, subjectRef)
        .compose(record -> changes.putStatement(tx, record, "已结清", NOW))), WAIT);

    List<Boolean> removals = List.of(remove(recordId), remove(recordId));

    assertThat(removals).containsExactly(true, false);
    assertThat(Blocking.await(store.statements(subjectRef), WAIT)).doesNotContainKey(recordId);
  }

  private boolean remove(UUID recordId) {
    return Blocking.await(sessions.inTransaction(tx -> changes.findOwn(tx, recordId, subjectRef)
        .compose(record -> changes.removeStatement(tx, record))), WAIT);
  }

  /** Waits until a session of this database waits on a lock: the second statement, behind the first. */
  private void awaitOneSessionWaitingOnALock() throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (waitingOnALock() == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the second statement never waited for the first");
      }
      Thread.sleep(20);
    }
  }

  private long waitingOnALock() throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()");
        ResultSet row = statement.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  private byte[] bytes(String sql, UUID id) throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = query(connection, sql, id);
        ResultSet row = statement.executeQuery()) {
      assertThat(row.next()).isTrue();
      return row.getBytes(1);
    }
  }

  private OffsetDateTime time(String sql, UUID id) throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = query(connection, sql, id);
        ResultSet row = statement.executeQuery()) {
      assertThat(row.next()).isTrue();
      return row.getObject(1, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC);
    }
  }

  private String text(String sql, UUID id) throws SQLException {
    try (Connection connection = connect(); PreparedStatement statement = query(connection, sql, id);
        ResultSet row = statement.executeQuery()) {
      assertThat(row.next()).isTrue();
      return row.getString(1);
    }
  }

  private static PreparedStatement query(Connection connection, String sql, UUID id) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statement.setObject(1, id);
    return statement;
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
