package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.List;
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

  private final DatabaseCoordinates coordinates;
  private final Pool pool;
  private final Sessions sessions;

  private ReactiveDatabase(DatabaseCoordinates coordinates, Pool pool, Sessions sessions) {
    this.coordinates = coordinates;
    this.pool = pool;
    this.sessions = sessions;
  }

  /**
   * Opens the pool and the session factory. Blocks while Hibernate validates the schema: call it
   * at start-up, off the event loop.
   */
  public static ReactiveDatabase open(Vertx vertx, DatabaseCoordinates database, int poolSize, List<Class<?>> entities) {
    return new ReactiveDatabase(database, pool(vertx, database, poolSize), sessions(vertx, database, poolSize, entities));
  }

  /** A Vert.x PostgreSQL pool of at most {@code maxSize} connections to {@code database}. Does not connect yet. */
  public static Pool pool(Vertx vertx, DatabaseCoordinates database, int maxSize) {
    requireNonNull(vertx, "vertx is null");
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(database.host())
        .setPort(database.port())
        .setDatabase(database.database())
        .setUser(database.user())
        .setPassword(database.password())
        .setCachePreparedStatements(true);
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(maxSize)).connectingTo(connect).using(vertx).build();
  }

  /**
   * Hibernate Reactive sessions over the {@code entities}, with a pool of their own of at most
   * {@code poolSize} connections. Blocks while Hibernate validates the schema: start-up only.
   */
  public static Sessions sessions(Vertx vertx, DatabaseCoordinates database, int poolSize, List<Class<?>> entities) {
    Configuration configuration = new Configuration();
    entities.forEach(configuration::addAnnotatedClass);
    configuration.setProperty("jakarta.persistence.jdbc.url", database.jdbcUrl());
    configuration.setProperty("jakarta.persistence.jdbc.user", database.user());
    configuration.setProperty("jakarta.persistence.jdbc.password", database.password());
    configuration.setProperty("hibernate.connection.pool_size", Integer.toString(poolSize));
    // Flyway owns the schema; Hibernate only checks that the mapping matches it.
    configuration.setProperty("hibernate.hbm2ddl.auto", "validate");
    configuration.setProperty("hibernate.show_sql", "false");
    var registry = new ReactiveServiceRegistryBuilder()
        .applySettings(configuration.getProperties())
        .addService(VertxInstance.class, (VertxInstance) () -> vertx)
        .build();
    return new Sessions(vertx, configuration.buildSessionFactory(registry).unwrap(Stage.SessionFactory.class));
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

  /** Succeeds when the database answers a trivial query. */
  public Future<Void> ping() {
    return pool.query("select 1").execute().mapEmpty();
  }

  @Override
  public void close() {
    sessions.close();
    pool.close();
  }
}
