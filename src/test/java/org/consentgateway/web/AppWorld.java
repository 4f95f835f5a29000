package org.consentgateway.web;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.records.CreditFile;
import org.consentgateway.value.ResidentIdNumber;

/**
 * A dashboard test's world on one database: one running gateway on the demo keys, serving the API
 * (where a bank asks and queries, and the citizen answers by API) and the citizen's pages; the
 * demo citizen's credit file; and two citizens signed in to the pages for real, through the
 * gateway's demo identity provider ({@link #citizen}, the demo citizen, and {@link #other}).
 */
final class AppWorld implements AutoCloseable {

  static final String BANK = "91350100M000100Y43";
  static final String BANK_NAME = "示范银行";
  static final String CITIZEN_ID = DemoIdentityProvider.EXAMPLE_CITIZEN;
  /** Someone else: the bank asks for their consent, so the log holds an entry about them. */
  static final String OTHER_ID = ResidentIdNumber.of("110105", LocalDate.of(1980, 5, 17), 123).value();
  static final Path KEYS = Path.of("keys-example");

  final DatabaseCoordinates database;
  final PrivateKey bankKey = PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem"));
  final PrivateKey identityProviderKey = PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem"));
  final String citizenRef;
  final String otherRef;
  final CreditFile creditFile;
  final AppGateway app;
  final GatewayHttpClient api;
  /** The key and origin the gateway's checkpoints are signed with, as the pages must name them. */
  final String verifierKey;
  final String origin;
  /** The demo citizen, and someone else, each signed in. */
  final PageClient citizen;
  final PageClient other;

  AppWorld(DatabaseCoordinates database, Path folder) throws Exception {
    this(database, folder, List.of(), org.consentgateway.records.CreditFileImport.DEFAULT_PROVIDER, Map.of());
  }

  /** The world with {@code extraRecords} added to the demo citizen's public records. */
  AppWorld(DatabaseCoordinates database, Path folder, List<org.consentgateway.records.PublicRecord> extraRecords) throws Exception {
    this(database, folder, extraRecords, org.consentgateway.records.CreditFileImport.DEFAULT_PROVIDER, Map.of());
  }

  /** The world with {@code extraRecords} added, every record of the demo citizen provided by the operator {@code provider}. */
  AppWorld(DatabaseCoordinates database, Path folder, List<org.consentgateway.records.PublicRecord> extraRecords, String provider)
      throws Exception {
    this(database, folder, extraRecords, provider, Map.of());
  }

  /** As {@link #AppWorld(DatabaseCoordinates, Path)}, with {@code more} settings of the gateway (a longer request timeout). */
  AppWorld(DatabaseCoordinates database, Path folder, Map<String, String> more) throws Exception {
    this(database, folder, List.of(), org.consentgateway.records.CreditFileImport.DEFAULT_PROVIDER, more);
  }

  private AppWorld(DatabaseCoordinates database, Path folder, List<org.consentgateway.records.PublicRecord> extraRecords,
      String provider, Map<String, String> more) throws Exception {
    this.database = database;
    GatewayKeys keys = GatewayKeys.load(KEYS);
    citizenRef = keys.pseudonymizer().subjectRef(ResidentIdNumber.parse(CITIZEN_ID)).value();
    otherRef = keys.pseudonymizer().subjectRef(ResidentIdNumber.parse(OTHER_ID)).value();
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, BANK_NAME, ClientKey.read(KEYS.resolve("institution.pub.pem")),
          List.of("LOAN_APPROVAL", "CREDIT_CARD_APPROVAL"), "DETAIL");
    }
    creditFile = CitizenFile.imported(database, keys, folder, CITIZEN_ID, extraRecords, provider);
    // Checkpoints soon after the log grows, so a browser can check an entry's proof against one.
    Map<String, String> settings = new HashMap<>(more);
    settings.put(ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100");
    app = AppGateway.start(database, settings, Clock.systemUTC());
    try {
      api = new GatewayHttpClient(app.gateway.port());
      verifierKey = NoteSigner.of(app.config.checkpointKeyName(), keys.checkpointKeyPair().getPrivate(),
          keys.checkpointKeyPair().getPublic()).verifier().verifierKey();
      origin = app.config.audit().origin();
      citizen = PageClient.signedIn(app, CITIZEN_ID);
      other = PageClient.signedIn(app, OTHER_ID);
    } catch (Exception | AssertionError e) {
      app.gateway.close();
      throw e;
    }
  }

  // --- What the bank and the citizen do through the API ---

  String bankToken() throws Exception {
    return api.accessToken(BANK, bankKey, Instant.now(), app.base);
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
    return citizen.get(path, cookies);
  }

  /** A GET without a signed-in citizen. */
  HttpResponse<String> anonymous(String path) throws Exception {
    return PageClient.anonymous(app).get(path);
  }

  /** A form POST by the demo citizen, carrying their CSRF token, reading English. */
  HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put(Page.CSRF_FIELD, citizen.csrfToken());
    return post(path, all);
  }

  /** A form POST by the demo citizen of exactly {@code fields} (no CSRF token unless they hold one), reading English. */
  HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
    return citizen.post(path, fields, Language.COOKIE + "=en");
  }

  @Override
  public void close() {
    app.gateway.close();
  }
}
