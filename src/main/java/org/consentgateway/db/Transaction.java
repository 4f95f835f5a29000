package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import org.hibernate.reactive.stage.Stage;

/**
 * One Hibernate Reactive session at work, in a transaction ({@link Sessions#inTransaction}) or
 * not ({@link Sessions#reading}). Stores use {@link #session()} for their entities and native SQL
 * of their own tables, and pass the transaction to another capability's store when a change spans
 * both (a dispute's filing locks its record). Bound to the context that opened the session.
 */
public final class Transaction {

  private final Stage.Session session;
  private final Context context;

  Transaction(Stage.Session session, Context context) {
    this.session = requireNonNull(session, "session is null");
    this.context = requireNonNull(context, "the session was opened off a Vert.x context");
  }

  /** The session: only for the store that owns the entities it touches, and only on this transaction's context. */
  public Stage.Session session() {
    return session;
  }

  /** A stage of the session's work, as a future whose callbacks run on the session's context. */
  public <T> Future<T> await(CompletionStage<T> stage) {
    return Sessions.unwrapped(Future.fromCompletionStage(stage, context));
  }

  /**
   * A future completed elsewhere (the audit log's entry), brought back onto the session's context
   * before the session is touched again: Hibernate Reactive refuses a session used from another thread.
   */
  public <T> Future<T> rejoin(Future<T> elsewhere) {
    Promise<T> rejoined = Promise.promise();
    elsewhere.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        rejoined.handle(result);
      } else {
        context.runOnContext(nothing -> rejoined.handle(result));
      }
    });
    return rejoined.future();
  }
}
