package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.wiring.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The consent lifecycle against a running gateway on a real database: the happy path and every refusal. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsentLifecycleTest {

  private static final String BANK = "91350100M000100Y43";
  /** Registered for LOAN_APPROVAL up to SUMMARY only. */
  private static final String SMALL_BANK = UnifiedSocialCreditCode.of("91110000MA0000002").value();
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final String OTHER_CITIZEN_ID = ResidentIdNumber.of("310104", LocalDate.of(1980, 5, 17), 123).value();

  private final Path keys = GatewayClient.keys();
  private final PrivateKey bankKey = PemFiles.readPrivateKey(keys.resolve("institution.key.pem"));
  private final PrivateKey identityProviderKey = PemFiles.readPrivateKey(keys.resolve("identity-provider.key.pem"));
  private final ClientKey bankPublic = ClientKey.read(keys.resolve("institution.pub.pem"));
  private DatabaseCoordinates database;
  private Gateway gateway;
  private GatewayClient client;
  private String bankToken;
  private String smallBankToken;
  private String citizen;
  private String otherCitizen;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", bankPublic, List.of("LOAN_APPROVAL", "POST_LOAN_MANAGEMENT"), "DETAIL");
      registry.addInstitution(SMALL_BANK, "小额贷款公司", bankPublic, List.of("LOAN_APPROVAL"), "SUMMARY");
    }
    gateway = Gateway.start(GatewayClient.config(database));
    client = new GatewayClient(gateway.port());
    bankToken = client.accessToken(BANK, bankKey, Instant.now());
    smallBankToken = client.accessToken(SMALL_BANK, bankKey, Instant.now());
    citizen = GatewayClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
    otherCitizen = GatewayClient.citizenToken(OTHER_CITIZEN_ID, identityProviderKey, Instant.now());
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void aCitizenApprovesADetailRequestAndTheInstitutionReceivesABoundConsentToken() throws Exception {
    HttpResponse<String> created = client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "DETAIL", 30, 3));
    JsonObject request = client.json(created, 201);
    assertThat(created.body()).doesNotContain(CITIZEN_ID);
    assertThat(request.getString("status")).isEqualTo("PENDING");
    assertThat(request.getInteger("dataWindowMonths")).as("default: the purpose's maximum").isEqualTo(60);
    assertThat(Instant.parse(request.getString("expiresAt")))
        .isEqualTo(Instant.parse(request.getString("createdAt")).plus(Duration.ofDays(7)));
    String id = request.getString("id");

    JsonObject listed = find(client.jsonArray(client.get("/v1/me/consent-requests?status=PENDING", citizen)), id);
    assertThat(listed.getJsonObject("institution")).isEqualTo(new JsonObject().put("uscc", BANK).put("name", "示范银行"));
    assertThat(listed.getString("purpose")).isEqualTo("LOAN_APPROVAL");
    assertThat(listed.getInteger("maxUses")).isEqualTo(3);
    assertThat(client.jsonArray(client.get("/v1/me/consent-requests?status=PENDING", otherCitizen)).encode()).doesNotContain(id);

    // DETAIL is sensitive financial information: a plain approval is not enough.
    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 400, "invalid_request");
    JsonObject approved = client.json(client.post("/v1/me/consent-requests/" + id + "/approve", citizen,
        new JsonObject().put("confirmSensitive", true)), 201);
    JsonObject consent = approved.getJsonObject("consent");
    assertThat(consent.getString("status")).isEqualTo("ACTIVE");
    assertThat(consent.getInteger("usesLeft")).isEqualTo(3);
    assertThat(Instant.parse(consent.getString("expiresAt")))
        .isEqualTo(Instant.parse(consent.getString("notBefore")).plus(Duration.ofDays(30)));
    JWTClaimsSet receipt = receipt(approved.getString("receipt"), "approved");
    assertThat(receipt.getStringClaim("consent_id")).isEqualTo(consent.getString("id"));

    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + id + "/approve", citizen,
        new JsonObject().put("confirmSensitive", true)), 409, "conflict");
    assertThat(client.jsonArray(client.get("/v1/me/consent-requests?status=PENDING", citizen)).encode()).doesNotContain(id);

    JsonObject fetched = client.json(client.get("/v1/consent-requests/" + id, bankToken), 200);
    assertThat(fetched.getString("status")).isEqualTo("APPROVED");
    assertThat(fetched.getString("consentId")).isEqualTo(consent.getString("id"));
    SignedJWT token = client.verifiedByJwks(fetched.getString("consentToken"));
    assertThat(token.getHeader().getType().getType()).isEqualTo("consent+jwt");
    JWTClaimsSet claims = token.getJWTClaimsSet();
    String subjectRef = client.subjectRef(citizen);
    assertThat(claims.getIssuer()).isEqualTo(GatewayClient.ISSUER);
    assertThat(claims.getSubject()).isEqualTo(subjectRef);
    assertThat(claims.getAudience()).containsExactly(BANK);
    assertThat(claims.getJWTID()).isEqualTo(consent.getString("id"));
    assertThat(claims.getStringClaim("purpose")).isEqualTo("LOAN_APPROVAL");
    assertThat(claims.getStringClaim("grade")).isEqualTo("DETAIL");
    assertThat(claims.getIntegerClaim("max_uses")).isEqualTo(3);
    assertThat(claims.getIntegerClaim("data_window_months")).isEqualTo(60);
    assertThat(claims.getJSONObjectClaim("cnf")).isEqualTo(Map.of("jkt", bankPublic.thumbprint()));
    assertThat(claims.getIssueTime()).isNotNull();
    assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(Instant.parse(consent.getString("notBefore")));
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse(consent.getString("expiresAt")));
    assertThat(fetched.getString("consentToken")).doesNotContain(CITIZEN_ID);

    List<AuditEvent> events = auditEventsOf(subjectRef);
    assertThat(events).anySatisfy(event -> {
      assertThat(event.action()).isEqualTo(AuditAction.CONSENT_REQUESTED);
      assertThat(event.actor()).isEqualTo("institution:" + BANK);
      assertThat(event.purpose()).contains("LOAN_APPROVAL");
      assertThat(event.grade()).contains("DETAIL");
    });
    assertThat(events).anySatisfy(event -> {
      assertThat(event.action()).isEqualTo(AuditAction.CONSENT_APPROVED);
      assertThat(event.actor()).isEqualTo("citizen:" + subjectRef);
      assertThat(event.consentId()).contains(consent.getString("id"));
    });
  }

  @Test
  void aRequestIsCheckedAgainstThePurposeAndTheInstitutionsRegistration() throws Exception {
    String badId = "110105194912310021";
    String body = GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken,
        request("LOAN_APPROVAL", "BASIC", 30, 3).put("subjectIdNumber", badId)), 400, "invalid_request");
    assertThat(body).doesNotContain(badId).doesNotContain(CITIZEN_ID);

    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, request("CAR_RENTAL", "BASIC", 30, 3)), 400, "invalid_request");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "EVERYTHING", 30, 3)), 400,
        "invalid_request");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, request("INSURANCE_REVIEW", "BASIC", 10, 1)), 403,
        "purpose_not_permitted");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, request("POST_LOAN_MANAGEMENT", "DETAIL", 30, 3)), 403,
        "grade_exceeds_consent");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", smallBankToken, request("LOAN_APPROVAL", "DETAIL", 30, 3)), 403,
        "grade_exceeds_consent");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "BASIC", 91, 3)), 400,
        "invalid_request");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "BASIC", 0, 3)), 400,
        "invalid_request");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "BASIC", 30, 6)), 400,
        "invalid_request");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken,
        request("LOAN_APPROVAL", "BASIC", 30, 3).put("dataWindowMonths", 61)), 400, "invalid_request");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken,
        request("LOAN_APPROVAL", "BASIC", 30, 3).put("validDays", "30")), 400, "invalid_request");
    JsonObject missing = request("LOAN_APPROVAL", "BASIC", 30, 3);
    missing.remove("maxUses");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, missing), 400, "invalid_request");

    assertThat(client.json(client.post("/v1/consent-requests", smallBankToken, request("LOAN_APPROVAL", "SUMMARY", 90, 5)
        .put("dataWindowMonths", 12)), 201).getInteger("dataWindowMonths")).isEqualTo(12);
  }

  @Test
  void illFormedBodiesAreInvalidRequests() throws Exception {
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, ""), 400, "invalid_request");
    GatewayClient.assertProblem(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "BASIC", 30, 3)
        .put("subjectIdNumber", 11010519)), 400, "invalid_request");
    String id = client.json(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "DETAIL", 30, 3)), 201)
        .getString("id");

    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + id + "/approve", citizen,
        new JsonObject().put("confirmSensitive", "yes")), 400, "invalid_request");
    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + id + "/approve", citizen,
        new JsonObject().put("confirmSensitive", false)), 400, "invalid_request");
    GatewayClient.assertProblem(client.get("/v1/me/consent-requests?status=pending", citizen), 400, "invalid_request");
    assertThat(find(client.jsonArray(client.get("/v1/me/consent-requests?status=PENDING", citizen)), id).getString("status"))
        .as("a refused approval leaves the request pending").isEqualTo("PENDING");
  }

  @Test
  void theIdNumberIsPseudonymisedAtOnceAndStoredNowhere() throws Exception {
    String id = client.json(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "BASIC", 30, 3)), 201)
        .getString("id");
    client.json(client.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 201);
    String subjectRef = client.subjectRef(citizen);

    List<String> requests = GatewayClient.rowsAsText(database, "consent_requests");
    List<String> consents = GatewayClient.rowsAsText(database, "consents");
    List<String> audit = GatewayClient.rowsAsText(database, "audit_entries");

    assertThat(requests).anySatisfy(row -> assertThat(row).contains(id).contains(subjectRef));
    assertThat(consents).anySatisfy(row -> assertThat(row).contains(subjectRef));
    assertThat(audit).isNotEmpty();
    for (String row : concat(requests, consents, audit)) {
      assertThat(row).doesNotContain(CITIZEN_ID).doesNotContain(OTHER_CITIZEN_ID);
    }
    // The audit entry column is bytea; check the decoded canonical entries as well.
    assertThat(GatewayClient.auditEntries(database)).allSatisfy(entry ->
        assertThat(new String(entry.toCanonicalJson(), StandardCharsets.UTF_8))
            .doesNotContain(CITIZEN_ID).doesNotContain(OTHER_CITIZEN_ID));
  }

  @Test
  void nobodySeesOrAnswersSomeoneElsesRequest() throws Exception {
    String id = client.json(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "BASIC", 30, 3)), 201)
        .getString("id");

    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + id + "/approve", otherCitizen, ""), 404, "not_found");
    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + id + "/reject", otherCitizen, ""), 404, "not_found");
    GatewayClient.assertProblem(client.get("/v1/consent-requests/" + id, smallBankToken), 404, "not_found");
    GatewayClient.assertProblem(client.get("/v1/consent-requests/not-a-uuid", bankToken), 404, "not_found");
    assertThat(client.json(client.get("/v1/consent-requests/" + id, bankToken), 200).getString("status")).isEqualTo("PENDING");
  }

  @Test
  void aRejectedRequestCannotBeApprovedAndTheInstitutionSeesTheRejection() throws Exception {
    String id = client.json(client.post("/v1/consent-requests", bankToken, request("LOAN_APPROVAL", "SUMMARY", 30, 3)), 201)
        .getString("id");

    JsonObject rejected = client.json(client.post("/v1/me/consent-requests/" + id + "/reject", citizen, ""), 200);

    assertThat(rejected).isEqualTo(new JsonObject().put("id", id).put("status", "REJECTED"));
    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 409, "conflict");
    GatewayClient.assertProblem(client.post("/v1/me/consent-requests/" + id + "/reject", citizen, ""), 409, "conflict");
    JsonObject fetched = client.json(client.get("/v1/consent-requests/" + id, bankToken), 200);
    assertThat(fetched.getString("status")).isEqualTo("REJECTED");
    assertThat(fetched.containsKey("consentToken")).isFalse();
    assertThat(find(client.jsonArray(client.get("/v1/me/consent-requests?status=REJECTED", citizen)), id)).isNotNull();
    assertThat(auditEventsOf(client.subjectRef(citizen))).anySatisfy(event -> {
      assertThat(event.action()).isEqualTo(AuditAction.CONSENT_REJECTED);
      assertThat(event.grade()).contains("SUMMARY");
    });
  }

  @Test
  void aCitizenPausesResumesAndFinallyRevokesAConsent() throws Exception {
    String consentId = approvedConsent(request("LOAN_APPROVAL", "SUMMARY", 30, 3));
    String path = "/v1/me/consents/" + consentId;

    assertThat(client.json(client.post(path + "/pause", citizen, ""), 200).getJsonObject("consent").getString("status"))
        .isEqualTo("PAUSED");
    assertThat(find(client.jsonArray(client.get("/v1/me/consents", citizen)), consentId).getString("status")).isEqualTo("PAUSED");
    GatewayClient.assertProblem(client.post(path + "/pause", citizen, ""), 409, "conflict");
    assertThat(client.json(client.post(path + "/resume", citizen, ""), 200).getJsonObject("consent").getString("status"))
        .isEqualTo("ACTIVE");
    GatewayClient.assertProblem(client.post(path + "/resume", citizen, ""), 409, "conflict");
    GatewayClient.assertProblem(client.post(path + "/revoke", otherCitizen, ""), 404, "not_found");

    JsonObject revoked = client.json(client.post(path + "/revoke", citizen, ""), 200);

    assertThat(revoked.getJsonObject("consent").getString("status")).isEqualTo("REVOKED");
    assertThat(receipt(revoked.getString("receipt"), "revoked").getStringClaim("consent_id")).isEqualTo(consentId);
    assertThat(find(client.jsonArray(client.get("/v1/me/consents", citizen)), consentId).getString("status")).isEqualTo("REVOKED");
    GatewayClient.assertProblem(client.post(path + "/revoke", citizen, ""), 409, "conflict");
    GatewayClient.assertProblem(client.post(path + "/resume", citizen, ""), 409, "conflict");
    GatewayClient.assertProblem(client.post(path + "/pause", citizen, ""), 409, "conflict");
    assertThat(client.jsonArray(client.get("/v1/me/consents", otherCitizen)).encode()).doesNotContain(consentId);
    assertThat(auditEventsOf(client.subjectRef(citizen))).anySatisfy(event -> {
      assertThat(event.action()).isEqualTo(AuditAction.CONSENT_REVOKED);
      assertThat(event.consentId()).contains(consentId);
    });
  }

  @Test
  void aPauseAndAResumeEachLeaveExactlyOneAuditEntry() throws Exception {
    String consentId = approvedConsent(request("LOAN_APPROVAL", "SUMMARY", 30, 3));
    String path = "/v1/me/consents/" + consentId;
    String subjectRef = client.subjectRef(citizen);

    client.json(client.post(path + "/pause", citizen, ""), 200);
    GatewayClient.assertProblem(client.post(path + "/pause", citizen, ""), 409, "conflict");
    client.json(client.post(path + "/resume", citizen, ""), 200);
    GatewayClient.assertProblem(client.post(path + "/resume", citizen, ""), 409, "conflict");

    List<AuditEvent> ofConsent = auditEventsOf(subjectRef).stream()
        .filter(event -> event.consentId().filter(consentId::equals).isPresent()).toList();
    for (AuditAction action : List.of(AuditAction.CONSENT_PAUSED, AuditAction.CONSENT_RESUMED)) {
      assertThat(ofConsent.stream().filter(event -> event.action() == action).toList()).as(action.wireName())
          .singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("citizen:" + subjectRef);
            assertThat(event.consentId()).contains(consentId);
            assertThat(event.purpose()).contains("LOAN_APPROVAL");
            assertThat(event.grade()).contains("SUMMARY");
          });
    }
    assertThat(ofConsent.stream().map(AuditEvent::action).toList())
        .containsExactly(AuditAction.CONSENT_APPROVED, AuditAction.CONSENT_PAUSED, AuditAction.CONSENT_RESUMED);
  }

  private String approvedConsent(JsonObject body) throws Exception {
    String id = client.json(client.post("/v1/consent-requests", bankToken, body), 201).getString("id");
    return client.json(client.post("/v1/me/consent-requests/" + id + "/approve", citizen, ""), 201)
        .getJsonObject("consent").getString("id");
  }

  private JWTClaimsSet receipt(String receipt, String action) throws Exception {
    SignedJWT jwt = client.verifiedByJwks(receipt);
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("consent-receipt+jwt");
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getStringClaim("action")).isEqualTo(action);
    assertThat(claims.getStringClaim("institution")).isEqualTo(BANK);
    assertThat(claims.getStringClaim("purpose")).isEqualTo("LOAN_APPROVAL");
    assertThat(claims.getStringClaim("grade")).isNotBlank();
    assertThat(claims.getNotBeforeTime()).isBefore(claims.getExpirationTime());
    assertThat(receipt).doesNotContain(CITIZEN_ID);
    return claims;
  }

  private List<AuditEvent> auditEventsOf(String subjectRef) throws Exception {
    return GatewayClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.subjectRef().filter(subjectRef::equals).isPresent())
        .toList();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Arrays.stream(lists).flatMap(List::stream).toList();
  }

  private static JsonObject request(String purpose, String grade, int validDays, int maxUses) {
    return new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", purpose).put("grade", grade)
        .put("validDays", validDays).put("maxUses", maxUses);
  }

  private static JsonObject find(JsonArray array, String id) {
    return array.stream().map(JsonObject.class::cast).filter(item -> id.equals(item.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError(id + " not in " + array.encode()));
  }
}
