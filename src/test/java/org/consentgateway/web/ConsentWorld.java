package org.consentgateway.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.config.Settings;
import org.consentgateway.consent.ConsentExpiry;
import org.consentgateway.consent.ConsentLifecycle;
import org.consentgateway.consent.ConsentNotifications;
import org.consentgateway.consent.ConsentStore;
import org.consentgateway.consent.ConsentTokens;
import org.consentgateway.consent.NewConsentRequest;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.http.AccessRules;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.http.ProblemResponses;
import org.consentgateway.identity.AccessTokens;
import org.consentgateway.identity.Authenticator;
import org.consentgateway.identity.CitizenTokens;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.identity.IdentityProviderKeys;
import org.consentgateway.identity.RateLimiter;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.value.Principal;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.Role;
import org.consentgateway.wiring.DomainModel;
import org.consentgateway.wiring.GatewayConfig;

/**
 * The consent page served as the gateway serves it, on a real database: the body handler, the
 * access rules' guard, the app's headers and static files, then the page, with the lifecycle,
 * policies, registry and audit log built as {@code Capabilities} builds them. Only the session is
 * the test's ({@link ConsentTestSignedIn}). A bank, 示范银行, is registered for loan approval (up to
 * DETAIL) and post-loan management; {@link #ask} makes its requests.
 */
final class ConsentWorld implements AutoCloseable {

  static final String BANK = "91350100M000100Y43";
  static final String BANK_NAME = "示范银行";
  /** The bank's one registered redirect URI. */
  static final String BANK_RETURN = "https://bank.example/consent/return";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Vertx vertx = Vertx.vertx();
  private final ReactiveDatabase database;
  private final Pool auditPool;
  private final AuditLog audit;
  private final GatewayKeys keys;
  private final ConsentLifecycle lifecycle;
  /** The page's and the lifecycle's time; the audit log keeps the system's. */
  private final MovableClock clock = new MovableClock();
  private final HttpServer server;

  ConsentWorld(DatabaseCoordinates coordinates) {
    GatewayConfig config = GatewayConfig.from(Settings.defaults().with(GatewayHttpClient.settings(coordinates)));
    try (TestRegistry registry = TestRegistry.open(coordinates)) {
      registry.addInstitution(BANK, BANK_NAME, ClientKey.read(config.keysDir().resolve("institution.pub.pem")),
          List.of("LOAN_APPROVAL", "POST_LOAN_MANAGEMENT"), "DETAIL");
      registry.setInstitutionRedirectUris(BANK, List.of(BANK_RETURN));
    }
    String issuer = config.http().issuer();
    PolicyBundle policies = PolicyBundle.load(config.policiesDir());
    keys = GatewayKeys.load(config.keysDir());
    database = ReactiveDatabase.open(vertx, coordinates, 4, DomainModel.ENTITIES);
    auditPool = ReactiveDatabase.pool(vertx, coordinates, 2);
    audit = new AuditLog(vertx, auditPool, config.audit(), Clock.systemUTC());
    GatewayJwt jwt = new GatewayJwt(GatewaySigningKeys.of(keys.signingKeyPair(), List.of(), clock.instant(), Duration.ofDays(1)),
        config.identity().maxTokenBytes());
    ClientRegistry clients = new ClientRegistry(database.sessions());
    ConsentNotifications notifications = new ConsentNotifications(database.pool(), clients, jwt, issuer, Clock.systemUTC());
    ConsentStore store = new ConsentStore(database.sessions(), clients);
    lifecycle = new ConsentLifecycle(store, clients, policies, keys.pseudonymizer(), new ConsentTokens(jwt, issuer, clock), audit,
        new ConsentExpiry(database.pool(), store, audit, notifications), notifications, clock,
        ConsentLifecycle.DEFAULT_ANSWER_WINDOW);

    Pages pages = new Pages(Messages.load(), true);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    router.route().handler(new AccessRules(authenticator(config, jwt)).guard());
    new CitizenApp(new SecurityHeaders(List.of()), new Responder(pages)).mount(router);
    SignedIn signedIn = new ConsentTestSignedIn(pages);
    new ConsentPage(signedIn, pages, lifecycle, policies, clock).mount(router);
    new ReceiptDownload(signedIn, pages, lifecycle).mount(router);
    router.route().failureHandler(ProblemResponses::handle);
    server = Blocking.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"), WAIT);
  }

  int port() {
    return server.actualPort();
  }

  ConsentLifecycle lifecycle() {
    return lifecycle;
  }

  MovableClock clock() {
    return clock;
  }

  /** The subjectRef the gateway knows the holder of {@code idNumber} by: who the session names. */
  String subjectRef(String idNumber) {
    return keys.pseudonymizer().subjectRef(ResidentIdNumber.parse(idNumber)).value();
  }

  Principal citizen(String idNumber) {
    return new Principal(Role.CITIZEN, subjectRef(idNumber));
  }

  /** The bank asks the holder of {@code idNumber} for consent, as {@code POST /v1/consent-requests} would; the request's id. */
  UUID ask(String idNumber, String purpose, String grade, int validDays, int maxUses) {
    return ask(new NewConsentRequest(ResidentIdNumber.parse(idNumber), purpose, grade, validDays, maxUses, Optional.empty(),
        Optional.empty(), Optional.empty()));
  }

  /** As {@link #ask}, naming the bank's registered redirect URI and {@code state}: consent by redirect. */
  UUID askWithRedirect(String idNumber, String purpose, String grade, String state) {
    return ask(new NewConsentRequest(ResidentIdNumber.parse(idNumber), purpose, grade, 30, 3, Optional.empty(),
        Optional.of(BANK_RETURN), Optional.of(state)));
  }

  private UUID ask(NewConsentRequest request) {
    return await(lifecycle.request(new Principal(Role.INSTITUTION, BANK), request)).id();
  }

  <T> T await(Future<T> future) {
    return Blocking.await(future, WAIT);
  }

  private Authenticator authenticator(GatewayConfig config, GatewayJwt jwt) {
    IdentityConfig identity = config.identity();
    String issuer = config.http().issuer();
    return new Authenticator(new AccessTokens(jwt, issuer, identity.accessTokenTtl(), identity.clockSkew(), Clock.systemUTC()),
        new CitizenTokens(IdentityProviderKeys.load(identity.identityProviderKeys()), identity.identityProviderIssuer(),
            identity.identityProviderAudience(), identity.clockSkew(), keys.pseudonymizer(), Clock.systemUTC()),
        issuer, new RateLimiter(Clock.systemUTC(), identity.ratePerSecond(), identity.rateBurst()), identity, Clock.systemUTC());
  }

  @Override
  public void close() {
    Blocking.await(server.close(), WAIT);
    Blocking.await(audit.close(), WAIT);
    auditPool.close();
    database.close();
    Blocking.await(vertx.close(), WAIT);
  }
}
