package org.consentgateway.web;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consentgateway.consent.RequestStatus;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.value.ResidentIdNumber;

/**
 * The consent page's world: one running gateway on the demo keys and a real database, on a clock
 * the test can move ({@link #clock}); citizens sign in to its pages for real, through its demo
 * identity provider ({@link #signIn}). A bank, 示范银行, is registered for loan approval (up to
 * DETAIL) and post-loan management; {@link #ask} makes its requests through the API.
 */
final class ConsentWorld implements AutoCloseable {

  static final String BANK = "91350100M000100Y43";
  static final String BANK_NAME = "示范银行";
  /** The bank's one registered redirect URI. */
  static final String BANK_RETURN = "https://bank.example/consent/return";
  private static final Path KEYS = Path.of("keys-example");

  final AppGateway app;
  private final MovableClock clock = new MovableClock();
  private final GatewayKeys keys = GatewayKeys.load(KEYS);
  private final PrivateKey bankKey = PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem"));
  private final PrivateKey identityProviderKey = PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem"));
  private final GatewayHttpClient api;

  ConsentWorld(DatabaseCoordinates database) {
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, BANK_NAME, ClientKey.read(KEYS.resolve("institution.pub.pem")),
          List.of("LOAN_APPROVAL", "POST_LOAN_MANAGEMENT"), "DETAIL");
      registry.setInstitutionRedirectUris(BANK, List.of(BANK_RETURN));
    }
    app = AppGateway.start(database, Map.of(), clock);
    api = new GatewayHttpClient(app.gateway.port());
  }

  /** The gateway's time: the system's, until a test moves it. */
  MovableClock clock() {
    return clock;
  }

  /** The holder of {@code idNumber}, signed in to the pages at the gateway's time. */
  PageClient signIn(String idNumber) throws Exception {
    return PageClient.signedIn(app, idNumber);
  }

  /** The subjectRef the gateway knows the holder of {@code idNumber} by: who the session names. */
  String subjectRef(String idNumber) {
    return keys.pseudonymizer().subjectRef(ResidentIdNumber.parse(idNumber)).value();
  }

  /** The bank asks the holder of {@code idNumber} for consent, by {@code POST /v1/consent-requests}; the request's id. */
  UUID ask(String idNumber, String purpose, String grade, int validDays, int maxUses) throws Exception {
    return ask(new JsonObject().put("subjectIdNumber", idNumber).put("purpose", purpose).put("grade", grade)
        .put("validDays", validDays).put("maxUses", maxUses));
  }

  /** As {@link #ask}, naming the bank's registered redirect URI and {@code state}: consent by redirect. */
  UUID askWithRedirect(String idNumber, String purpose, String grade, String state) throws Exception {
    return ask(new JsonObject().put("subjectIdNumber", idNumber).put("purpose", purpose).put("grade", grade)
        .put("validDays", 30).put("maxUses", 3).put("redirectUri", BANK_RETURN).put("state", state));
  }

  private UUID ask(JsonObject request) throws Exception {
    String bankToken = api.accessToken(BANK, bankKey, clock.instant(), app.base);
    return UUID.fromString(api.json(api.post("/v1/consent-requests", bankToken, request), 201).getString("id"));
  }

  /** The request's status as its citizen's API shows it. */
  RequestStatus requestStatus(String idNumber, UUID id) throws Exception {
    return RequestStatus.valueOf(mine(idNumber, "/v1/me/consent-requests").stream()
        .filter(request -> request.getString("id").equals(id.toString())).findFirst().orElseThrow().getString("status"));
  }

  /** The consents of the holder of {@code idNumber}, as their API lists them. */
  List<JsonObject> consentsOf(String idNumber) throws Exception {
    return mine(idNumber, "/v1/me/consents");
  }

  private List<JsonObject> mine(String idNumber, String path) throws Exception {
    String citizenToken = GatewayHttpClient.citizenToken(idNumber, identityProviderKey, clock.instant());
    return api.jsonArray(api.get(path, citizenToken), 200).stream().map(JsonObject.class::cast).toList();
  }

  @Override
  public void close() {
    app.gateway.close();
  }
}
