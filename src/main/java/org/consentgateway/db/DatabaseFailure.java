package org.consentgateway.db;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Why the database did not answer, as the {@code kind} label of the failures counter: a small,
 * fixed set, so no label value ever comes from a message or a client.
 */
public enum DatabaseFailure {
  /** Nothing listens on the port: the server is down or restarting. */
  REFUSED("refused"),
  /** A connection broke under us, or the server is shutting down or still starting up. */
  CLOSED("closed"),
  /** No answer within a budget: a frozen server, a full pool, a statement over its time. */
  TIMEOUT("timeout"),
  /** Anything else the database said or did. */
  OTHER("other");

  /** SQLSTATE class 08: connection exception. */
  private static final String CONNECTION_CLASS = "08";
  /** SQLSTATE class 57: operator intervention (shutdown, crash recovery, start-up); 57014 is a cancelled statement. */
  private static final String OPERATOR_CLASS = "57";
  private static final String QUERY_CANCELED = "57014";
  /** Hibernate Reactive and Vert.x wrap failures; the one that says what happened is a few causes down. */
  private static final int MAX_CAUSES = 16;

  private final String label;

  DatabaseFailure(String label) {
    this.label = label;
  }

  /** The metric label. */
  public String label() {
    return label;
  }

  /** The kind of {@code failure}, looking through the exceptions that wrap it. */
  public static DatabaseFailure of(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return REFUSED;
      }
      if (cause instanceof TimeoutException) {
        return TIMEOUT;
      }
      if (cause instanceof ClosedConnectionException) {
        return CLOSED;
      }
      if (cause instanceof DatabaseException database && database.getSqlState() != null) {
        return ofSqlState(database.getSqlState());
      }
    }
    return OTHER;
  }

  private static DatabaseFailure ofSqlState(String sqlState) {
    if (sqlState.equals(QUERY_CANCELED)) {
      return TIMEOUT;
    }
    return sqlState.startsWith(CONNECTION_CLASS) || sqlState.startsWith(OPERATOR_CLASS) ? CLOSED : OTHER;
  }
}
