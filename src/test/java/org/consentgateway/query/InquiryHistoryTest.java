package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryWorld.BANK;
import static org.consentgateway.query.QueryWorld.CITIZEN_ID;
import static org.consentgateway.query.QueryWorld.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.MerkleVerifier;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A citizen's inquiry history ({@code GET /v1/me/queries}) and the inclusion proofs of their own
 * audit entries ({@code GET /v1/me/audit/proofs/inclusion}), end to end.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InquiryHistoryTest {

  /** A citizen the gateway holds no file for, and nobody ever queries. */
  private static final String OTHER_CITIZEN_ID = "110105198001010016";
  private static final Pattern NEXT = Pattern.compile("^<(/v1/me/queries\\?[^>]*)>; rel=\"next\"$");

  private DatabaseCoordinates database;
  private QueryWorld world;
  private QueryClient client;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    world = new QueryWorld(database, Files.createTempDirectory("inquiry-history-test"));
    client = world.client;
  }

  @AfterAll
  void stop() {
    world.close();
  }

  @Test
  void aCitizenSeesEveryQueryAboutThemAllowedOrRefusedNewestFirst() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    long allowed = client.json(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), 200)
        .getLong("auditIndex");
    QueryClient.assertProblem(client.post("/v1/queries", world.bankToken(), query(consent.token(), "CREDIT_CARD_APPROVAL", "SUMMARY")),
        403, "purpose_mismatch");

    HttpResponse<String> response = client.get("/v1/me/queries", world.citizenToken());

    JsonArray history = array(response);
    JsonObject denied = history.getJsonObject(0);
    assertThat(denied.getJsonObject("institution")).isEqualTo(new JsonObject().put("uscc", BANK).put("name", "示范银行"));
    assertThat(denied.getString("purpose")).isEqualTo("CREDIT_CARD_APPROVAL");
    assertThat(denied.getString("consentId")).isEqualTo(consent.consentId());
    assertThat(denied.getString("outcome")).isEqualTo("DENIED");
    assertThat(denied.getString("reasonCode")).isEqualTo("purpose_mismatch");
    assertThat(denied.getLong("auditIndex")).isGreaterThan(allowed);
    JsonObject granted = history.getJsonObject(1);
    assertThat(granted.fieldNames()).containsExactlyInAnyOrder("time", "institution", "purpose", "grade", "consentId", "outcome",
        "auditIndex");
    assertThat(granted.getString("purpose")).isEqualTo("LOAN_APPROVAL");
    assertThat(granted.getString("grade")).isEqualTo("SUMMARY");
    assertThat(granted.getString("consentId")).isEqualTo(consent.consentId());
    assertThat(granted.getString("outcome")).isEqualTo("ALLOWED");
    assertThat(granted.getLong("auditIndex")).isEqualTo(allowed);
    assertThat(Instant.parse(granted.getString("time"))).isBeforeOrEqualTo(Instant.parse(denied.getString("time")));
    assertThat(response.headers().firstValue("Link")).isEmpty();
    assertThat(response.body()).doesNotContain(CITIZEN_ID);
  }

  @Test
  void theCitizensOwnReportIsListedAsSelfWithoutAnInstitution() throws Exception {
    assertThat(client.get("/v1/me/report", world.citizenToken()).statusCode()).isEqualTo(200);

    JsonObject self = array(client.get("/v1/me/queries?limit=1", world.citizenToken())).getJsonObject(0);

    assertThat(self.getString("actor")).isEqualTo("SELF");
    assertThat(self.containsKey("institution")).isFalse();
    assertThat(self.getString("purpose")).isEqualTo("SELF");
    assertThat(self.getString("outcome")).isEqualTo("ALLOWED");
  }

  @Test
  void pagesOfOneFollowTheLinkHeaderToTheEnd() throws Exception {
    QueryWorld.Granted consent = world.grant(QueryWorld.BULK, "SUMMARY", 30, 10);
    for (int i = 0; i < 3; i++) {
      client.json(client.post("/v1/queries", world.bankToken(), query(consent.token(), QueryWorld.BULK, "SUMMARY")), 200);
    }
    List<Long> all = indexes(array(client.get("/v1/me/queries?limit=200", world.citizenToken())));

    List<Long> paged = new ArrayList<>();
    Optional<String> next = Optional.of("/v1/me/queries?limit=1");
    while (next.isPresent()) {
      HttpResponse<String> page = client.get(next.get(), world.citizenToken());
      assertThat(array(page)).hasSize(1);
      paged.addAll(indexes(array(page)));
      next = page.headers().firstValue("Link").map(InquiryHistoryTest::nextPage);
    }

    assertThat(all).hasSizeGreaterThanOrEqualTo(3).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(paged).isEqualTo(all);
  }

  @Test
  void anotherCitizenSeesNoneOfThem() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    client.json(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), 200);

    assertThat(array(client.get("/v1/me/queries", otherCitizenToken()))).isEmpty();
  }

  @Test
  void badPagingParametersAreInvalidRequests() throws Exception {
    for (String parameters : List.of("limit=0", "limit=201", "limit=ten", "before=-1", "before=x")) {
      QueryClient.assertProblem(client.get("/v1/me/queries?" + parameters, world.citizenToken()), 400, "invalid_request");
    }
    assertThat(array(client.get("/v1/me/queries?before=0", world.citizenToken()))).isEmpty();
  }

  @Test
  void onlyACitizenHasAnInquiryHistory() throws Exception {
    QueryClient.assertProblem(client.get("/v1/me/queries", world.bankToken()), 403, "forbidden");
    QueryClient.assertProblem(client.get("/v1/me/audit/proofs/inclusion?index=0&size=1", world.bankToken()), 403, "forbidden");
  }

  @Test
  void aCitizenProvesTheirEntryIsInTheSignedLog() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    client.json(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), 200);
    long index = array(client.get("/v1/me/queries?limit=1", world.citizenToken())).getJsonObject(0).getLong("auditIndex");
    Checkpoint checkpoint = PublishedCheckpoints.atLeast(index + 1, () -> client.get("/v1/audit/checkpoint", "none"));

    JsonObject proof = client.json(client.get("/v1/me/audit/proofs/inclusion?index=" + index + "&size=" + checkpoint.size(),
        world.citizenToken()), 200);

    assertThat(proof.getLong("index")).isEqualTo(index);
    assertThat(proof.getLong("size")).isEqualTo(checkpoint.size());
    byte[] leafHash = QueryClient.auditEntries(database).get((int) index).leafHash().bytes();
    assertThat(MerkleVerifier.verifyInclusion(index, checkpoint.size(), leafHash, PublishedCheckpoints.hashes(proof),
        checkpoint.rootHash().bytes()).isValid()).isTrue();
  }

  @Test
  void anEntryNotAboutTheCallerIsNotFoundAlike() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 3);
    long theirs = client.json(client.post("/v1/queries", world.bankToken(), query(consent.token(), "LOAN_APPROVAL", "SUMMARY")), 200)
        .getLong("auditIndex");
    // A token that does not verify names no subject: its denial is an entry with no subjectRef.
    QueryClient.assertProblem(client.post("/v1/queries", world.bankToken(), query("not-a-token", "LOAN_APPROVAL", "SUMMARY")), 403,
        "consent_invalid");
    List<AuditEntry> entries = QueryClient.auditEntries(database);
    AuditEntry noSubject = entries.get(entries.size() - 1);
    assertThat(noSubject.event().subjectRef()).isEmpty();
    long size = entries.size();

    String someoneElses = notFound(client.get(proofPath(theirs, size), otherCitizenToken()));
    String withoutSubject = notFound(client.get(proofPath(noSubject.index(), size), world.citizenToken()));
    String pastTheLog = notFound(client.get(proofPath(size + 1000, size + 1001), world.citizenToken()));

    assertThat(withoutSubject).isEqualTo(someoneElses).isEqualTo(pastTheLog);
    assertThat(client.get(proofPath(theirs, size), world.citizenToken()).statusCode()).isEqualTo(200);
    QueryClient.assertProblem(client.get(proofPath(theirs, theirs), world.citizenToken()), 400, "invalid_request");
  }

  private String otherCitizenToken() {
    return QueryClient.citizenToken(OTHER_CITIZEN_ID, world.identityProviderKey, Instant.now());
  }

  private static String proofPath(long index, long size) {
    return "/v1/me/audit/proofs/inclusion?index=" + index + "&size=" + size;
  }

  private static String notFound(HttpResponse<String> response) {
    return QueryClient.assertProblem(response, 404, "not_found");
  }

  private static JsonArray array(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return new JsonArray(response.body());
  }

  private static List<Long> indexes(JsonArray history) {
    List<Long> indexes = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      indexes.add(history.getJsonObject(i).getLong("auditIndex"));
    }
    return indexes;
  }

  private static String nextPage(String link) {
    Matcher matcher = NEXT.matcher(link);
    assertThat(matcher.matches()).as(link).isTrue();
    return matcher.group(1);
  }
}
