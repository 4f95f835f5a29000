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
 * <p>A session is bound to the event-loop thread that opened it: the work always starts on a
 * Vert.x context (the caller's, or one of Vert.x's when the caller is on no Vert.x thread), and
 * {@link Transaction} brings every continuation back onto it. Never blocks.
 *
 * <p>Each work opens a session of its own and closes it when done. Hibernate's own {@code
 * withSession} and {@code withTransaction} would instead reuse a session they find on the current
 * Vert.x context: two works started at once on one context (a request's reads joined, or two
 * callers on one command-line thread) would share one session, its persistence context and its
 * transaction.
 */
public final class Sessions {

  private final Vertx vertx;
  private final Stage.SessionFactory factory;

  public Sessions(Vertx vertx, Stage.SessionFactory factory) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.factory = requireNonNull(factory, "factory is null");
  }

  /**
   * Runs {@code work} in one transaction: it commits when the work's future succeeds and the
   * session flushes, and rolls back when either fails; the result fails with the work's failure.
   */
  public <T> Future<T> inTransaction(Function<Transaction, Future<T>> work) {
    requireNonNull(work, "work is null");
    return onContext(() -> inOwnSession(session -> session.withTransaction(transaction -> run(session, work))));
  }

  /** Runs {@code work} in one session without a transaction of its own: reads. */
  public <T> Future<T> reading(Function<Transaction, Future<T>> work) {
    requireNonNull(work, "work is null");
    return onContext(() -> inOwnSession(session -> run(session, work)));
  }

  /** Opens a session for {@code work} alone and closes it once the work is done, whatever the outcome. */
  private <T> CompletionStage<T> inOwnSession(Function<Stage.Session, CompletionStage<T>> work) {
    return factory.openSession().thenCompose(session -> {
      CompletionStage<T> done;
      try {
        done = work.apply(session);
      } catch (RuntimeException e) {
        done = CompletableFuture.failedStage(e);
      }
      // The outcome is the work's: a session that fails to close has nothing left to undo.
      return done.handle(Outcome::new)
          .thenCompose(outcome -> session.close().handle((closed, ignored) -> outcome))
          .thenCompose(Outcome::stage);
    });
  }

  /** How a work ended, kept while its session closes. */
  private record Outcome<T>(T value, Throwable failure) {
    CompletionStage<T> stage() {
      return failure == null ? CompletableFuture.completedStage(value) : CompletableFuture.failedStage(failure);
    }
  }

  private static <T> CompletionStage<T> run(Stage.Session session, Function<Transaction, Future<T>> work) {
    Transaction transaction = new Transaction(session, Vertx.currentContext());
    Future<T> result;
    try {
      result = work.apply(transaction);
    } catch (RuntimeException e) {
      result = Future.failedFuture(e);
    }
    // The session may flush and commit only once the work is done, on the session's own thread.
    return transaction.rejoin(result).toCompletionStage();
  }

  private <T> Future<T> onContext(java.util.function.Supplier<CompletionStage<T>> start) {
    Context caller = Vertx.currentContext();
    if (caller != null) {
      return Future.fromCompletionStage(start.get(), caller).recover(failure -> Future.failedFuture(unwrapped(failure)));
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
          result.fail(unwrapped(failure));
        } else {
          result.complete(value);
        }
      });
    });
    return result.future();
  }

  // Hibernate's stages hand a failure on wrapped in CompletionException; the caller gets the work's own
  // failure (a ProblemException keeps its code).
  private static Throwable unwrapped(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** Closes the session factory and its connections. */
  public void close() {
    factory.close();
  }
}
