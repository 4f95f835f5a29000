package org.consentgateway.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.audit.SubjectProofs;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.consent.ConsentExpiry;
import org.consentgateway.consent.ConsentLifecycle;
import org.consentgateway.consent.ConsentNotifications;
import org.consentgateway.consent.ConsentStore;
import org.consentgateway.consent.ConsentTokens;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.dispute.DisputeStore;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.dispute.OverdueDisputes;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.query.InquiryHistory;
import org.consentgateway.query.NotedFiles;
import org.consentgateway.query.PersonalDataExport;
import org.consentgateway.query.SelfReport;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.RecordChangeStore;
import org.consentgateway.records.RecordChanges;
import org.consentgateway.records.RecordStore;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.wiring.DomainModel;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;

/**
 * A dashboard test's world on one database: a running gateway for what institutions and the API
 * do (a bank asks, queries; the citizen answers by API), the demo citizen's credit file, and the
 * dashboard's pages served by a second server on the same database, built from the same
 * capabilities as the gateway builds them, behind {@link CookieSignedIn} (until the real session
 * lands, the pages are not mounted by the gateway).
 */
final class AppWorld implements AutoCloseable {

  static final String BANK = "91350100M000100Y43";
  static final String BANK_NAME = "示范银行";
  static final String CITIZEN_ID = "11010519491231002X";
  /** Someone else: the bank asks for their consent, so the log holds an entry about them. */
  static final String OTHER_ID = ResidentIdNumber.of("110105", LocalDate.of(1980, 5, 17), 123).value();
  static final Path KEYS = Path.of("keys-example");
  private static final Duration WAIT = Duration.ofSeconds(30);

  final DatabaseCoordinates database;
  final GatewayKeys keys = GatewayKeys.load(KEYS);
  final PrivateKey bankKey = PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem"));
  final PrivateKey identityProviderKey = PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem"));
  final String citizenRef = keys.pseudonymizer().subjectRef(ResidentIdNumber.parse(CITIZEN_ID)).value();
  final String otherRef = keys.pseudonymizer().subjectRef(ResidentIdNumber.parse(OTHER_ID)).value();
  final CreditFile creditFile;
  final TestRegistry registry;
  final Gateway gateway;
  final GatewayHttpClient api;
  final String verifierKey;
  final String origin;
  private final Vertx vertx = Vertx.vertx();
  private final ReactiveDatabase reactive;
  private final Pool auditPool;
  private final AuditLog auditLog;
  private final HttpServer pages;
  private final HttpClient browser = HttpClient.newHttpClient();

  AppWorld(DatabaseCoordinates database, Path folder) throws Exception {
    this.database = database;
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    // Checkpoints soon after the log grows, so a browser can check an entry's proof against one.
    settings.put(ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100");
    GatewayConfig config = GatewayConfig.from(Settings.defaults().with(settings));
    PolicyBundle policies = PolicyBundle.load(config.policiesDir());
    registry = TestRegistry.open(database, policies.purposes());
    registry.addInstitution(BANK, BANK_NAME, ClientKey.read(KEYS.resolve("institution.pub.pem")),
        List.of("LOAN_APPROVAL", "CREDIT_CARD_APPROVAL"), "DETAIL");
    creditFile = CitizenFile.imported(database, keys, folder, CITIZEN_ID);
    gateway = Gateway.start(config);
    api = new GatewayHttpClient(gateway.port());

    // The capabilities the pages use, built as wiring.Capabilities builds them.
    Clock clock = Clock.systemUTC();
    String issuer = config.http().issuer();
    reactive = ReactiveDatabase.open(vertx, database, 4, DomainModel.ENTITIES);
    Pool pool = reactive.pool();
    auditPool = ReactiveDatabase.pool(vertx, database, 2);
    auditLog = new AuditLog(vertx, auditPool, config.audit(), clock);
    NoteSigner checkpointSigner = NoteSigner.of(config.checkpointKeyName(), keys.checkpointKeyPair().getPrivate(),
        keys.checkpointKeyPair().getPublic());
    verifierKey = checkpointSigner.verifier().verifierKey();
    origin = config.audit().origin();
    GatewayJwt jwt = new GatewayJwt(GatewaySigningKeys.of(keys.signingKeyPair(), List.of(), clock.instant(), Duration.ofDays(400)),
        config.identity().maxTokenBytes());
    ClientRegistry clients = new ClientRegistry(reactive.sessions());
    InquiryStore inquiries = new InquiryStore(pool);
    ConsentNotifications notifications = new ConsentNotifications(pool, clients, jwt, issuer, clock);
    ConsentStore consentStore = new ConsentStore(reactive.sessions(), clients);
    ConsentLifecycle lifecycle = new ConsentLifecycle(consentStore, clients, policies, keys.pseudonymizer(),
        new ConsentTokens(jwt, issuer, clock), auditLog, new ConsentExpiry(pool, consentStore, auditLog, notifications), notifications,
        clock, ConsentLifecycle.DEFAULT_ANSWER_WINDOW);
    RecordStore records = new RecordStore(pool, keys.recordCipher());
    RecordChangeStore recordChanges = new RecordChangeStore(keys.recordCipher());
    RecordChanges changes = new RecordChanges(records, recordChanges, reactive.sessions(), auditLog, clock);
    DisputeStore disputeStore = new DisputeStore(reactive.sessions(), pool, keys.recordCipher());
    Disputes disputes = new Disputes(disputeStore, recordChanges, auditLog, config.disputes(), clock,
        new OverdueDisputes(vertx, disputeStore, clock, new SimpleMeterRegistry()));
    NotedFiles files = new NotedFiles(records, disputes);
    InquiryHistory history = new InquiryHistory(inquiries, clients);

    Pages rendered = new Pages(Messages.load(), keys.isDemo());
    Responder responder = new Responder(rendered);
    SignedIn signedIn = new CookieSignedIn(responder);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    new CitizenApp(new SecurityHeaders(List.of()), responder).mount(router);
    // The public checkpoint, same origin as the pages, as when the gateway serves the app and the API on one port.
    WebClient client = WebClient.create(vertx);
    router.get(InquiryPages.CHECKPOINT_URL).handler(context -> client.get(gateway.port(), "127.0.0.1", InquiryPages.CHECKPOINT_URL)
        .send()
        .onSuccess(answer -> context.response().setStatusCode(answer.statusCode())
            .putHeader("Content-Type", String.valueOf(answer.getHeader("Content-Type")))
            .end(answer.bodyAsString() == null ? "" : answer.bodyAsString()))
        .onFailure(context::fail));
    new Dashboard(signedIn, rendered, responder, lifecycle, inquiries, policies.purposes(), clock).mount(router);
    new ConsentActions(signedIn, rendered, responder, lifecycle, policies.purposes(), clock).mount(router);
    new InquiryPages(signedIn, rendered, responder, history, new SubjectProofs(inquiries, new AuditStore(pool)), policies.purposes(),
        new ProofPins(verifierKey, origin)).mount(router);
    new ReportPage(signedIn, rendered, responder, new SelfReport(policies, files, auditLog, clock), policies.purposes()).mount(router);
    new DisputePages(signedIn, rendered, responder, disputes, changes, policies.purposes(), clock).mount(router);
    new StatementPages(signedIn, rendered, responder, changes, policies.purposes()).mount(router);
    new ExportDownload(signedIn, rendered, responder, new PersonalDataExport(policies, records, files, inquiries, history, disputes,
        lifecycle, auditLog, clock)).mount(router);
    // Form fields up to the body limit, as the gateway's server takes them (a reason of 1,000 Chinese characters is 9 KB encoded).
    pages = Blocking.await(vertx.createHttpServer(new HttpServerOptions().setMaxFormAttributeSize(config.http().bodyLimitBytes()))
        .requestHandler(router).listen(0, "127.0.0.1"), WAIT);
  }

  // --- What the bank and the citizen do through the API ---

  String bankToken() throws Exception {
    return api.accessToken(BANK, bankKey, Instant.now());
  }

  String citizenToken() {
    return GatewayHttpClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
  }

  /** The bank asks {@code idNumber} for a consent; the request's id. */
  String request(String idNumber, String purpose, String grade, int maxUses) throws Exception {
    JsonObject body = new JsonObject().put("subjectIdNumber", idNumber).put("purpose", purpose).put("grade", grade)
        .put("validDays", 30).put("maxUses", maxUses);
    return api.json(api.post("/v1/consent-requests", bankToken(), body), 201).getString("id");
  }

  /** A consent of the demo citizen to the bank: its request, its id and the bank's consent token. */
  record Granted(String requestId, String consentId, String token) {}

  Granted grant(String purpose, String grade, int maxUses) throws Exception {
    String requestId = request(CITIZEN_ID, purpose, grade, maxUses);
    String approval = "DETAIL".equals(grade) ? new JsonObject().put("confirmSensitive", true).encode() : "";
    String consentId = api.json(api.post("/v1/me/consent-requests/" + requestId + "/approve", citizenToken(), approval), 201)
        .getJsonObject("consent").getString("id");
    String token = api.json(api.get("/v1/consent-requests/" + requestId, bankToken()), 200).getString("consentToken");
    return new Granted(requestId, consentId, token);
  }

  /** The bank's query under {@code granted}. */
  HttpResponse<String> query(Granted granted, String purpose, String grade) throws Exception {
    return api.post("/v1/queries", bankToken(), new JsonObject().put("consentToken", granted.token()).put("purpose", purpose)
        .put("grade", grade));
  }

  /** The consent's status as the citizen's API lists it. */
  String statusOf(String consentId) throws Exception {
    return api.jsonArray(api.get("/v1/me/consents", citizenToken())).stream().map(JsonObject.class::cast)
        .filter(consent -> consent.getString("id").equals(consentId)).findFirst().orElseThrow().getString("status");
  }

  // --- What the citizen's browser does with the pages ---

  /** A GET of a page by the demo citizen, with {@code cookies} (e.g. {@code cg_lang=en}) if any. */
  HttpResponse<String> page(String path, String... cookies) throws Exception {
    return pageOf(citizenRef, path, cookies);
  }

  /** A GET of a page by the citizen {@code subjectRef}. */
  HttpResponse<String> pageOf(String subjectRef, String path, String... cookies) throws Exception {
    String all = Stream.concat(Stream.of(CookieSignedIn.COOKIE + "=" + subjectRef), Stream.of(cookies)).collect(Collectors.joining("; "));
    return browser.send(HttpRequest.newBuilder(uri(path)).header("Cookie", all).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET without a signed-in citizen. */
  HttpResponse<String> anonymous(String path) throws Exception {
    return browser.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A form POST by the demo citizen, carrying their CSRF token, reading English. */
  HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put(Page.CSRF_FIELD, CookieSignedIn.tokenOf(citizenRef));
    return post(path, all);
  }

  /** A form POST by the demo citizen of exactly {@code fields} (no CSRF token unless they hold one), reading English. */
  HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    String form = fields.entrySet().stream()
        .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(field.getValue(),
            StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return browser.send(HttpRequest.newBuilder(uri(path))
        .header("Cookie", CookieSignedIn.COOKIE + "=" + citizenRef + "; " + Language.COOKIE + "=en")
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Where the pages are: {@code http://127.0.0.1:<port>}. */
  String site() {
    return "http://127.0.0.1:" + pages.actualPort();
  }

  private URI uri(String path) {
    return URI.create(site() + path);
  }

  @Override
  public void close() {
    gateway.close();
    Blocking.await(auditLog.close(), WAIT);
    Blocking.await(auditPool.close(), WAIT);
    reactive.close();
    Blocking.await(vertx.close(), WAIT);
    registry.close();
  }
}
