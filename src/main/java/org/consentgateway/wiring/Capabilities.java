package org.consentgateway.wiring;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.consentgateway.audit.ActorProofs;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.CaseFiles;
import org.consentgateway.audit.CheckpointWitnessing;
import org.consentgateway.audit.Checkpointer;
import org.consentgateway.audit.Cosignatures;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.audit.PublicCheckpoint;
import org.consentgateway.audit.RecentEntries;
import org.consentgateway.audit.SubjectProofs;
import org.consentgateway.audit.Tiles;
import org.consentgateway.consent.ConsentExpiry;
import org.consentgateway.consent.ConsentLifecycle;
import org.consentgateway.consent.ConsentNotifications;
import org.consentgateway.consent.ConsentStore;
import org.consentgateway.consent.ConsentTokens;
import org.consentgateway.consent.ConsentUses;
import org.consentgateway.consent.ExpirySweeper;
import org.consentgateway.consent.WebhookDeliverer;
import org.consentgateway.console.ConsoleApp;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.crypto.MessageSigner;
import org.consentgateway.crypto.SigningKeyRotation;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.ChannelListener;
import org.consentgateway.db.OverdueGauge;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.complaint.ComplaintNotices;
import org.consentgateway.complaint.ComplaintStore;
import org.consentgateway.complaint.Complaints;
import org.consentgateway.dispute.DisputeStore;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.repair.RepairStore;
import org.consentgateway.repair.Repairs;
import org.consentgateway.http.AccessRules;
import org.consentgateway.http.AuditRoutes;
import org.consentgateway.http.CaseRoutes;
import org.consentgateway.http.CitizenAuditRoutes;
import org.consentgateway.http.ConsentRoutes;
import org.consentgateway.http.ComplaintRoutes;
import org.consentgateway.http.DisputeRoutes;
import org.consentgateway.http.RepairRoutes;
import org.consentgateway.http.ExportRoutes;
import org.consentgateway.http.IdentityRoutes;
import org.consentgateway.http.InstitutionAuditRoutes;
import org.consentgateway.http.OpenApiRoutes;
import org.consentgateway.http.QueryRoutes;
import org.consentgateway.http.RecordRoutes;
import org.consentgateway.http.ServerMetadata;
import org.consentgateway.http.SupervisionRoutes;
import org.consentgateway.http.TokenEndpoint;
import org.consentgateway.identity.AccessTokens;
import org.consentgateway.identity.AssertionReplayGuard;
import org.consentgateway.identity.Authenticator;
import org.consentgateway.identity.CitizenTokens;
import org.consentgateway.identity.ClientAssertions;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.identity.IdentityProviderKeys;
import org.consentgateway.identity.RateLimiter;
import org.consentgateway.identity.RegistryCache;
import org.consentgateway.identity.ReplayPurge;
import org.consentgateway.identity.TokenIssuer;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.SignalPolicy;
import org.consentgateway.policy.Purpose;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.query.InquiryHistory;
import org.consentgateway.query.NotedFiles;
import org.consentgateway.query.PersonalDataExport;
import org.consentgateway.query.QueryService;
import org.consentgateway.query.SelfReport;
import org.consentgateway.query.SignedAnswers;
import org.consentgateway.records.RecordChangeStore;
import org.consentgateway.records.RecordChanges;
import org.consentgateway.records.RecordStore;
import org.consentgateway.supervision.EntrySearch;
import org.consentgateway.supervision.LogFollower;
import org.consentgateway.supervision.Signals;
import org.consentgateway.supervision.Statistics;
import org.consentgateway.supervision.SupervisionConfig;
import org.consentgateway.web.CitizenApp;
import org.consentgateway.web.CitizenSignIn;
import org.consentgateway.web.ConsentActions;
import org.consentgateway.web.ConsentPage;
import org.consentgateway.web.Dashboard;
import org.consentgateway.web.ComplaintPages;
import org.consentgateway.web.DisputePages;
import org.consentgateway.web.RepairPages;
import org.consentgateway.web.ExportDownload;
import org.consentgateway.web.InquiryPages;
import org.consentgateway.web.Messages;
import org.consentgateway.web.Pages;
import org.consentgateway.web.ProofPins;
import org.consentgateway.web.ReceiptDownload;
import org.consentgateway.web.ReportPage;
import org.consentgateway.web.Responder;
import org.consentgateway.web.SecurityHeaders;
import org.consentgateway.web.SignedIn;
import org.consentgateway.web.StatementPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the gateway is put together: each store and service built once and handed to
 * whoever needs it, the routes given the services they translate to, and the background jobs in
 * one list that is started and stopped in order. Construction blocks (policy and key files):
 * start-up only.
 */
final class Capabilities implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Capabilities.class);

  private static final Duration AUDIT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
  /** The appender writes one batch at a time, on one connection; the second is slack for a reconnect. */
  private static final int AUDIT_POOL_SIZE = 2;
  /** The follower's round: one connection for its transaction, one to read the entries. */
  private static final int SUPERVISION_POOL_SIZE = 2;

  /** What each route class mounts, in order: the access rules' guard before every handler. */
  private final List<Consumer<Router>> routes;
  /** What stops at close, in order: the jobs (whatever writes audit entries first), then the log drains. */
  private final List<AutoCloseable> stops;

  private Capabilities(List<Consumer<Router>> routes, List<AutoCloseable> stops) {
    this.routes = List.copyOf(routes);
    this.stops = List.copyOf(stops);
  }

  static Capabilities create(GatewayConfig config, GatewayKeys keys, Vertx vertx, ReactiveDatabase database, Clock clock,
      MeterRegistry metrics) {
    requireNonNull(config, "config is null");
    Pool pool = database.pool();
    // Every policy file is validated now: a bad one stops start-up with its file, line and problem.
    PolicyBundle policies = PolicyBundle.load(config.policiesDir());
    LOG.info("policies {} loaded (policyVersion {})", config.policiesDir(), policies.version());
    SignalPolicy signalPolicy = SignalPolicy.load(config.policiesDir());
    IdentityConfig identity = config.identity();
    String issuer = config.http().issuer();

    // Keys and identity.
    GatewaySigningKeys signingKeys = GatewaySigningKeys.of(keys.signingKeyPair(), SigningKeyRotation.retired(config.keysDir()),
        clock.instant(), longestTokenLifetime(policies.purposes(), identity));
    LOG.info("signing with key {}; {} verification keys published", signingKeys.currentKeyId(),
        signingKeys.publicJwkSet().getKeys().size());
    GatewayJwt jwt = new GatewayJwt(signingKeys, identity.maxTokenBytes());
    // Serves nothing cached until the registry listener below is listening.
    RegistryCache registryCache = new RegistryCache();
    ClientRegistry registry = new ClientRegistry(database.sessions(), registryCache);
    AccessTokens accessTokens = new AccessTokens(jwt, issuer, identity.accessTokenTtl(), identity.clockSkew(), clock);
    CitizenTokens citizenTokens = new CitizenTokens(IdentityProviderKeys.load(identity.identityProviderKeys()),
        identity.identityProviderIssuer(), identity.identityProviderAudience(), identity.clockSkew(), keys.pseudonymizer(), clock);
    RateLimiter rateLimiter = new RateLimiter(clock, identity.ratePerSecond(), identity.rateBurst());
    AssertionReplayGuard replayGuard = new AssertionReplayGuard(pool);
    TokenIssuer tokenIssuer = new TokenIssuer(registry,
        new ClientAssertions(issuer, identity.clockSkew(), identity.maxAssertionLifetime(), clock), replayGuard, accessTokens,
        rateLimiter, identity.maxTokenBytes());
    Authenticator authenticator = new Authenticator(accessTokens, citizenTokens, issuer, rateLimiter, identity, clock);

    // The audit log. A pool of its own: consent changes hold a connection of the main pool in their
    // transaction while they wait for their entry, so the appender must never wait behind them for one.
    AuditConfig audit = config.audit();
    NoteSigner checkpointSigner = NoteSigner.of(config.checkpointKeyName(), keys.checkpointKeyPair().getPrivate(),
        keys.checkpointKeyPair().getPublic());
    AuditStore auditStore = new AuditStore(pool);
    Cosignatures cosignatures = new Cosignatures(pool);
    PublicCheckpoint publicCheckpoint = new PublicCheckpoint(auditStore, cosignatures, config.witnesses());
    Pool auditPool = ReactiveDatabase.pool(vertx, database.coordinates(), AUDIT_POOL_SIZE, database.timeouts());
    // The entries committed last stay in memory for the statistics' follower (below) to fold.
    RecentEntries recentEntries = new RecentEntries(SupervisionConfig.RECENT_ENTRIES);
    AuditLog auditLog = new AuditLog(vertx, auditPool, audit, clock, recentEntries);
    InquiryStore inquiries = new InquiryStore(pool);
    SubjectProofs subjectProofs = new SubjectProofs(inquiries, auditStore);
    // One for the API and the console: its bound on cases made at once is per gateway.
    CaseFiles caseFiles = new CaseFiles(vertx, auditStore, auditLog, checkpointSigner.verifier(), clock);
    LOG.info("audit log {}: checkpoints signed with key {}", audit.origin(), checkpointSigner.verifier().verifierKey());

    // Consents: events for the institutions' webhooks are enqueued by the lifecycle, the expiry and
    // the uses, and POSTed by the deliverer.
    ConsentNotifications notifications = new ConsentNotifications(pool, registry, jwt, issuer, clock);
    // The lifecycle's changes hold a connection while their audit entry commits: a pool of their own
    // (the size of the main one), so the query's hot path never waits behind them for a connection.
    Pool consentPool = ReactiveDatabase.pool(vertx, database.coordinates(), config.database().poolSize(), database.timeouts());
    ConsentStore consentStore = new ConsentStore(consentPool, registry);
    ConsentExpiry expiry = new ConsentExpiry(pool, consentStore, auditLog, notifications);
    ConsentLifecycle lifecycle = new ConsentLifecycle(consentStore, registry, policies, keys.pseudonymizer(),
        new ConsentTokens(jwt, issuer, clock), auditLog, expiry, notifications, clock, ConsentLifecycle.DEFAULT_ANSWER_WINDOW);
    ConsentUses uses = new ConsentUses(pool, notifications, expiry);

    // Records and disputes: changes in Hibernate Reactive sessions, the reads of a query on the pool.
    RecordStore records = new RecordStore(pool, keys.recordCipher());
    RecordChangeStore recordChanges = new RecordChangeStore(keys.recordCipher());
    RecordChanges changes = new RecordChanges(records, recordChanges, database.sessions(), auditLog, clock);
    DisputeStore disputeStore = new DisputeStore(database.sessions(), pool, keys.recordCipher());
    OverdueGauge overdue = Disputes.overdueGauge(vertx, disputeStore, clock, metrics);
    Disputes disputes = new Disputes(disputeStore, recordChanges, auditLog, config.disputes(), clock, overdue);
    // Credit repair: decided by each record's provider; an approval marks the record in the same transaction.
    RepairStore repairStore = new RepairStore(database.sessions(), pool, keys.recordCipher());
    OverdueGauge overdueRepairs = Repairs.overdueGauge(vertx, repairStore, clock, metrics);
    Repairs repairs = new Repairs(repairStore, recordChanges, policies, auditLog, config.repairs(), clock, overdueRepairs);

    // Complaints: changes in Hibernate Reactive sessions; the institution's events through consent's webhook outbox.
    ComplaintStore complaintStore = new ComplaintStore(database.sessions(), pool, keys.recordCipher());
    OverdueGauge overdueComplaints = Complaints.overdueGauge(vertx, complaintStore, clock, metrics);
    Complaints complaints = new Complaints(complaintStore, inquiries, auditStore, auditLog, new ComplaintNotices(notifications),
        checkpointSigner.verifier(), config.complaints(), clock, overdueComplaints);

    // Supervision: a follower of the log keeps the statistics and search facets, on a pool of its
    // own (its round holds one connection in a transaction while it reads entries on the other).
    Pool supervisionPool = ReactiveDatabase.pool(vertx, database.coordinates(), SUPERVISION_POOL_SIZE, database.timeouts());
    LogFollower follower = new LogFollower(vertx, supervisionPool, new AuditStore(supervisionPool), recentEntries,
        SupervisionConfig.CHUNK_ENTRIES);
    Statistics statistics = new Statistics(pool, config.supervision(), config.disputes(), clock);
    EntrySearch entrySearch = new EntrySearch(pool, auditStore);
    Signals signals = new Signals(pool, signalPolicy, config.supervision(), config.disputes(), clock);

    // The query and the citizen's own reads.
    NotedFiles files = new NotedFiles(records, disputes);
    InquiryHistory history = new InquiryHistory(inquiries, registry);
    // Their answers are signed with the token signing key, so the JWKS verifies them too.
    SignedAnswers answers = new SignedAnswers(MessageSigner.of(signingKeys), clock);
    QueryService queries = new QueryService(jwt, issuer, registry, policies, uses, files, auditLog, answers, clock);
    SelfReport selfReport = new SelfReport(policies, files, auditLog, answers, clock);
    PersonalDataExport export = new PersonalDataExport(policies, records, files, inquiries, history, disputes, repairs, complaints,
        lifecycle, auditLog,
        answers, clock);

    // The citizen app: its pages, its sessions and sign-in (the demo identity provider on demo keys
    // only), and its security headers, whose forms may go to the identity provider besides ourselves.
    Pages pages = new Pages(Messages.load(), keys.isDemo());
    CitizenSignIn signIn = CitizenSignIn.create(config.web(), issuer, keys, vertx, pool, pages, clock, identity.clockSkew());
    Responder responder = new Responder(pages);
    CitizenApp citizenApp = new CitizenApp(new SecurityHeaders(signIn.formTargets()), responder);
    SignedIn signedIn = signIn.signedIn();
    PurposeCatalog purposes = policies.purposes();
    // The dashboard's proofs are checked in the browser against this log's key and origin.
    ProofPins proofPins = new ProofPins(checkpointSigner.verifier().verifierKey(), audit.origin(),
        String.join(" ", config.witnesses().witnesses().stream().map(witness -> witness.key().vkey()).toList()),
        config.witnesses().quorum());

    // The regulator console: its own sessions and sign-in (a challenge signed with a member's registered key).
    ConsoleApp console = ConsoleApp.create(config.console(), identity, issuer, vertx, pool, pages, responder,
        new ConsoleApp.Parts(registry, auditStore, auditLog, proofPins,
            new ConsoleApp.Witnessing(config.witnesses(), cosignatures, publicCheckpoint), disputes, purposes, statistics, entrySearch,
            caseFiles, signals, complaints, repairs),
        clock);

    AccessRules accessRules = new AccessRules(authenticator);
    List<Consumer<Router>> routes = List.of(
        router -> router.route().handler(accessRules.guard()),
        citizenApp::mount,
        console::mount,
        OpenApiRoutes.packaged()::mount,
        new IdentityRoutes(new TokenEndpoint(tokenIssuer), signingKeys)::mount,
        new ServerMetadata(issuer)::mount,
        new AuditRoutes(auditStore, auditLog, checkpointSigner.verifier(), publicCheckpoint,
            new Tiles(pool, auditStore), clock)::mount,
        new CaseRoutes(caseFiles)::mount,
        new SupervisionRoutes(statistics, entrySearch, signals, auditLog, clock)::mount,
        new CitizenAuditRoutes(history, subjectProofs)::mount,
        new ConsentRoutes(lifecycle, clock, issuer)::mount,
        new QueryRoutes(queries, selfReport)::mount,
        new InstitutionAuditRoutes(new ActorProofs(auditStore, publicCheckpoint))::mount,
        new RecordRoutes(changes)::mount,
        new DisputeRoutes(disputes, clock)::mount,
        new ExportRoutes(export)::mount,
        new RepairRoutes(repairs, clock)::mount,
        new ComplaintRoutes(complaints, clock)::mount,
        signIn::mount,
        new ConsentPage(signedIn, pages, responder, lifecycle, policies, clock)::mount,
        new ReceiptDownload(signedIn, pages, responder, lifecycle)::mount,
        new Dashboard(signedIn, pages, responder, lifecycle, inquiries, purposes, clock)::mount,
        new ConsentActions(signedIn, pages, responder, lifecycle, purposes, clock)::mount,
        new InquiryPages(signedIn, pages, responder, history, subjectProofs, purposes, proofPins)::mount,
        new ReportPage(signedIn, pages, responder, selfReport, purposes, repairs)::mount,
        new DisputePages(signedIn, pages, responder, disputes, changes, purposes, clock)::mount,
        new StatementPages(signedIn, pages, responder, changes, purposes)::mount,
        new ExportDownload(signedIn, pages, responder, export)::mount,
        new RepairPages(signedIn, pages, responder, repairs, purposes, clock)::mount,
        new ComplaintPages(signedIn, pages, responder, complaints, history, registry, purposes, proofPins, clock)::mount);

    ExpirySweeper sweeper = new ExpirySweeper(vertx, expiry, clock, config.consent().expirySweepInterval());
    WebhookDeliverer deliverer = new WebhookDeliverer(vertx, pool);
    ReplayPurge replayPurge = new ReplayPurge(vertx, replayGuard, clock, identity.clockSkew());
    Checkpointer checkpointer = new Checkpointer(vertx, pool, auditStore, checkpointSigner, audit);
    CheckpointWitnessing witnessing = new CheckpointWitnessing(vertx, auditStore, cosignatures, config.witnesses(),
        audit.checkpointInterval(), clock, metrics);
    // Stopped in this order: a sweep under way finishes first (it is waiting for its audit
    // entries), the checkpointer last, so it signs what the others wrote.
    List<BackgroundJob> jobs = List.of(
        new BackgroundJob("expiry sweeper", sweeper::start, () -> Blocking.await(sweeper.stop(), AUDIT_DRAIN_TIMEOUT)),
        new BackgroundJob("webhook deliverer", deliverer::start, deliverer::stop),
        new BackgroundJob("overdue disputes gauge", overdue::start, overdue::stop),
        new BackgroundJob("overdue repairs gauge", overdueRepairs::start, overdueRepairs::stop),
        new BackgroundJob("overdue complaints gauge", overdueComplaints::start, overdueComplaints::stop),
        new BackgroundJob("assertion replay purge", replayPurge::start, replayPurge::stop),
        new BackgroundJob("web session purge", signIn::startPurge, signIn::stopPurge),
        new BackgroundJob("console session purge", console::startPurge, console::stopPurge),
        new BackgroundJob("checkpointer", checkpointer::start, checkpointer::stop),
        new BackgroundJob("checkpoint witnessing", witnessing::start, witnessing::close),
        new BackgroundJob("audit log follower", follower::start, () -> Blocking.await(follower.stop(), AUDIT_DRAIN_TIMEOUT)));
    List<AutoCloseable> stops = new ArrayList<>();
    for (BackgroundJob job : jobs) {
      job.start().run();
      stops.add(job.stop());
    }
    // Every change to a registry, on any instance, empties the registry cache (LISTEN/NOTIFY).
    stops.add(ChannelListener.start(vertx, database.coordinates(), database.timeouts(), RegistryCache.CHANNEL, registryCache));
    stops.add(signIn);
    stops.add(() -> Blocking.await(auditLog.close(), AUDIT_DRAIN_TIMEOUT));
    stops.add(auditPool::close);
    stops.add(supervisionPool::close);
    stops.add(consentPool::close);
    return new Capabilities(routes, stops);
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

  /**
   * Stops the background jobs and lets the queued audit entries commit; call after the HTTP server
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
