package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryWorld.CITIZEN_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/me/export}: a copy of everything held about the caller, audited before it leaves. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersonalDataExportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseCoordinates database;
  private QueryWorld world;
  private QueryClient client;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    world = new QueryWorld(database, Files.createTempDirectory("export-test"));
    client = world.client;
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void theExportHoldsTheReportConsentsWithTheirHistoryEveryInquiryDisputesAndRecordHistory() throws Exception {
    QueryWorld.Granted granted = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 2);
    JsonObject answer = client.json(client.post("/v1/queries", world.bankToken(),
        QueryWorld.query(granted.token(), "LOAN_APPROVAL", "SUMMARY")), 200);
    client.post("/v1/queries", world.bankToken(), QueryWorld.query(granted.token(), "CREDIT_CARD_APPROVAL", "SUMMARY"));
    String revoked = world.grant("LOAN_APPROVAL", "BASIC", 30, 1).consentId();
    client.json(client.post("/v1/me/consents/" + revoked + "/revoke", world.citizenToken(), ""), 200);
    String recordId = world.creditFile.accounts().get(0).id().toString();
    String disputeId = client.json(client.post("/v1/me/disputes", world.citizenToken(),
        new JsonObject().put("recordId", recordId).put("reason", "还款记录有误").encode()), 201).getString("id");
    client.json(client.send("PATCH", "/v1/records/" + recordId, world.operatorToken(),
        new JsonObject().put("overdueAmount", world.creditFile.accounts().get(0).overdueAmount() + 1).encode()), 200);

    HttpResponse<String> response = client.get("/v1/me/export", world.citizenToken());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(value -> assertThat(value).contains("attachment"));
    ObjectNode export = (ObjectNode) JSON.readTree(response.body());

    assertThat(export.at("/report/subject/idNumber").asText()).isEqualTo(CITIZEN_ID);
    assertThat(export.at("/report/subject/name").asText()).isEqualTo(world.creditFile.identity().name());
    JsonNode disputedAccount = find(export.at("/report/accounts"), "id", recordId);
    assertThat(disputedAccount.get("disputed").asBoolean()).isTrue();

    JsonNode consent = find(export.get("consents"), "id", revoked);
    assertThat(consent.get("status").asText()).isEqualTo("REVOKED");
    assertThat(actions(consent.get("history"))).containsExactly("consent.approved", "consent.revoked");
    assertThat(find(export.get("consents"), "id", granted.consentId()).get("status").asText()).isEqualTo("ACTIVE");
    assertThat(export.get("consentRequests").size()).isGreaterThanOrEqualTo(2);

    JsonNode allowed = find(export.get("queries"), "auditIndex", answer.getLong("auditIndex").toString());
    assertThat(allowed.get("outcome").asText()).isEqualTo("ALLOWED");
    assertThat(allowed.at("/institution/uscc").asText()).isEqualTo(QueryWorld.BANK);
    assertThat(export.get("queries")).anySatisfy(query -> assertThat(query.path("reasonCode").asText()).isEqualTo("purpose_mismatch"));

    assertThat(find(export.get("disputes"), "id", disputeId).get("status").asText()).isEqualTo("OPEN");
    JsonNode history = find(export.get("recordHistory"), "id", recordId);
    assertThat(history.get("versions").size()).isEqualTo(2);

    AuditEntry entry = QueryClient.auditEntries(database).get(export.get("auditIndex").asInt());
    assertThat(entry.event().action()).isEqualTo(AuditAction.DATA_EXPORTED);
    assertThat(entry.event().outcome()).isEqualTo(AuditOutcome.ALLOWED);
    assertThat(entry.event().actor()).isEqualTo("citizen:" + entry.event().subjectRef().orElseThrow());
    assertThat(entry.event().disclosedFields()).contains("subject.idNumber", "consents", "queries", "disputes", "complaints",
        "recordHistory");
    assertThat(entry.event().responseHash()).contains(QueryService.responseHash(export));
  }

  @Test
  void anotherCitizenExportsOnlyTheirOwnDataAndOneWithoutAFileStillGetsTheRest() throws Exception {
    String nobody = ResidentIdNumber.of("110105", LocalDate.of(1980, 2, 3), 456).value();
    HttpResponse<String> response = client.get("/v1/me/export", QueryClient.citizenToken(nobody, world.identityProviderKey, Instant.now()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode export = JSON.readTree(response.body());
    assertThat(export.has("report")).isFalse();
    assertThat(export.get("consents").size()).isZero();
    assertThat(export.get("queries").size()).isZero();
    assertThat(export.get("disputes").size()).isZero();
    assertThat(export.get("repairs").size()).isZero();
    assertThat(export.get("complaints").size()).isZero();
    assertThat(response.body()).doesNotContain(CITIZEN_ID).doesNotContain(world.creditFile.identity().name());
    QueryClient.assertProblem(client.get("/v1/me/export", world.bankToken()), 403, "forbidden");
  }

  private static JsonNode find(JsonNode array, String member, String value) {
    for (JsonNode element : array) {
      if (element.path(member).asText().equals(value)) {
        return element;
      }
    }
    throw new AssertionError("no element with " + member + " = " + value + " in " + array);
  }

  private static List<String> actions(JsonNode history) {
    List<String> actions = new ArrayList<>();
    history.forEach(step -> actions.add(step.get("action").asText()));
    return actions;
  }
}
