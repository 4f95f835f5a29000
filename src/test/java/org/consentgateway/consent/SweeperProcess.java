package org.consentgateway.consent;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.Sessions;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.wiring.DomainModel;

/**
 * An expiry sweeper wired as a gateway wires it (its own pool and sessions, an audit log on a pool of its own,
 * webhook events signed with the gateway's key), but with no timer unless {@link #start}ed: the
 * test calls {@link #sweep}.
 * Two of these on one database are two gateways sweeping it. Its {@link #lifecycle()} serves the
 * calls no HTTP route makes (the citizen app's).
 */
final class SweeperProcess implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Vertx vertx = Vertx.vertx();
  private final Pool pool;
  private final Pool auditPool;
  private final Sessions sessions;
  private final AuditLog audit;
  private final ExpirySweeper sweeper;
  private final ConsentLifecycle lifecycle;

  SweeperProcess(DatabaseCoordinates database, Clock clock) {
    this(database, clock, Duration.ofDays(1));
  }

  /** A sweeper whose timer, once {@link #start}ed, fires every {@code interval}. */
  SweeperProcess(DatabaseCoordinates database, Clock clock, Duration interval) {
    pool = ReactiveDatabase.pool(vertx, database, 4);
    auditPool = ReactiveDatabase.pool(vertx, database, 2);
    sessions = ReactiveDatabase.sessions(vertx, database, 4, DomainModel.ENTITIES);
    audit = new AuditLog(vertx, auditPool, AuditConfig.defaults(), clock);
    GatewayKeys keys = GatewayKeys.load(GatewayClient.keys());
    GatewayJwt jwt = new GatewayJwt(GatewaySigningKeys.of(keys.signingKeyPair(), List.of(), clock.instant(), Duration.ofDays(1)),
        8192);
    ClientRegistry registry = new ClientRegistry(sessions);
    ConsentNotifications notifications = new ConsentNotifications(pool, registry, jwt, GatewayClient.ISSUER, clock);
    ConsentExpiry expiry = new ConsentExpiry(pool, new ConsentStore(pool, registry), audit, notifications);
    sweeper = new ExpirySweeper(vertx, expiry, clock, interval);
    lifecycle = new ConsentLifecycle(new ConsentStore(pool, registry), registry, PolicyBundle.load(Path.of("policies")),
        keys.pseudonymizer(), new ConsentTokens(jwt, GatewayClient.ISSUER, clock), audit, expiry, notifications, clock,
        ConsentLifecycle.DEFAULT_ANSWER_WINDOW);
  }

  /** The consent lifecycle of this process, wired as a gateway wires it: for what only the citizen app calls, not the API. */
  ConsentLifecycle lifecycle() {
    return lifecycle;
  }

  void start() {
    sweeper.start();
  }

  Future<Void> stop() {
    return sweeper.stop();
  }

  /** Starts one sweep; the future completes when it has. */
  Future<ExpirySweeper.Swept> sweep() {
    return sweeper.sweep();
  }

  static <T> T await(Future<T> future) {
    return Blocking.await(future, WAIT);
  }

  @Override
  public void close() {
    await(sweeper.stop());
    await(audit.close());
    sessions.close();
    pool.close();
    auditPool.close();
    sessions.close();
    await(vertx.close());
  }
}
