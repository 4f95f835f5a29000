package org.consentgateway.db;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The ways a database can fail to answer, told apart from a refusal or a bug: the one mapping the
 * HTTP answers ({@code 503 unavailable}), the app's error page and readiness use. A failure is
 * looked for along the whole cause chain, because Hibernate Reactive, the stores and
 * {@code CompletionException} wrap what the pool raised.
 */
public enum DatabaseFailure {
  /** No connection could be made: the server is down, or not listening (yet). */
  UNREACHABLE,
  /** A connection broke while in use: the server died or closed it. */
  CONNECTION_LOST,
  /** Every connection of the pool was busy for longer than the pool-wait timeout, or its wait queue was full. */
  POOL_EXHAUSTED,
  /** The server cancelled a statement (statement timeout) or ended an idle transaction; or a wait for it timed out. */
  TIMED_OUT,
  /** The server refuses work: shutting down, starting up, recovering, or out of connections. */
  REFUSED;

  /**
   * The Vert.x pool fails a wait that timed out with a bare exception of these messages, and no
   * type of its own (vertx-sql-client 4.5); {@code DatabaseFailureTest} pins them on a real pool.
   */
  private static final String POOL_WAIT_TIMEOUT = "Timeout waiting for connection";
  private static final String POOL_WAIT_TIMEOUT_SHORT = "Timeout";
  /** A query on a connection the server already closed fails with a bare exception of this message. */
  private static final String CONNECTION_NOT_ACTIVE = "Connection is not active now";
  /** Cause chains are short; a bound guards against a cycle. */
  private static final int MAX_DEPTH = 32;

  /** The kind's label in metrics: a fixed set, so no label value ever comes from a message or a client. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The kind of database failure {@code failure} is (or wraps), or empty when it is something else. */
  public static Optional<DatabaseFailure> of(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
      Optional<DatabaseFailure> kind = ofItself(cause);
      if (kind.isPresent()) {
        return kind;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return Optional.empty();
  }

  /** True when {@code failure} is (or wraps) a database that cannot answer now. */
  public static boolean unavailable(Throwable failure) {
    return of(failure).isPresent();
  }

  private static Optional<DatabaseFailure> ofItself(Throwable failure) {
    if (failure instanceof java.net.ConnectException || failure instanceof java.net.NoRouteToHostException
        || failure instanceof java.net.UnknownHostException) {
      return Optional.of(UNREACHABLE);
    }
    if (failure instanceof ClosedConnectionException || failure instanceof java.nio.channels.ClosedChannelException
        || failure instanceof java.net.SocketException || failure instanceof java.io.EOFException) {
      return Optional.of(CONNECTION_LOST);
    }
    if (failure instanceof ConnectionPoolTooBusyException) {
      return Optional.of(POOL_EXHAUSTED);
    }
    if (failure instanceof TimeoutException) {
      return Optional.of(TIMED_OUT);
    }
    if (failure instanceof DatabaseException database) {
      return ofSqlState(database.getSqlState());
    }
    if (failure instanceof SQLException sql) {
      return ofSqlState(sql.getSQLState());
    }
    if (failure instanceof IOException && "Connection reset by peer".equals(failure.getMessage())) {
      return Optional.of(CONNECTION_LOST);
    }
    String message = failure.getMessage();
    if (failure.getClass().getName().startsWith("io.vertx.") && message != null) {
      if (POOL_WAIT_TIMEOUT.equals(message) || POOL_WAIT_TIMEOUT_SHORT.equals(message)) {
        return Optional.of(POOL_EXHAUSTED);
      }
      if (message.startsWith(CONNECTION_NOT_ACTIVE)) {
        return Optional.of(CONNECTION_LOST);
      }
    }
    return Optional.empty();
  }

  /** PostgreSQL's SQLSTATE classes (Appendix A of its manual) that mean "not now", not "not so". */
  private static Optional<DatabaseFailure> ofSqlState(String state) {
    if (state == null || state.length() != 5) {
      return Optional.empty();
    }
    if (state.startsWith("08")) {
      return Optional.of(CONNECTION_LOST); // connection_exception
    }
    if (state.equals("57014") || state.equals("25P03")) {
      return Optional.of(TIMED_OUT); // query_canceled (statement_timeout), idle_in_transaction_session_timeout
    }
    if (state.startsWith("57P") || state.startsWith("53")) {
      return Optional.of(REFUSED); // admin_shutdown, crash_shutdown, cannot_connect_now; insufficient_resources
    }
    return Optional.empty();
  }
}
