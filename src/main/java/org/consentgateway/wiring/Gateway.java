package org.consentgateway.wiring;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import org.consentgateway.crypto.CryptoProvider;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseHealth;
import org.consentgateway.db.DatabaseServer;
import org.consentgateway.db.Migrations;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.http.AccessRules;
import org.consentgateway.http.GatewayServer;
import org.consentgateway.http.MetricLabels;
import org.consentgateway.http.Readiness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: keys loaded, database up and migrated, HTTP server listening. Start-up
 * blocks (it reads key files, may start PostgreSQL and runs Flyway); {@link #close()} shuts down
 * gracefully and stops what start-up started.
 */
public final class Gateway implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
  /** In Prometheus {@code gateway_crypto_provider}. */
  public static final String CRYPTO_PROVIDER_METRIC = "gateway.crypto.provider";

  private final Deque<AutoCloseable> openedInOrder;
  private final GatewayServer server;

  private Gateway(Deque<AutoCloseable> openedInOrder, GatewayServer server) {
    this.openedInOrder = openedInOrder;
    this.server = server;
  }

  public static Gateway start(GatewayConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** Starts with the given clock (tests move time with a fake one). */
  public static Gateway start(GatewayConfig config, Clock clock) {
    requireNonNull(config, "config is null");
    requireNonNull(clock, "clock is null");
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      CryptoProvider crypto = CryptoProvider.installFastest();
      crypto.fallbackReason().ifPresentOrElse(
          reason -> LOG.info("cryptography runs on the JDK's providers ({}): the native provider is not in use because {}",
              crypto.name(), reason),
          () -> LOG.info("cryptography runs on {} (native)", crypto.name()));
      GatewayKeys keys = GatewayKeys.load(config.keysDir());
      if (keys.isDemo()) {
        LOG.warn("*** DEMO KEYS IN USE ({}): they are public; anyone can forge tokens. Never use them with real data. ***",
            config.keysDir());
      }
      // Before anything starts: the demo identity provider asked for with real keys is a configuration error.
      config.web().identityProvider(keys.isDemo());
      DatabaseServer databaseServer = DatabaseServer.open(config.database());
      opened.push(databaseServer);
      opened.push(databaseServer.supervise());
      int applied = Migrations.migrate(databaseServer.coordinates());
      LOG.info("schema at version {} ({} migrations applied now)", Migrations.currentVersion(databaseServer.coordinates()), applied);

      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      metrics.config().meterFilter(MetricLabels.boundedMethods());
      Gauge.builder(CRYPTO_PROVIDER_METRIC, () -> 1).description("The JCA provider cryptography runs on first (always 1)")
          .tag("provider", crypto.name()).tag("native", Boolean.toString(crypto.nativeCode())).register(metrics);
      Vertx vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
          .setEnabled(true)
          .setLabels(MetricLabels.ENABLED)
          .setMicrometerRegistry(metrics)
          .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))));
      opened.push(() -> await(vertx.close()));
      ReactiveDatabase database = ReactiveDatabase.open(vertx, databaseServer.coordinates(), config.database().poolSize(),
          config.database().timeouts(), DomainModel.ENTITIES);
      opened.push(database);
      // A connection of its own: a busy main pool must not read as a database that went away.
      Pool probePool = ReactiveDatabase.pool(vertx, databaseServer.coordinates(), 1);
      opened.push(probePool::close);
      DatabaseHealth health = DatabaseHealth.start(vertx, () -> probePool.query("select 1").execute().mapEmpty(), metrics);
      opened.push(health);

      Readiness readiness = new Readiness(config.http().readinessTimeout())
          .add("database", database::ping)
          .add("keys", Future::succeededFuture)
          .add("migrations", Future::succeededFuture);
      Capabilities capabilities = Capabilities.create(config, keys, vertx, database, clock, metrics);
      opened.push(capabilities);
      GatewayServer server = await(new GatewayServer(vertx, config.http(), health).start(readiness, metrics, capabilities::mount));
      opened.push(() -> await(server.shutdown()));
      return new Gateway(opened, server);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  /** Where {@code /metrics} is served when {@code http.management-port} moves it off {@link #port()}. */
  public OptionalInt managementPort() {
    return server.managementPort();
  }

  /** The routes the HTTP server mounted, one per method and path (see {@link GatewayServer#mountedRoutes()}). */
  public List<AccessRules.Endpoint> mountedRoutes() {
    return server.mountedRoutes();
  }

  /** Graceful: in-flight requests finish, then the pool, Vert.x and the embedded database stop. */
  @Override
  public void close() {
    closeAll(openedInOrder);
    LOG.info("gateway stopped");
  }

  private static void closeAll(Deque<AutoCloseable> opened) {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        LOG.warn("error while shutting down: {}", e.toString());
      }
    }
  }

  private static <T> T await(Future<T> future) {
    return Blocking.await(future, STEP_TIMEOUT);
  }

}
