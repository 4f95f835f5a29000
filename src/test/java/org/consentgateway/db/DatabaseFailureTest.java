package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
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
    withPool(database, 1, SHORT, pool -> {
      assertThat(show(pool, "statement_timeout")).isEqualTo("300ms");
      assertThat(show(pool, "idle_in_transaction_session_timeout")).isEqualTo("1500ms");
    });
  }

  @Test
  void hibernatesConnectionsCarryThemToo(DatabaseCoordinates database) {
    withSessions(database, sessions -> {
      String timeout = Blocking.await(sessions.reading(tx -> tx.await(
          tx.session().createNativeQuery("show statement_timeout", String.class).getSingleResult())), WAIT);
      assertThat(timeout).isEqualTo("300ms");
    });
  }

  @Test
  void theDefaultsAreInForceWhenNoneAreGiven(DatabaseCoordinates database) {
    withPool(database, 1, PoolTimeouts.DEFAULTS, pool -> {
      assertThat(show(pool, "statement_timeout")).isEqualTo("10s");
      assertThat(show(pool, "idle_in_transaction_session_timeout")).isEqualTo("30s");
    });
  }

  @Test
  void aStatementOverItsTimeoutIsTimedOut(DatabaseCoordinates database) {
    withPool(database, 1, SHORT, pool -> {
      Throwable failure = failureOf(pool.query("select pg_sleep(5)").execute());

      assertThat(DatabaseFailure.of(failure)).contains(DatabaseFailure.TIMED_OUT);
    });
  }

  @Test
  void aStatementOverItsTimeoutInAHibernateSessionIsTimedOutThroughItsWrappers(DatabaseCoordinates database) {
    withSessions(database, sessions -> {
      Throwable failure = failureOf(sessions.reading(tx -> tx.await(
          tx.session().createNativeQuery("select pg_sleep(5)").getSingleResult())));

      assertThat(DatabaseFailure.of(failure)).contains(DatabaseFailure.TIMED_OUT);
      assertThat(DatabaseFailure.of(new CompletionException(new HibernateException("wrapped", failure))))
          .contains(DatabaseFailure.TIMED_OUT);
    });
  }

  @Test
  void waitingForABusyPoolPastThePoolWaitIsPoolExhausted(DatabaseCoordinates database) {
    withPool(database, 1, SHORT, pool -> {
      SqlConnection held = Blocking.await(pool.getConnection(), WAIT);
      try {
        Throwable failure = failureOf(pool.query("select 1").execute());

        assertThat(DatabaseFailure.of(failure)).contains(DatabaseFailure.POOL_EXHAUSTED);
      } finally {
        Blocking.await(held.close(), WAIT);
      }
    });
  }

  @Test
  void aServerThatIsNotListeningIsUnreachable(DatabaseCoordinates database) {
    DatabaseCoordinates nowhere = new DatabaseCoordinates(database.host(), TestDatabase.freePort(), database.database(),
        database.user(), database.password());
    withPool(nowhere, 1, SHORT, pool -> {
      Throwable failure = failureOf(pool.query("select 1").execute());

      assertThat(DatabaseFailure.of(failure)).contains(DatabaseFailure.UNREACHABLE);
    });
  }

  @Test
  void aConnectionTheServerEndsIsLost(DatabaseCoordinates database) {
    withPool(database, 2, SHORT, pool -> {
      SqlConnection victim = Blocking.await(pool.getConnection(), WAIT);
      int pid = Blocking.await(victim.query("select pg_backend_pid()").execute(), WAIT).iterator().next().getInteger(0);
      Blocking.await(pool.query("select pg_terminate_backend(" + pid + ")").execute(), WAIT);

      Throwable failure = failureOf(victim.query("select 1").execute());

      assertThat(DatabaseFailure.of(failure)).as(String.valueOf(failure)).hasValueSatisfying(
          kind -> assertThat(kind).isIn(DatabaseFailure.CONNECTION_LOST, DatabaseFailure.REFUSED));
    });
  }

  @Test
  void refusalsAndBugsAreNotDatabaseFailures(DatabaseCoordinates database) {
    withPool(database, 1, SHORT, pool -> {
      Throwable syntax = failureOf(pool.query("select nonsense from nowhere").execute());

      assertThat(DatabaseFailure.of(syntax)).isEmpty();
    });
    assertThat(DatabaseFailure.of(new ProblemException(ErrorCode.NOT_FOUND, "No such consent."))).isEmpty();
    assertThat(DatabaseFailure.of(new IllegalStateException("Timeout"))).isEmpty();
    assertThat(DatabaseFailure.of(new NullPointerException())).isEmpty();
  }

  private void withPool(DatabaseCoordinates database, int size, PoolTimeouts timeouts, Consumer<Pool> work) {
    Pool pool = ReactiveDatabase.pool(vertx, database, size, timeouts);
    try {
      work.accept(pool);
    } finally {
      Blocking.await(pool.close(), WAIT);
    }
  }

  private void withSessions(DatabaseCoordinates database, Consumer<Sessions> work) {
    Sessions sessions = ReactiveDatabase.sessions(vertx, database, 1, SHORT, List.of());
    try {
      work.accept(sessions);
    } finally {
      sessions.close();
    }
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

}
