package org.consentgateway;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditRoutes;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.Checkpointer;
import org.consentgateway.audit.CitizenAuditRoutes;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.config.GatewayConfig;
import org.consentgateway.consent.ConsentExpiry;
import org.consentgateway.consent.ConsentNotifications;
import org.consentgateway.consent.ConsentRoutes;
import org.consentgateway.consent.ExpirySweeper;
import org.consentgateway.consent.WebhookDeliverer;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.crypto.SigningKeyRotation;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.dispute.DisputeRoutes;
import org.consentgateway.identity.AccessRules;
import org.consentgateway.identity.AccessTokens;
import org.consentgateway.identity.AssertionReplayGuard;
import org.consentgateway.identity.Authenticator;
import org.consentgateway.identity.CitizenTokens;
import org.consentgateway.identity.ClientAssertions;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.identity.IdentityProviderKeys;
import org.consentgateway.identity.IdentityRoutes;
import org.consentgateway.identity.RateLimiter;
import org.consentgateway.identity.TokenEndpoint;
import org.consentgateway.policy.Purpose;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.query.PersonalDataExport;
import org.consentgateway.query.QueryRoutes;
import org.consentgateway.records.RecordChanges;
import org.consentgateway.records.RecordRoutes;
import org.consentgateway.records.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds each capability from the configuration, keys and database, and mounts their routes.
 * Construction blocks (policy and key files): start-up only.
 */
final class Capabilities implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Capabilities.class);
  /** Forgotten assertion ids are purged this often; a purge is one indexed delete. */
  private static final long REPLAY_PURGE_MILLIS = 60_000;

  private static final Duration AUDIT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
  /** The appender writes one batch at a time, on one connection; the second is slack for a reconnect. */
  private static final int AUDIT_POOL_SIZE = 2;

  private final Authenticator authenticator;
  private final AuditLog auditLog;
  /** What each capability mounts, in order: the access rules run before any guarded route. */
  private final List<Consumer<Router>> routes;
  /** What stops at close, in order: whatever writes audit entries before the log drains. */
  private final List<AutoCloseable> stops;

  private Capabilities(Authenticator authenticator, AuditLog auditLog, List<Consumer<Router>> routes, List<AutoCloseable> stops) {
    this.authenticator = authenticator;
    this.auditLog = auditLog;
    this.routes = List.copyOf(routes);
    this.stops = List.copyOf(stops);
  }

  static Capabilities create(GatewayConfig config, GatewayKeys keys, Vertx vertx, ReactiveDatabase database, Clock clock,
      MeterRegistry metrics) {
    requireNonNull(config, "config is null");
    // Every policy file is validated now: a bad one stops start-up with its file, line and problem.
    PolicyBundle policies = PolicyBundle.load(config.policiesDir());
    LOG.info("policies {} loaded (policyVersion {})", config.policiesDir(), policies.version());
    PurposeCatalog purposes = policies.purposes();
    IdentityConfig identity = config.identity();
    String issuer = config.http().issuer();

    GatewaySigningKeys signingKeys = GatewaySigningKeys.of(keys.signingKeyPair(), SigningKeyRotation.retired(config.keysDir()),
        clock.instant(), longestTokenLifetime(purposes, identity));
    LOG.info("signing with key {}; {} verification keys published", signingKeys.currentKeyId(),
        signingKeys.publicJwkSet().getKeys().size());
    GatewayJwt jwt = new GatewayJwt(signingKeys, identity.maxTokenBytes());
    AccessTokens accessTokens = new AccessTokens(jwt, issuer, identity.accessTokenTtl(), identity.clockSkew(), clock);
    CitizenTokens citizenTokens = new CitizenTokens(IdentityProviderKeys.load(identity.identityProviderKeys()),
        identity.identityProviderIssuer(), identity.identityProviderAudience(), identity.clockSkew(), keys.pseudonymizer(), clock);
    RateLimiter rateLimiter = new RateLimiter(clock, identity.ratePerSecond(), identity.rateBurst());
    AssertionReplayGuard replayGuard = new AssertionReplayGuard(database.pool());
    long replayPurge = vertx.setPeriodic(REPLAY_PURGE_MILLIS,
        id -> replayGuard.forgetExpired(clock.instant().minus(identity.clockSkew())));

    TokenEndpoint tokenEndpoint = new TokenEndpoint(new ClientRegistry(database.pool()),
        new ClientAssertions(issuer, identity.clockSkew(), identity.maxAssertionLifetime(), clock), replayGuard, accessTokens,
        rateLimiter, identity.maxTokenBytes());
    Authenticator authenticator = new Authenticator(accessTokens, citizenTokens, issuer, rateLimiter, identity, clock);

    AuditConfig audit = config.audit();
    NoteSigner checkpointSigner = NoteSigner.of(config.checkpointKeyName(), keys.checkpointKeyPair().getPrivate(),
        keys.checkpointKeyPair().getPublic());
    AuditStore auditStore = new AuditStore(database.pool());
    // A pool of its own: consent changes hold a connection of the main pool in their transaction
    // while they wait for their entry, so the appender must never wait behind them for one.
    Pool auditPool = ReactiveDatabase.pool(vertx, database.coordinates(), AUDIT_POOL_SIZE);
    AuditLog auditLog = new AuditLog(vertx, auditPool, audit, clock);
    Checkpointer checkpointer = new Checkpointer(vertx, database.pool(), auditStore, checkpointSigner, audit);
    checkpointer.start();
    LOG.info("audit log {}: checkpoints signed with key {}", audit.origin(), checkpointSigner.verifier().verifierKey());
    // Consent events for the institutions' webhooks: enqueued by the consent and query stores, POSTed by the deliverer.
    ConsentNotifications notifications = new ConsentNotifications(database.pool(), jwt, issuer, clock);
    WebhookDeliverer deliverer = new WebhookDeliverer(vertx, database.pool());
    deliverer.start();
    ConsentRoutes consentRoutes = ConsentRoutes.create(database.pool(), jwt, issuer, policies, keys.pseudonymizer(), auditLog, clock,
        ConsentRoutes.DEFAULT_ANSWER_WINDOW, notifications);
    QueryRoutes queryRoutes = QueryRoutes.create(database.pool(), jwt, issuer, policies, keys.recordCipher(), auditLog, clock,
        notifications);
    ExpirySweeper sweeper = new ExpirySweeper(vertx, new ConsentExpiry(database.pool(), auditLog, notifications), clock,
        config.consent().expirySweepInterval());
    sweeper.start();
    // Citizen rights: statements, corrections with their history, disputes, the inquiry history, the export.
    RecordStore records = new RecordStore(database.pool(), keys.recordCipher());
    RecordRoutes recordRoutes = new RecordRoutes(new RecordChanges(records, auditLog, clock));
    DisputeRoutes disputeRoutes = DisputeRoutes.start(vertx, database.pool(), keys.recordCipher(), records, auditLog, config.disputes(),
        clock, metrics);
    InquiryStore inquiries = new InquiryStore(database.pool());
    PersonalDataExport export = PersonalDataExport.create(policies, records, inquiries, disputeRoutes.disputes(),
        consentRoutes::exportOf, auditLog, clock);

    IdentityRoutes identityRoutes = new IdentityRoutes(tokenEndpoint, signingKeys, authenticator);
    AuditRoutes auditRoutes = new AuditRoutes(auditStore, auditLog, checkpointSigner.verifier(), clock);
    CitizenAuditRoutes citizenAuditRoutes = new CitizenAuditRoutes(inquiries, auditStore);
    List<Consumer<Router>> routes = List.of(identityRoutes::mount, router -> AccessRules.mount(router, authenticator),
        auditRoutes::mount, citizenAuditRoutes::mount, consentRoutes::mount, queryRoutes::mount, queryRoutes::mountSelfReport,
        recordRoutes::mount, disputeRoutes::mount, export::mount);
    List<AutoCloseable> stops = List.of(
        // A sweep under way finishes first: it is waiting for its audit entries.
        () -> Blocking.await(sweeper.stop(), AUDIT_DRAIN_TIMEOUT),
        deliverer::stop,
        disputeRoutes,
        () -> vertx.cancelTimer(replayPurge),
        checkpointer::stop,
        () -> Blocking.await(auditLog.close(), AUDIT_DRAIN_TIMEOUT),
        auditPool::close);
    return new Capabilities(authenticator, auditLog, routes, stops);
  }

  /**
   * A retired signing key stays published while any token it signed may still be valid: the
   * longest consent a purpose allows, or an access token, whichever is longer.
   */
  static Duration longestTokenLifetime(PurposeCatalog purposes, IdentityConfig identity) {
    int longestConsentDays = purposes.all().stream().mapToInt(Purpose::maxValidityDays).max().orElse(0);
    Duration consent = Duration.ofDays(longestConsentDays + 1L);
    return consent.compareTo(identity.accessTokenTtl()) > 0 ? consent : identity.accessTokenTtl();
  }

  Authenticator authenticator() {
    return authenticator;
  }

  AuditLog auditLog() {
    return auditLog;
  }

  /**
   * Stops the background work and lets the queued audit entries commit; call after the HTTP server
   * has drained. Each step runs even when an earlier one failed; the first failure is rethrown.
   */
  @Override
  public void close() {
    RuntimeException first = null;
    for (AutoCloseable stop : stops) {
      try {
        stop.close();
      } catch (Exception e) {
        LOG.warn("error while stopping: {}", e.toString());
        first = first == null ? new IllegalStateException("a capability did not stop cleanly", e) : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  void mount(Router router) {
    routes.forEach(route -> route.accept(router));
  }
}
