package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.Transaction;
import org.consentgateway.identity.RegistryException.Reason;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;

/**
 * The registries' way into Hibernate Reactive: one session per operation, a transaction for each
 * change, and every failure that is not already a refusal answered as {@link Reason#UNAVAILABLE}
 * naming the operation. Never blocks.
 */
final class RegistrySessions {

  private final Sessions sessions;

  RegistrySessions(Sessions sessions) {
    this.sessions = requireNonNull(sessions, "sessions is null");
  }

  /**
   * Reads in one session.
   *
   * @param what the operation, for the message if the database fails ("read institution X")
   */
  <T> Future<T> reading(String what, Function<Transaction, Future<T>> work) {
    return sessions.reading(work).recover(failure -> Future.failedFuture(failure(what, failure)));
  }

  /** Changes in one transaction: written whole, or (refused, or the database failed) not at all. */
  <T> Future<T> changing(String what, Function<Transaction, Future<T>> work) {
    return sessions.inTransaction(work).recover(failure -> Future.failedFuture(failure(what, failure)));
  }

  /**
   * Inserts {@code row} now rather than at commit, so that a row another command inserted since this
   * one looked is refused as {@code duplicate}, like one that was there before.
   */
  static Future<Void> insert(Transaction tx, Object row, Supplier<RegistryException> duplicate) {
    return tx.await(tx.session().persist(row))
        .compose(persisted -> tx.await(tx.session().flush()))
        .recover(failure -> Future.failedFuture(isUniqueViolation(failure) ? duplicate.get() : failure));
  }

  /**
   * A value checked before any session is opened: a refusal needs no database, and is the same
   * whether the database is up or not.
   */
  static <T> Future<T> checked(Supplier<T> value) {
    try {
      return Future.succeededFuture(value.get());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static RegistryException failure(String what, Throwable failure) {
    return failure instanceof RegistryException refused
        ? refused
        : new RegistryException(Reason.UNAVAILABLE, "cannot " + what + ": "
            + Objects.toString(failure.getMessage(), failure.getClass().getSimpleName()), failure);
  }

  private static boolean isUniqueViolation(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException violation && violation.getKind() == ConstraintKind.UNIQUE) {
        return true;
      }
    }
    return false;
  }
}
