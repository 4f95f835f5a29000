package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryWorld.BANK;
import static org.consentgateway.query.QueryWorld.CITIZEN_ID;
import static org.consentgateway.query.QueryWorld.OTHER_BANK;
import static org.consentgateway.query.QueryWorld.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.Jcs;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /v1/queries} end to end: what each grade discloses, and each refusal, audited. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseCoordinates database;
  private QueryWorld world;
  private QueryClient client;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    world = new QueryWorld(database, Files.createTempDirectory("query-test"));
    client = world.client;
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  void aSummaryQueryDisclosesTheSummaryGradeMaskedAndAuditsWhatItDisclosed() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);

    HttpResponse<String> response = client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY"));

    ObjectNode body = answer(response);
    assertThat(body.get("purpose").asText()).isEqualTo("LOAN_APPROVAL");
    assertThat(body.get("grade").asText()).isEqualTo("SUMMARY");
    assertThat(body.has("queryId")).isTrue();
    assertThat(body.has("policyVersion")).isTrue();
    assertThat(body.has("accounts")).isFalse();
    assertThat(body.has("publicRecords")).isFalse();
    assertThat(AnswerFields.disclosed(body)).contains("subject.name", "subject.idNumber", "subject.phone", "summary.accountCount")
        .doesNotContain("accounts[].balance");
    assertThat(AnswerFields.disclosed(body)).containsExactlyInAnyOrderElementsOf(AnswerFields.present(body));
    assertMasked(body, response.body());
    assertAudited(body, consent.consentId());
  }

  @Test
  void aDetailQueryDisclosesTheAccountsAndOnlyTheFieldsPresent() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "DETAIL", 30, 3);

    HttpResponse<String> response = client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "DETAIL"));

    ObjectNode body = answer(response);
    assertThat(body.get("accounts").size()).isEqualTo(world.creditFile.accounts().size());
    assertThat(AnswerFields.disclosed(body)).contains("accounts[].lender", "accounts[].balance", "summary.totalBalance");
    assertThat(AnswerFields.disclosed(body)).containsExactlyInAnyOrderElementsOf(AnswerFields.present(body));
    assertMasked(body, response.body());
    assertAudited(body, consent.consentId());
  }

  @Test
  void aLowerGradeThanConsentedIsServedAtTheLowerGrade() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "DETAIL", 30, 3);

    ObjectNode body = answer(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "BASIC")));

    assertThat(body.has("accounts")).isFalse();
    assertThat(AnswerFields.disclosed(body)).containsExactlyInAnyOrder("subject.name", "subject.idNumber", "summary.hasRecords");
  }

  @Test
  void aTamperedTokenIsConsentInvalid() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    String[] parts = consent.token().split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
        .replace("\"SUMMARY\"", "\"DETAIL\"");
    String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

    refused(client.post("/v1/queries", world.bankToken(), query(tampered, "LOAN_APPROVAL", "DETAIL")), "consent_invalid");
    assertThat(lastEvent().subjectRef()).isEmpty();
    assertThat(lastEvent().consentId()).isEmpty();
    refused(client.post("/v1/queries", world.bankToken(), query("not-a-token", "LOAN_APPROVAL", "SUMMARY")), "consent_invalid");
  }

  @Test
  void anotherBanksTokenIsNotYours() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    String other = client.accessToken(OTHER_BANK, world.otherBankKey, Instant.now());

    refused(client.post("/v1/queries", other, query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), "consent_not_yours");
    assertThat(deniedFor(consent.consentId())).extracting(event -> event.reasonCode().orElseThrow()).containsExactly("consent_not_yours");
  }

  @Test
  void aTokenBoundToTheInstitutionsFormerKeyIsNotYours() throws Exception {
    // A bank of this test's own: its key changes after the consent was granted.
    String bank = UnifiedSocialCreditCode.of("91350100M00030000").value();
    KeyPair former = QueryWorld.newKeyPair();
    world.registry.addInstitution(bank, "第三银行", QueryWorld.clientKey(former), List.of("LOAN_APPROVAL"), "DETAIL");
    QueryWorld.Granted consent = world.grant(bank, former.getPrivate(), "LOAN_APPROVAL", "SUMMARY", 30, 3);
    KeyPair rotated = QueryWorld.newKeyPair();
    world.registry.setInstitutionKey(bank, QueryWorld.clientKey(rotated));
    String other = client.accessToken(bank, rotated.getPrivate(), Instant.now());

    String detail = refused(client.post("/v1/queries", other, query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), "consent_not_yours");
    assertThat(detail).contains("key");
  }

  @Test
  void theFirstBrokenCheckDecides() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    String other = client.accessToken(OTHER_BANK, world.otherBankKey, Instant.now());
    client.json(client.post("/v1/me/consents/" + consent.consentId() + "/revoke", world.citizenToken(), ""), 200);

    // Another bank, another purpose, a higher grade, on a revoked consent: not yours comes first.
    refused(client.post("/v1/queries", other, query(consent.token(), "CREDIT_CARD_APPROVAL", "DETAIL")), "consent_not_yours");
    // The right bank: the purpose, then the grade, then the revocation.
    refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "CREDIT_CARD_APPROVAL", "DETAIL")), "purpose_mismatch");
    refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "DETAIL")), "grade_exceeds_consent");
    refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), "consent_revoked");
  }

  @Test
  void aDifferentPurposeIsAMismatch() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);

    refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "CREDIT_CARD_APPROVAL", "SUMMARY")),
        "purpose_mismatch");
  }

  @Test
  void aHigherGradeThanConsentedIsRefused() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);

    refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "DETAIL")), "grade_exceeds_consent");
  }

  @Test
  void aRevokedConsentIsRefused() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    client.json(client.post("/v1/me/consents/" + consent.consentId() + "/revoke", world.citizenToken(), ""), 200);

    refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), "consent_revoked");
    assertThat(usesLeft(consent.consentId())).isEqualTo("3");
  }

  @Test
  void aRevocationThroughOneGatewayHoldsOnTheNextQueryThroughAnother() throws Exception {
    // Two gateway instances on one database; the second one's clock runs ahead, well within the consent's 30 days.
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    String bankOnSecond = world.laterClient.accessToken(BANK, world.bankKey, Instant.now().plus(QueryWorld.AHEAD));
    answer(world.laterClient.post("/v1/queries", bankOnSecond, query(consent.token(), "LOAN_APPROVAL", "SUMMARY")));

    client.json(client.post("/v1/me/consents/" + consent.consentId() + "/revoke", world.citizenToken(), ""), 200);

    refused(world.laterClient.post("/v1/queries", bankOnSecond, query(consent.token(), "LOAN_APPROVAL", "SUMMARY")),
        "consent_revoked");
  }

  @Test
  void aPausedConsentIsRefusedAsRevokedSayingPaused() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    client.json(client.post("/v1/me/consents/" + consent.consentId() + "/pause", world.citizenToken(), ""), 200);

    String detail = refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")),
        "consent_revoked");
    assertThat(detail).contains("paused");
  }

  @Test
  void aConsentPastItsValidityIsExpired() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 7, 3);
    String bankLater = world.laterClient.accessToken(BANK, world.bankKey, Instant.now().plus(QueryWorld.AHEAD));
    assertThat(QueryClient.scalar(database, "select status from consents where id = '" + consent.consentId() + "'"))
        .isEqualTo("ACTIVE");

    refused(world.laterClient.post("/v1/queries", bankLater, query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), "consent_expired");

    // No sweep has run: the query found the lapse and wrote it down, once, with its entry.
    assertThat(QueryClient.scalar(database, "select status from consents where id = '" + consent.consentId() + "'"))
        .isEqualTo("EXPIRED");
    refused(world.laterClient.post("/v1/queries", bankLater, query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), "consent_expired");
    List<AuditEvent> expired = QueryClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.CONSENT_EXPIRED)
        .filter(event -> event.consentId().filter(consent.consentId()::equals).isPresent())
        .toList();
    assertThat(expired).singleElement().satisfies(event -> assertThat(event.actor()).isEqualTo("system:gateway"));
    assertThat(QueryClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.QUERY_DENIED)
        .filter(event -> event.consentId().filter(consent.consentId()::equals).isPresent())
        .map(event -> event.reasonCode().orElseThrow())).containsExactly("consent_expired", "consent_expired");
  }

  @Test
  void aConsentWithNoUsesLeftIsExhausted() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 1);
    answer(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")));

    refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), "consent_exhausted");
    assertThat(QueryClient.scalar(database, "select status from consents where id = '" + consent.consentId() + "'"))
        .isEqualTo("EXHAUSTED");
  }

  @Test
  void thePurposesDailyLimitExhaustsAConsentWithUsesLeft() throws Exception {
    // LOAN_APPROVAL allows two uses a day.
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    answer(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")));
    answer(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")));

    String detail = refused(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")),
        "consent_exhausted");
    assertThat(detail).contains("today");
    assertThat(usesLeft(consent.consentId())).isEqualTo("1");
  }

  @Test
  void aMalformedBodyIsAnInvalidRequest() throws Exception {
    String bank = world.bankToken();
    QueryClient.assertProblem(client.post("/v1/queries", bank, "{\"consentToken\": "), 400, "invalid_request");
    QueryClient.assertProblem(client.post("/v1/queries", bank, "[]"), 400, "invalid_request");
    QueryClient.assertProblem(client.post("/v1/queries", bank, new JsonObject().put("consentToken", "x").put("purpose", "LOAN_APPROVAL")
        .put("grade", "ALL").encode()), 400, "invalid_request");
    QueryClient.assertProblem(client.post("/v1/queries", bank, new JsonObject().put("consentToken", 5).put("purpose", "LOAN_APPROVAL")
        .put("grade", "BASIC").encode()), 400, "invalid_request");
  }

  @Test
  void aCitizenCannotQuery() throws Exception {
    QueryClient.assertProblem(client.post("/v1/queries", world.citizenToken(), query("x", "LOAN_APPROVAL", "BASIC")), 403, "forbidden");
  }

  private static ObjectNode answer(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (ObjectNode) JSON.readTree(response.body());
  }

  /** Asserts the refusal and that it was audited as a denial with its code; returns the detail. */
  private String refused(HttpResponse<String> response, String code) throws Exception {
    String detail = QueryClient.assertProblem(response, 403, code);
    AuditEvent last = lastEvent();
    assertThat(last.action()).isEqualTo(AuditAction.QUERY_DENIED);
    assertThat(last.outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(last.reasonCode()).contains(code);
    assertThat(last.disclosedFields()).isEmpty();
    return detail;
  }

  private void assertMasked(ObjectNode body, String raw) {
    String name = world.creditFile.identity().name();
    assertThat(raw).doesNotContain(CITIZEN_ID).doesNotContain(name).doesNotContain(world.creditFile.identity().phone().orElseThrow());
    assertThat(body.at("/subject/name").asText()).startsWith(name.substring(0, 1)).contains("*");
    assertThat(body.at("/subject/idNumber").asText()).isEqualTo(CITIZEN_ID.substring(0, 6) + "********" + CITIZEN_ID.substring(14));
  }

  /** The answer's audit entry: ALLOWED, naming the disclosed fields, hashing the body without auditIndex. */
  private void assertAudited(ObjectNode body, String consentId) throws Exception {
    AuditEntry entry = QueryClient.auditEntries(database).stream().filter(candidate -> candidate.index() == body.get("auditIndex").asLong())
        .findFirst().orElseThrow();
    AuditEvent event = entry.event();
    assertThat(event.action()).isEqualTo(AuditAction.QUERY_ALLOWED);
    assertThat(event.actor()).isEqualTo("institution:" + BANK);
    assertThat(event.consentId()).contains(consentId);
    assertThat(event.subjectRef()).hasValueSatisfying(ref -> assertThat(ref).hasSize(64));
    assertThat(event.disclosedFields()).containsExactlyElementsOf(AnswerFields.disclosed(body));
    ObjectNode withoutIndex = body.deepCopy();
    withoutIndex.remove("auditIndex");
    assertThat(event.responseHash()).contains(Sha256Hash.digest(Jcs.canonicalize(withoutIndex)));
  }

  private AuditEvent lastEvent() throws Exception {
    List<AuditEntry> entries = QueryClient.auditEntries(database);
    return entries.get(entries.size() - 1).event();
  }

  private List<AuditEvent> deniedFor(String consentId) throws Exception {
    return QueryClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.action() == AuditAction.QUERY_DENIED && event.consentId().filter(consentId::equals).isPresent()).toList();
  }

  private String usesLeft(String consentId) throws Exception {
    return QueryClient.scalar(database, "select uses_left from consents where id = '" + consentId + "'");
  }
}
