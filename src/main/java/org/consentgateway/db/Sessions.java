package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.hibernate.reactive.stage.Stage;

/**
 * Hibernate Reactive sessions as the stores use them: work in one transaction (or one session
 * without a transaction, for reads), handed a {@link Transaction} and answered as a Vert.x
 * {@link Future} on the caller's context. Hibernate's {@code CompletionStage}s are converted here
 * and in {@link Transaction}, at the store edge, nowhere else.
 *
 * <p>Each piece of work has a session, and so a connection, of its own. A session is bound to the
 * event-loop thread that opened it: the work always starts on a Vert.x context (the caller's, or
 * one of Vert.x's when the caller is on no Vert.x thread), and {@link Transaction} brings every
 * continuation back onto it. Never blocks.
 */
public final class Sessions {

  /**
   * Hibernate Reactive 3.3 does not pass run-time parameters to the server when it connects (the
   * URL's query is parsed, then lost on the way to the driver), so each piece of work sets the
   * server's timeouts on its own connection first: one short statement, no round trip of its own
   * waited for separately.
   */
  private static final String SET_TIMEOUTS = "select set_config('statement_timeout', :statement, false),"
      + " set_config('idle_in_transaction_session_timeout', :idle, false)";

  private final Vertx vertx;
  private final Stage.SessionFactory factory;
  private final PoolTimeouts timeouts;

  public Sessions(Vertx vertx, Stage.SessionFactory factory) {
    this(vertx, factory, PoolTimeouts.DEFAULTS);
  }

  public Sessions(Vertx vertx, Stage.SessionFactory factory, PoolTimeouts timeouts) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.factory = requireNonNull(factory, "factory is null");
    this.timeouts = requireNonNull(timeouts, "timeouts is null");
  }

  /**
   * Runs {@code work} in one transaction: it commits when the work's future succeeds and the
   * session flushes, and rolls back when either fails; the result fails with the work's failure.
   */
  public <T> Future<T> inTransaction(Function<Transaction, Future<T>> work) {
    requireNonNull(work, "work is null");
    return onContext(() -> inNewSession(session -> session.withTransaction(transaction -> run(session, work))));
  }

  /** Runs {@code work} in one session without a transaction of its own: reads. */
  public <T> Future<T> reading(Function<Transaction, Future<T>> work) {
    requireNonNull(work, "work is null");
    return onContext(() -> inNewSession(session -> run(session, work)));
  }

  /**
   * A session of its own for each piece of work, closed when the work is done. Not the factory's
   * {@code withSession}/{@code withTransaction}: those reuse a session already open on the current
   * Vert.x context, so two pieces of work started at once on one context (two reads of one request
   * in parallel, two changes from one command-line thread) would share one session and one
   * transaction.
   */
  private <T> CompletionStage<T> inNewSession(Function<Stage.Session, CompletionStage<T>> work) {
    return factory.openSession().thenCompose(session -> {
      CompletionStage<T> result;
      try {
        result = work.apply(session);
      } catch (RuntimeException e) {
        result = CompletableFuture.failedFuture(e);
      }
      return result.handle((value, failure) -> session.close()
              .thenCompose(closed -> failure == null ? CompletableFuture.completedFuture(value)
                  : CompletableFuture.<T>failedFuture(cause(failure))))
          .thenCompose(Function.identity());
    });
  }

  private <T> CompletionStage<T> run(Stage.Session session, Function<Transaction, Future<T>> work) {
    Transaction transaction = new Transaction(session, Vertx.currentContext());
    Future<T> result = transaction.await(session.createNativeQuery(SET_TIMEOUTS)
            .setParameter("statement", Long.toString(timeouts.statement().toMillis()))
            .setParameter("idle", Long.toString(timeouts.idleInTransaction().toMillis()))
            .getSingleResult())
        .compose(set -> {
          try {
            return work.apply(transaction);
          } catch (RuntimeException e) {
            return Future.failedFuture(e);
          }
        });
    // The session may flush and commit only once the work is done, on the session's own thread.
    return transaction.rejoin(result).toCompletionStage();
  }

  private <T> Future<T> onContext(java.util.function.Supplier<CompletionStage<T>> start) {
    Context caller = Vertx.currentContext();
    if (caller != null) {
      return unwrapped(Future.fromCompletionStage(start.get(), caller));
    }
    // Off Vert.x (start-up, the command line): open the session on a context of Vert.x's.
    Context context = vertx.getOrCreateContext();
    Promise<T> result = Promise.promise();
    context.runOnContext(nothing -> {
      CompletionStage<T> stage;
      try {
        stage = start.get();
      } catch (RuntimeException e) {
        result.fail(e);
        return;
      }
      stage.whenComplete((value, failure) -> {
        if (failure != null) {
          result.fail(cause(failure));
        } else {
          result.complete(value);
        }
      });
    });
    return result.future();
  }

  /**
   * The failure as the work raised it: a stage completes exceptionally with a {@link
   * CompletionException} around it once it has passed through a dependent stage, and a caller must
   * see the work's own exception (a 404 or 409 decision, the audit log's 503), not a wrapper.
   */
  static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException wrapper && wrapper.getCause() != null ? wrapper.getCause() : failure;
  }

  static <T> Future<T> unwrapped(Future<T> future) {
    return future.recover(failure -> Future.failedFuture(cause(failure)));
  }

  /** Closes the session factory and its connections. */
  public void close() {
    factory.close();
  }
}
