package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hibernate Reactive work through {@link Sessions}: a transaction that waits for a future completed
 * on another context (as a change waits for its audit entry) still commits, from any thread; a
 * failed one leaves nothing behind.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A row of the operators table, enough of it for the test. */
  @Entity
  @Table(name = "operators")
  static class OperatorRow {
    @Id
    @Column(name = "id", columnDefinition = "text")
    String id;

    @Column(name = "name", nullable = false, columnDefinition = "text")
    String name;

    @Column(name = "public_key", nullable = false, columnDefinition = "text")
    String publicKey;

    OperatorRow() {}

    OperatorRow(String id, String name) {
      this.id = id;
      this.name = name;
      this.publicKey = "{}";
    }
  }

  private Vertx vertx;
  private Vertx elsewhere;
  private Sessions sessions;

  @BeforeAll
  void open(DatabaseCoordinates database) {
    vertx = Vertx.vertx();
    elsewhere = Vertx.vertx();
    sessions = ReactiveDatabase.sessions(vertx, database, 2, List.of(OperatorRow.class));
  }

  @AfterAll
  void close() {
    sessions.close();
    Blocking.await(vertx.close(), WAIT);
    Blocking.await(elsewhere.close(), WAIT);
  }

  @Test
  void aTransactionWaitingOnAnotherContextCommitsFromTheMainThread() {
    Blocking.await(sessions.inTransaction(tx -> tx.await(tx.session().persist(new OperatorRow("op-main", "first")))
        .compose(persisted -> tx.rejoin(later("entry")))
        .compose(entry -> tx.await(tx.session().find(OperatorRow.class, "op-main")))
        .map(found -> {
          found.name = "second";
          return found;
        })), WAIT);

    assertThat(name("op-main")).isEqualTo("second");
  }

  @Test
  void aTransactionStartedOnAnEventLoopCommitsToo() {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(nothing -> sessions.inTransaction(tx -> tx.await(tx.session().persist(new OperatorRow("op-loop", "loop")))
            .compose(persisted -> tx.rejoin(later("entry"))))
        .<Void>mapEmpty().onComplete(done));
    Blocking.await(done.future(), WAIT);

    assertThat(name("op-loop")).isEqualTo("loop");
  }

  @Test
  void aFailedTransactionLeavesNothing() {
    Future<Object> failed = sessions.inTransaction(tx -> tx.await(tx.session().persist(new OperatorRow("op-gone", "gone")))
        .compose(persisted -> tx.rejoin(Future.failedFuture(new IllegalStateException("the audit log is down")))));

    assertThatThrownBy(() -> Blocking.await(failed, WAIT)).hasMessageContaining("the audit log is down");
    OperatorRow gone = Blocking.await(sessions.reading(tx -> tx.await(tx.session().find(OperatorRow.class, "op-gone"))), WAIT);
    assertThat(gone == null).as("a rolled-back row is not there").isTrue();
  }

  @Test
  void aFailedTransactionFailsWithTheWorksOwnFailureUnwrapped() {
    IllegalStateException refused = new IllegalStateException("refused by the work");
    Function<Transaction, Future<Object>> work = tx -> tx.await(tx.session().persist(new OperatorRow("op-refused", "refused")))
        .compose(persisted -> Future.failedFuture(refused));
    Promise<Object> onTheLoop = Promise.promise();
    vertx.runOnContext(nothing -> sessions.inTransaction(work).onComplete(onTheLoop));

    assertThatThrownBy(() -> Blocking.await(sessions.inTransaction(work), WAIT)).isSameAs(refused);
    assertThatThrownBy(() -> Blocking.await(onTheLoop.future(), WAIT)).isSameAs(refused);
  }

  @Test
  void twoTransactionsStartedAtOnceOnOneContextHaveASessionEach() {
    Promise<Void> both = Promise.promise();
    vertx.runOnContext(nothing -> Future.join(
            sessions.inTransaction(tx -> tx.await(tx.session().persist(new OperatorRow("op-one", "one")))
                .compose(persisted -> tx.rejoin(later("entry")))),
            sessions.inTransaction(tx -> tx.await(tx.session().persist(new OperatorRow("op-two", "two")))
                .compose(persisted -> tx.rejoin(Future.failedFuture(new IllegalStateException("the second fails"))))))
        .<Void>mapEmpty().otherwiseEmpty().onComplete(both));
    Blocking.await(both.future(), WAIT);

    assertThat(name("op-one")).isEqualTo("one");
    OperatorRow two = Blocking.await(sessions.reading(tx -> tx.await(tx.session().find(OperatorRow.class, "op-two"))), WAIT);
    assertThat(two == null).as("the failed transaction's row is not there").isTrue();
  }

  private String name(String id) {
    return Blocking.await(sessions.reading(tx -> tx.await(tx.session().find(OperatorRow.class, id))), WAIT).name;
  }

  /** A value that arrives on a context of another Vert.x, a little later. */
  private Future<String> later(String value) {
    Promise<String> promise = Promise.promise();
    elsewhere.setTimer(20, id -> promise.complete(value));
    return promise.future();
  }
}
