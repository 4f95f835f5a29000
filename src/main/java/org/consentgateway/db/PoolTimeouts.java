package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long every pool to the database waits, so that a database that is down or frozen is a quick
 * 503 rather than requests piling up: each bound is applied to the main pool, the audit log's and
 * Hibernate Reactive's alike.
 *
 * @param connect opening a TCP connection to the server (a host that does not answer)
 * @param poolWait waiting for a free connection of the pool (every connection busy, or stuck on a frozen server)
 * @param statement PostgreSQL's {@code statement_timeout}: the server cancels a statement that runs longer
 * @param idleInTransaction PostgreSQL's {@code idle_in_transaction_session_timeout}: the server ends a
 *     session whose transaction sits idle longer (a transaction left open by a stuck caller)
 */
public record PoolTimeouts(Duration connect, Duration poolWait, Duration statement, Duration idleInTransaction) {

  public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_POOL_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_STATEMENT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_IN_TRANSACTION = Duration.ofSeconds(30);
  /** How much longer than two connection attempts a command line waits for a connection. */
  private static final Duration COMMAND_LINE_EXTRA_WAIT = Duration.ofSeconds(30);
  public static final PoolTimeouts DEFAULTS =
      new PoolTimeouts(DEFAULT_CONNECT, DEFAULT_POOL_WAIT, DEFAULT_STATEMENT, DEFAULT_IDLE_IN_TRANSACTION);

  public PoolTimeouts {
    requirePositive(connect, "connect");
    requirePositive(poolWait, "poolWait");
    requirePositive(statement, "statement");
    requirePositive(idleInTransaction, "idleInTransaction");
  }

  /**
   * These bounds for a command line: nobody queues behind a command, so it waits for a connection
   * as long as a loaded server takes to open one, rather than the second that keeps a gateway's
   * answers quick (a fresh pool's first query waits for the connection being opened).
   */
  public PoolTimeouts forCommandLine() {
    Duration patient = connect.multipliedBy(2).plus(COMMAND_LINE_EXTRA_WAIT);
    return new PoolTimeouts(connect, poolWait.compareTo(patient) > 0 ? poolWait : patient, statement, idleInTransaction);
  }

  private static void requirePositive(Duration timeout, String name) {
    requireNonNull(timeout, name + " is null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + timeout);
    }
  }
}
