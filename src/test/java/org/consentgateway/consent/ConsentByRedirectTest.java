package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.value.Principal;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.Role;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.wiring.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Consent by redirect against a running gateway: a request may name one of its institution's
 * registered redirect URIs, byte for byte, and an opaque state; it then answers with the consent
 * page's URL, and once the citizen has answered, the lifecycle says where to send them back.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentByRedirectTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String OTHER_BANK = UnifiedSocialCreditCode.of("91110000MA0000002").value();
  private static final String CALLBACK = "https://bank.example/consent/done";
  private static final String CALLBACK_WITH_QUERY = "https://bank.example/cb?app=loans";
  private static final String OTHER_BANKS_CALLBACK = "https://other.example/cb";
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final String OTHER_CITIZEN_ID = ResidentIdNumber.of("310104", LocalDate.of(1980, 5, 17), 123).value();

  private final Path keys = GatewayClient.keys();
  private final PrivateKey bankKey = PemFiles.readPrivateKey(keys.resolve("institution.key.pem"));
  private DatabaseCoordinates database;
  private Gateway gateway;
  private SweeperProcess process;
  private GatewayClient client;
  private String bankToken;
  private String citizen;
  private Principal citizenPrincipal;
  private Principal otherCitizenPrincipal;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    ClientKey bankPublic = ClientKey.read(keys.resolve("institution.pub.pem"));
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", bankPublic, List.of("LOAN_APPROVAL"), "DETAIL");
      registry.setInstitutionRedirectUris(BANK, List.of(CALLBACK, CALLBACK_WITH_QUERY, "http://127.0.0.1:8000/cb"));
      registry.addInstitution(OTHER_BANK, "小额贷款公司", bankPublic, List.of("LOAN_APPROVAL"), "SUMMARY");
      registry.setInstitutionRedirectUris(OTHER_BANK, List.of(OTHER_BANKS_CALLBACK));
    }
    gateway = Gateway.start(GatewayClient.config(database));
    process = new SweeperProcess(database, Clock.systemUTC());
    client = new GatewayClient(gateway.port());
    PrivateKey identityProviderKey = PemFiles.readPrivateKey(keys.resolve("identity-provider.key.pem"));
    bankToken = client.accessToken(BANK, bankKey, Instant.now());
    citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    citizenPrincipal = new Principal(Role.CITIZEN, client.subjectRef(citizen));
    otherCitizenPrincipal = new Principal(Role.CITIZEN,
        client.subjectRef(GatewayClient.citizenToken(OTHER_CITIZEN_ID, identityProviderKey, Instant.now())));
  }

  @AfterAll
  void stop() {
    process.close();
    gateway.close();
  }

  @Test
  void aRequestNamingARegisteredUriAnswersWithTheConsentPage() throws Exception {
    JsonObject created = client.json(client.post("/v1/consent-requests", bankToken,
        request().put("redirectUri", CALLBACK).put("state", "xyz-123")), 201);
    String id = created.getString("id");

    assertThat(created.getString("consentUrl")).isEqualTo(GatewayClient.ISSUER + "/app/consent-requests/" + id);
    assertThat(created.getString("status")).isEqualTo("PENDING");
    assertThat(client.json(client.get("/v1/consent-requests/" + id, bankToken), 200).getString("consentUrl"))
        .isEqualTo(created.getString("consentUrl"));
    JsonObject row = requestRow(id);
    assertThat(row.getString("redirect_uri")).isEqualTo(CALLBACK);
    assertThat(row.getString("state")).isEqualTo("xyz-123");

    JsonObject plain = client.json(client.post("/v1/consent-requests", bankToken, request()), 201);
    assertThat(plain.containsKey("consentUrl")).as("no redirect URI, no consent page").isFalse();
    assertThat(client.json(client.get("/v1/consent-requests/" + plain.getString("id"), bankToken), 200).containsKey("consentUrl"))
        .isFalse();
    assertThat(requestRow(plain.getString("id")).getValue("redirect_uri")).isNull();
  }

  @Test
  void aRedirectUriMustBeOneTheCallerRegisteredByteForByte() throws Exception {
    List<String> refused = List.of(
        CALLBACK + "/",
        "https://BANK.example/consent/done",
        "HTTPS://bank.example/consent/done",
        CALLBACK + "?",
        CALLBACK + "#",
        "https://bank.example/consent/%64one",
        " " + CALLBACK,
        "https://bank.example/cb?app=loans&next=https://evil.example",
        OTHER_BANKS_CALLBACK,
        "https://evil.example/consent/done",
        "javascript:alert(document.cookie)",
        "//evil.example/cb",
        "not a uri at all");
    for (String uri : refused) {
      assertRefusedAndNothingStored(request().put("redirectUri", uri), "redirectUri", uri);
    }
    assertRefusedAndNothingStored(request().put("redirectUri", 42), "redirectUri", "42");
    assertRefusedAndNothingStored(request().put("redirectUri", ""), "redirectUri", "\"\"");
    assertRefusedAndNothingStored(request().putNull("redirectUri"), "redirectUri", "null");
  }

  @Test
  void aStateIsOneTo256VisibleAsciiCharactersAndOnlyWithARedirect() throws Exception {
    String longest = "~".repeat(256);
    assertRefusedAndNothingStored(request().put("redirectUri", CALLBACK).put("state", longest + "x"), "state", longest);
    assertRefusedAndNothingStored(request().put("redirectUri", CALLBACK).put("state", "ab\u0001cd"), "state", "ab\u0001cd");
    assertRefusedAndNothingStored(request().put("redirectUri", CALLBACK).put("state", "ab\ncd"), "state", "ab\ncd");
    assertRefusedAndNothingStored(request().put("redirectUri", CALLBACK).put("state", "ab cd"), "state", "ab cd");
    assertRefusedAndNothingStored(request().put("redirectUri", CALLBACK).put("state", "状态"), "state", "状态");
    assertRefusedAndNothingStored(request().put("redirectUri", CALLBACK).put("state", ""), "state", "\"\"");
    assertRefusedAndNothingStored(request().put("state", "xyz-123"), "state", "xyz-123");

    JsonObject created = client.json(client.post("/v1/consent-requests", bankToken,
        request().put("redirectUri", CALLBACK).put("state", longest)), 201);
    assertThat(requestRow(created.getString("id")).getString("state")).isEqualTo(longest);
  }

  @Test
  void anApprovedRequestSendsTheCitizenBackWithTheStateEncoded() throws Exception {
    String state = "a/b+c&d=e?f%g#h";
    String id = client.json(client.post("/v1/consent-requests", bankToken,
        request().put("redirectUri", CALLBACK).put("state", state)), 201).getString("id");
    assertThat(redirectAfterAnswer(citizenPrincipal, id)).as("not answered yet").isEmpty();

    client.json(client.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 201);

    assertThat(redirectAfterAnswer(citizenPrincipal, id)).contains(URI.create(
        CALLBACK + "?requestId=" + id + "&state=a%2Fb%2Bc%26d%3De%3Ff%25g%23h&outcome=approved"));
    assertThatThrownBy(() -> redirectAfterAnswer(otherCitizenPrincipal, id)).as("someone else's request")
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aRejectedRequestSendsTheCitizenBackWithoutAStateItWasNotGiven() throws Exception {
    String id = client.json(client.post("/v1/consent-requests", bankToken, request().put("redirectUri", CALLBACK_WITH_QUERY)), 201)
        .getString("id");

    client.json(client.post("/v1/me/consent-requests/" + id + "/reject", citizen, ""), 200);

    assertThat(redirectAfterAnswer(citizenPrincipal, id)).contains(URI.create(
        "https://bank.example/cb?app=loans&requestId=" + id + "&outcome=rejected"));
  }

  @Test
  void anAnsweredRequestWithoutARedirectUriSendsNobodyAnywhere() throws Exception {
    String id = client.json(client.post("/v1/consent-requests", bankToken, request()), 201).getString("id");

    client.json(client.post("/v1/me/consent-requests/" + id + "/reject", citizen, ""), 200);

    assertThat(redirectAfterAnswer(citizenPrincipal, id)).isEmpty();
  }

  /** 400 {@code invalid_request} naming {@code field} without its value, and no request stored. */
  private void assertRefusedAndNothingStored(JsonObject body, String field, String value) throws Exception {
    int before = GatewayClient.rowsAsText(database, "consent_requests").size();

    HttpResponse<String> response = client.post("/v1/consent-requests", bankToken, body);

    String detail = GatewayClient.assertProblem(response, 400, "invalid_request");
    assertThat(detail).as(body.encode()).contains(field);
    assertThat(response.body()).as("the refused value is not echoed").doesNotContain(value);
    assertThat(GatewayClient.rowsAsText(database, "consent_requests")).as("nothing stored").hasSize(before);
  }

  private Optional<URI> redirectAfterAnswer(Principal principal, String id) {
    return SweeperProcess.await(process.lifecycle().redirectAfterAnswer(principal, UUID.fromString(id)));
  }

  private JsonObject requestRow(String id) throws Exception {
    return GatewayClient.rowsAsText(database, "consent_requests").stream().map(JsonObject::new)
        .filter(row -> id.equals(row.getString("id"))).findFirst().orElseThrow();
  }

  private static JsonObject request() {
    return new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", "LOAN_APPROVAL").put("grade", "SUMMARY")
        .put("validDays", 30).put("maxUses", 3);
  }
}
