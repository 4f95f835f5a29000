package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hibernate.cfg.Configuration;
import org.hibernate.reactive.provider.ReactiveServiceRegistryBuilder;
import org.hibernate.reactive.stage.Stage;
import org.hibernate.reactive.vertx.VertxInstance;

/**
 * The database as the event loop sees it: a Vert.x PostgreSQL pool for hot paths, and a
 * Hibernate Reactive session factory for the domain model on the same Vert.x instance.
 * Hibernate validates the Flyway schema at start-up and never changes it.
 */
public final class ReactiveDatabase implements AutoCloseable {

  /** Readiness asks on a connection of its own, so a frozen server cannot take the pool's connections from requests. */
  private static final int HEALTH_POOL_SIZE = 1;

  private final DatabaseCoordinates coordinates;
  private final PoolTimeouts timeouts;
  private final Pool pool;
  private final Pool health;
  private final Sessions sessions;

  private ReactiveDatabase(DatabaseCoordinates coordinates, PoolTimeouts timeouts, Pool pool, Pool health, Sessions sessions) {
    this.coordinates = coordinates;
    this.timeouts = timeouts;
    this.pool = pool;
    this.health = health;
    this.sessions = sessions;
  }

  /**
   * Opens the pool and the session factory. Blocks while Hibernate validates the schema: call it
   * at start-up, off the event loop.
   */
  public static ReactiveDatabase open(Vertx vertx, DatabaseCoordinates database, int poolSize, List<Class<?>> entities) {
    return open(vertx, database, poolSize, PoolTimeouts.DEFAULTS, entities);
  }

  /** As {@link #open(Vertx, DatabaseCoordinates, int, List)}, every pool bounded by {@code timeouts}. */
  public static ReactiveDatabase open(Vertx vertx, DatabaseCoordinates database, int poolSize, PoolTimeouts timeouts,
      List<Class<?>> entities) {
    return new ReactiveDatabase(database, timeouts, pool(vertx, database, poolSize, timeouts),
        pool(vertx, database, HEALTH_POOL_SIZE, timeouts), sessions(vertx, database, poolSize, timeouts, entities));
  }

  /** A Vert.x PostgreSQL pool of at most {@code maxSize} connections to {@code database}, with the default timeouts. */
  public static Pool pool(Vertx vertx, DatabaseCoordinates database, int maxSize) {
    return pool(vertx, database, maxSize, PoolTimeouts.DEFAULTS);
  }

  /** A Vert.x PostgreSQL pool of at most {@code maxSize} connections to {@code database}. Does not connect yet. */
  public static Pool pool(Vertx vertx, DatabaseCoordinates database, int maxSize, PoolTimeouts timeouts) {
    requireNonNull(vertx, "vertx is null");
    PoolOptions options = new PoolOptions()
        .setMaxSize(maxSize)
        .setConnectionTimeout(Math.toIntExact(timeouts.poolWait().toMillis()))
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        // The connections' protocol work spread over the event loops, as the HTTP servers are,
        // rather than all on the one event loop the pool would otherwise keep.
        .setEventLoopSize(Math.min(maxSize, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE));
    return PgBuilder.pool().with(options).connectingTo(connectOptions(database, timeouts)).using(vertx).build();
  }

  /** How a connection of ours logs in to {@code database}: the server's timeouts set in its start-up message. */
  static PgConnectOptions connectOptions(DatabaseCoordinates database, PoolTimeouts timeouts) {
    return new PgConnectOptions()
        .setHost(database.host())
        .setPort(database.port())
        .setDatabase(database.database())
        .setUser(database.user())
        .setPassword(database.password())
        .setCachePreparedStatements(true)
        .setConnectTimeout(Math.toIntExact(timeouts.connect().toMillis()))
        // Sent in each connection's start-up message (PostgreSQL protocol §55.2.1), beside the driver's own
        // parameters (client encoding, date style), never replacing them.
        .addProperty("statement_timeout", Long.toString(timeouts.statement().toMillis()))
        .addProperty("idle_in_transaction_session_timeout", Long.toString(timeouts.idleInTransaction().toMillis()));
  }

  /** Hibernate Reactive sessions as {@link #sessions(Vertx, DatabaseCoordinates, int, PoolTimeouts, List)}, with the default timeouts. */
  public static Sessions sessions(Vertx vertx, DatabaseCoordinates database, int poolSize, List<Class<?>> entities) {
    return sessions(vertx, database, poolSize, PoolTimeouts.DEFAULTS, entities);
  }

  /**
   * Hibernate Reactive sessions over the {@code entities}, with a pool of their own of at most
   * {@code poolSize} connections. Blocks while Hibernate validates the schema: start-up only.
   */
  public static Sessions sessions(Vertx vertx, DatabaseCoordinates database, int poolSize, PoolTimeouts timeouts,
      List<Class<?>> entities) {
    Configuration configuration = new Configuration();
    entities.forEach(configuration::addAnnotatedClass);
    configuration.setProperty("jakarta.persistence.jdbc.url", database.jdbcUrl());
    configuration.setProperty("jakarta.persistence.jdbc.user", database.user());
    configuration.setProperty("jakarta.persistence.jdbc.password", database.password());
    configuration.setProperty("hibernate.connection.pool_size", Integer.toString(poolSize));
    // Its pool waits for a connection no longer than ours ("connect_timeout" is the pool wait, in ms).
    configuration.setProperty("hibernate.vertx.pool.connect_timeout", Long.toString(timeouts.poolWait().toMillis()));
    // Flyway owns the schema; Hibernate only checks that the mapping matches it.
    configuration.setProperty("hibernate.hbm2ddl.auto", "validate");
    configuration.setProperty("hibernate.show_sql", "false");
    var registry = new ReactiveServiceRegistryBuilder()
        .applySettings(configuration.getProperties())
        .addService(VertxInstance.class, (VertxInstance) () -> vertx)
        .build();
    // The server's timeouts are set by Sessions on each piece of work's connection.
    return new Sessions(vertx, configuration.buildSessionFactory(registry).unwrap(Stage.SessionFactory.class), timeouts);
  }

  public Pool pool() {
    return pool;
  }

  /** Where this database is, for a capability that needs a pool of its own ({@link #pool(Vertx, DatabaseCoordinates, int)}). */
  public DatabaseCoordinates coordinates() {
    return coordinates;
  }

  /** The domain model's sessions (Hibernate Reactive). */
  public Sessions sessions() {
    return sessions;
  }

  /** How long the pools wait for the server. */
  public PoolTimeouts timeouts() {
    return timeouts;
  }

  /**
   * Succeeds when the database answers a trivial query, on a connection kept for this alone. A
   * caller bounds the wait ({@code Future.timeout}): on a frozen server the query never returns.
   */
  public Future<Void> ping() {
    return health.query("select 1").execute().mapEmpty();
  }

  @Override
  public void close() {
    sessions.close();
    health.close();
    pool.close();
  }
}
