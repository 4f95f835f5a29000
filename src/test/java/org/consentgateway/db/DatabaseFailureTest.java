package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The failures a real pool raises when the database cannot answer, each told apart by {@link
 * DatabaseFailure} however it is wrapped; and the timeouts of {@link PoolTimeouts} in force on
 * every connection, the Vert.x pool's and Hibernate Reactive's alike.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseFailureTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final PoolTimeouts SHORT =
      new PoolTimeouts(Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(1500));

  private Vertx vertx;

  @BeforeAll
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  void stop() {
    Blocking.await(vertx.close(), WAIT);
  }

  @Test
  void everyConnectionOfThePoolCarriesTheServerTimeouts(DatabaseCoordinates database) {
    Pool pool = ReactiveDatabase.pool(vertx, database, 1, SHORT);
    try {
      assertThat(show(pool, "statement_timeout")).isEqualTo("300ms");
      assertThat(show(pool, "idle_in_transaction_session_timeout")).isEqualTo("1500ms");
    } finally {
      Blocking.await(pool.close(), WAIT);
    }
  }

  @Test
  void hibernatesConnectionsCarryThemToo(DatabaseCoordinates database) {
    Sessions sessions = ReactiveDatabase.sessions(vertx, database, 1, SHORT, List.of());
    try {
      String timeout = Blocking.await(sessions.reading(tx -> tx.await(
          tx.session().createNativeQuery("show statement_timeout", String.class).getSingleResult())), WAIT);
      assertThat(timeout).isEqualTo("300ms");
    } finally {
      sessions.close();
    }
  }

  @Test
  void theDefaultsAreInForceWhenNoneAreGiven(DatabaseCoordinates database) {
    Pool pool = ReactiveDatabase.pool(vertx, database, 1);
    try {
      assertThat(show(pool, "statement_timeout")).isEqualTo("10s");
      assertThat(show(pool, "idle_in_transaction_session_timeout")).isEqualTo("30s");
    } finally {
      Blocking.await(pool.close(), WAIT);
    }
  }

  @Test
  void aStatementOverItsTimeoutIsTimedOut(DatabaseCoordinates database) {
    Pool pool = ReactiveDatabase.pool(vertx, database, 1, SHORT);
    try {
      Throwable failure = failureOf(pool.query("select pg_sleep(5)").execute());

      assertThat(DatabaseFailure.of(failure)).contains(DatabaseFailure.TIMED_OUT);
    } finally {
      Blocking.await(pool.close(), WAIT);
    }
  }

  @Test
  void aStatementOverItsTimeoutInAHibernateSessionIsTimedOutThroughItsWrappers(DatabaseCoordinates database) {
    Sessions sessions = ReactiveDatabase.sessions(vertx, database, 1, SHORT, List.of());
    try {
      Throwable failure = failureOf(sessions.reading(tx -> tx.await(
          tx.session().createNativeQuery("select pg_sleep(5)").getSingleResult())));

      assertThat(DatabaseFailure.of(failure)).contains(DatabaseFailure.TIMED_OUT);
      assertThat(DatabaseFailure.of(new CompletionException(new HibernateException("wrapped", failure))))
          .contains(DatabaseFailure.TIMED_OUT);
    } finally {
      sessions.close();
    }
  }

  @Test
  void waitingForABusyPoolPastThePoolWaitIsPoolExhausted(DatabaseCoordinates database) {
    Pool pool = ReactiveDatabase.pool(vertx, database, 1, SHORT);
    try {
      SqlConnection held = Blocking.await(pool.getConnection(), WAIT);
      try {
        Throwable failure = failureOf(pool.query("select 1").execute());

        assertThat(DatabaseFailure.of(failure)).contains(DatabaseFailure.POOL_EXHAUSTED);
      } finally {
        Blocking.await(held.close(), WAIT);
      }
    } finally {
      Blocking.await(pool.close(), WAIT);
    }
  }

  @Test
  void aServerThatIsNotListeningIsUnreachable(DatabaseCoordinates database) {
    DatabaseCoordinates nowhere = new DatabaseCoordinates(database.host(), unusedPort(), database.database(), database.user(),
        database.password());
    Pool pool = ReactiveDatabase.pool(vertx, nowhere, 1, SHORT);
    try {
      Throwable failure = failureOf(pool.query("select 1").execute());

      assertThat(DatabaseFailure.of(failure)).contains(DatabaseFailure.UNREACHABLE);
    } finally {
      Blocking.await(pool.close(), WAIT);
    }
  }

  @Test
  void aConnectionTheServerEndsIsLost(DatabaseCoordinates database) {
    Pool pool = ReactiveDatabase.pool(vertx, database, 2, SHORT);
    try {
      SqlConnection victim = Blocking.await(pool.getConnection(), WAIT);
      int pid = Blocking.await(victim.query("select pg_backend_pid()").execute(), WAIT).iterator().next().getInteger(0);
      Blocking.await(pool.query("select pg_terminate_backend(" + pid + ")").execute(), WAIT);

      Throwable failure = failureOf(victim.query("select 1").execute());

      assertThat(DatabaseFailure.of(failure)).hasValueSatisfying(
          kind -> assertThat(kind).isIn(DatabaseFailure.CONNECTION_LOST, DatabaseFailure.REFUSED));
    } finally {
      Blocking.await(pool.close(), WAIT);
    }
  }

  @Test
  void refusalsAndBugsAreNotDatabaseFailures(DatabaseCoordinates database) {
    Pool pool = ReactiveDatabase.pool(vertx, database, 1, SHORT);
    try {
      Throwable syntax = failureOf(pool.query("select nonsense from nowhere").execute());

      assertThat(DatabaseFailure.of(syntax)).isEmpty();
    } finally {
      Blocking.await(pool.close(), WAIT);
    }
    assertThat(DatabaseFailure.of(new ProblemException(ErrorCode.NOT_FOUND, "No such consent."))).isEmpty();
    assertThat(DatabaseFailure.of(new IllegalStateException("Timeout"))).isEmpty();
    assertThat(DatabaseFailure.of(new NullPointerException())).isEmpty();
  }

  private static String show(Pool pool, String setting) {
    return Blocking.await(pool.query("show " + setting).execute(), WAIT).iterator().next().getString(0);
  }

  /** What {@code future} failed with, exactly as the pool raised it. */
  private static Throwable failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException(e);
    }
    throw new AssertionError("the work should have failed");
  }

  private static int unusedPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
