package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryClient.assertProblem;
import static org.consentgateway.query.QueryWorld.CITIZEN_ID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.wiring.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, end to end over HTTP: a citizen disputes a wrong balance, every bank reading the record
 * meanwhile sees it marked {@code "disputed": true}, an operator corrects it, the next reading
 * shows the corrected value and no flag, the record's history keeps the old version, and the
 * audit log holds the filing, the correction and the resolution. Plus statements, and what a
 * citizen may not do to another citizen's records.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputedRecordFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseCoordinates database;
  private QueryWorld world;
  private QueryClient client;
  private String otherCitizen;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    world = new QueryWorld(database, Files.createTempDirectory("dispute-flow-test"));
    client = world.client;
    String otherId = new SyntheticCreditData(23, LocalDate.now()).next().identity().idNumber().value();
    assertThat(otherId).isNotEqualTo(CITIZEN_ID);
    otherCitizen = QueryClient.citizenToken(otherId, world.identityProviderKey, Instant.now());
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aDisputedBalanceIsFlaggedThenCorrectedWithItsHistoryKeptAndEveryStepAudited() throws Exception {
    CreditAccount account = world.creditFile.accounts().get(0);
    String recordId = account.id().toString();

    JsonObject filed = client.json(client.post("/v1/me/disputes", world.citizenToken(),
        new JsonObject().put("recordId", recordId).put("reason", "这笔贷款余额有误，我已于上月结清。").encode()), 201);
    assertThat(filed.getString("status")).isEqualTo("OPEN");
    Instant filedAt = Instant.parse(filed.getString("filedAt"));
    assertThat(Instant.parse(filed.getString("dueBy"))).isEqualTo(filedAt.plus(Duration.ofDays(20)));
    assertThat(filed.getBoolean("overdue")).isFalse();

    ObjectNode during = detailQuery();
    JsonNode disputedAccount = account(during, recordId);
    assertThat(disputedAccount.get("disputed").asBoolean()).isTrue();
    assertThat(disputedAccount.get("balance").asLong()).isEqualTo(account.balance());
    assertThat(AnswerFields.disclosed(during)).contains("accounts[].disputed");
    assertThat(AnswerFields.disclosed(during)).containsExactlyInAnyOrderElementsOf(AnswerFields.present(during));
    for (JsonNode other : during.get("accounts")) {
      if (!other.get("id").asText().equals(recordId)) {
        assertThat(other.has("disputed")).as("only the disputed record is flagged").isFalse();
      }
    }

    JsonArray open = client.jsonArray(client.get("/v1/disputes?status=OPEN", world.operatorToken()), 200);
    assertThat(open).hasSize(1);
    assertThat(open.getJsonObject(0).getString("id")).isEqualTo(filed.getString("id"));
    assertThat(open.getJsonObject(0).getString("reason")).isEqualTo("这笔贷款余额有误，我已于上月结清。");

    long corrected = account.balance() == 0 ? 1 : 0;
    JsonObject resolution = new JsonObject().put("outcome", "CORRECTED").put("note", "经核实，余额已更正。")
        .put("correction", new JsonObject().put("balance", corrected));
    JsonObject resolved = client.json(client.post("/v1/disputes/" + filed.getString("id") + "/resolve", world.operatorToken(),
        resolution.encode()), 200);
    assertThat(resolved.getString("status")).isEqualTo("CORRECTED");
    assertThat(resolved.getString("note")).isEqualTo("经核实，余额已更正。");

    ObjectNode after = detailQuery();
    assertThat(account(after, recordId).get("balance").asLong()).isEqualTo(corrected);
    assertThat(account(after, recordId).has("disputed")).isFalse();
    assertThat(AnswerFields.disclosed(after)).doesNotContain("accounts[].disputed");

    JsonObject history = client.json(client.get("/v1/me/records/" + recordId + "/history", world.citizenToken()), 200);
    JsonArray versions = history.getJsonArray("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.getJsonObject(0).getInteger("version")).isEqualTo(1);
    assertThat(versions.getJsonObject(0).getJsonObject("record").getLong("balance")).isEqualTo(account.balance());
    assertThat(versions.getJsonObject(0).getString("disputeId")).isEqualTo(filed.getString("id"));
    assertThat(versions.getJsonObject(0).getString("replacedBy")).isEqualTo("operator:" + QueryWorld.OPERATOR);
    assertThat(versions.getJsonObject(1).getInteger("version")).isEqualTo(2);
    assertThat(versions.getJsonObject(1).getJsonObject("record").getLong("balance")).isEqualTo(corrected);

    List<AuditEntry> entries = QueryClient.auditEntries(database);
    AuditEntry filing = entries.get((int) filed.getLong("auditIndex").longValue());
    assertThat(filing.event().action()).isEqualTo(AuditAction.DISPUTE_FILED);
    assertThat(filing.event().actor()).startsWith("citizen:");
    AuditEntry resolvedEntry = entries.get((int) resolved.getLong("resolvedAuditIndex").longValue());
    assertThat(resolvedEntry.event().action()).isEqualTo(AuditAction.DISPUTE_RESOLVED);
    assertThat(resolvedEntry.event().reasonCode()).contains("corrected");
    assertThat(entries).filteredOn(entry -> entry.event().action() == AuditAction.RECORD_CORRECTED)
        .singleElement()
        .satisfies(entry -> {
          assertThat(entry.event().actor()).isEqualTo("operator:" + QueryWorld.OPERATOR);
          assertThat(entry.event().subjectRef()).isEqualTo(filing.event().subjectRef());
          assertThat(entry.index()).isBetween(filing.index(), resolvedEntry.index());
        });
  }

  @Test
  void oneOpenDisputePerRecordAndAResolvedOneCannotBeResolvedAgain() throws Exception {
    String recordId = world.creditFile.accounts().get(1).id().toString();
    String dispute = new JsonObject().put("recordId", recordId).put("reason", "开户日期不对").encode();
    String id = client.json(client.post("/v1/me/disputes", world.citizenToken(), dispute), 201).getString("id");
    assertProblem(client.post("/v1/me/disputes", world.citizenToken(), dispute), 409, "conflict");

    String rejection = new JsonObject().put("outcome", "REJECTED").put("note", "经核实，记录无误。").encode();
    client.json(client.post("/v1/disputes/" + id + "/resolve", world.operatorToken(), rejection), 200);
    assertProblem(client.post("/v1/disputes/" + id + "/resolve", world.operatorToken(), rejection), 409, "conflict");

    JsonArray mine = client.jsonArray(client.get("/v1/me/disputes", world.citizenToken()), 200);
    assertThat(mine.stream().map(JsonObject.class::cast).filter(d -> d.getString("id").equals(id)))
        .singleElement().satisfies(d -> assertThat(d.getString("status")).isEqualTo("REJECTED"));
    // Once resolved, the record may be disputed again.
    String again = client.json(client.post("/v1/me/disputes", world.citizenToken(), dispute), 201).getString("id");
    client.json(client.post("/v1/disputes/" + again + "/resolve", world.operatorToken(), rejection), 200);
  }

  @Test
  void aDisputeOpenPastItsTwentyDaysIsListedAsOverdueAndCountedInMetrics() throws Exception {
    String recordId = world.creditFile.accounts().get(1).id().toString();
    String id = client.json(client.post("/v1/me/disputes", world.citizenToken(),
        new JsonObject().put("recordId", recordId).put("reason", "额度不对").encode()), 201).getString("id");
    Duration ahead = Duration.ofDays(21);
    try (Gateway late = Gateway.start(QueryClient.config(database, world.policies), Clock.offset(Clock.systemUTC(), ahead))) {
      QueryClient lateClient = new QueryClient(late.port());
      JsonArray open = lateClient.jsonArray(lateClient.get("/v1/disputes?status=OPEN",
          world.operatorToken(lateClient, Instant.now().plus(ahead))), 200);
      assertThat(open.stream().map(JsonObject.class::cast).filter(d -> d.getString("id").equals(id)))
          .singleElement().satisfies(d -> assertThat(d.getBoolean("overdue")).isTrue());
      assertThat(lateClient.overdueGauge("gateway_disputes_overdue")).isEqualTo(1.0);
    }
    JsonArray today = client.jsonArray(client.get("/v1/disputes?status=OPEN", world.operatorToken()), 200);
    assertThat(today.getJsonObject(0).getBoolean("overdue")).isFalse();
    client.json(client.post("/v1/disputes/" + id + "/resolve", world.operatorToken(),
        new JsonObject().put("outcome", "REJECTED").put("note", "无误").encode()), 200);
  }

  @Test
  void aResolutionMustSayWhatItDoes() throws Exception {
    String recordId = world.creditFile.accounts().get(0).id().toString();
    String id = client.json(client.post("/v1/me/disputes", world.citizenToken(),
        new JsonObject().put("recordId", recordId).put("reason", "状态不对").encode()), 201).getString("id");
    String path = "/v1/disputes/" + id + "/resolve";
    assertProblem(client.post(path, world.operatorToken(), new JsonObject().put("outcome", "CORRECTED").put("note", "x").encode()),
        400, "invalid_request");
    assertProblem(client.post(path, world.operatorToken(), new JsonObject().put("outcome", "MAYBE").put("note", "x").encode()),
        400, "invalid_request");
    assertProblem(client.post(path, world.operatorToken(), new JsonObject().put("outcome", "CORRECTED").put("note", "x")
        .put("correction", new JsonObject().put("balanse", 1)).encode()), 400, "invalid_request");
    assertProblem(client.post(path, world.operatorToken(), new JsonObject().put("outcome", "CORRECTED").put("note", "x")
        .put("correction", new JsonObject().put("status", "HAPPY")).encode()), 400, "invalid_request");
    assertProblem(client.post("/v1/disputes/" + java.util.UUID.randomUUID() + "/resolve", world.operatorToken(),
        new JsonObject().put("outcome", "REJECTED").put("note", "x").encode()), 404, "not_found");
    client.json(client.post(path, world.operatorToken(), new JsonObject().put("outcome", "REJECTED").put("note", "无误").encode()), 200);
  }

  @Test
  void aStatementIsShownToBanksAtDetailNextToItsRecordAndCanBeRemoved() throws Exception {
    CreditAccount account = world.creditFile.accounts().get(1);
    String path = "/v1/me/records/" + account.id() + "/statement";
    String statement = "该笔逾期系银行系统扣款失败所致，本人已及时补缴。";
    JsonObject put = client.json(client.send("PUT", path, world.citizenToken(), new JsonObject().put("statement", statement).encode()),
        200);
    assertThat(put.getString("statement")).isEqualTo(statement);

    ObjectNode detail = detailQuery();
    assertThat(account(detail, account.id().toString()).get("statement").asText()).isEqualTo(statement);
    assertThat(AnswerFields.disclosed(detail)).contains("accounts[].statement");
    JsonNode report = JSON.readTree(client.get("/v1/me/report", world.citizenToken()).body());
    assertThat(account(report, account.id().toString()).get("statement").asText()).isEqualTo(statement);

    assertProblem(client.send("PUT", path, world.citizenToken(), new JsonObject().put("statement", "长".repeat(501)).encode()),
        400, "invalid_request");
    assertProblem(client.send("PUT", path, world.citizenToken(), new JsonObject().put("statement", "  ").encode()),
        400, "invalid_request");

    assertThat(client.send("DELETE", path, world.citizenToken(), "").statusCode()).isEqualTo(204);
    assertThat(account(detailQuery(), account.id().toString()).has("statement")).isFalse();
    assertProblem(client.send("DELETE", path, world.citizenToken(), ""), 404, "not_found");
    assertThat(QueryClient.auditEntries(database)).filteredOn(entry -> entry.event().action() == AuditAction.STATEMENT_ATTACHED
        || entry.event().action() == AuditAction.STATEMENT_REMOVED).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void aCitizenCannotDisputeAnnotateOrReadTheHistoryOfAnotherCitizensRecord() throws Exception {
    String recordId = world.creditFile.accounts().get(0).id().toString();
    String detail = assertProblem(client.post("/v1/me/disputes", otherCitizen,
        new JsonObject().put("recordId", recordId).put("reason", "不是我的").encode()), 404, "not_found");
    assertThat(detail).isEqualTo("No such record.");
    assertProblem(client.send("PUT", "/v1/me/records/" + recordId + "/statement", otherCitizen,
        new JsonObject().put("statement", "不是我的").encode()), 404, "not_found");
    assertProblem(client.send("DELETE", "/v1/me/records/" + recordId + "/statement", otherCitizen, ""), 404, "not_found");
    assertProblem(client.get("/v1/me/records/" + recordId + "/history", otherCitizen), 404, "not_found");
    assertThat(client.jsonArray(client.get("/v1/me/disputes", otherCitizen), 200)).isEmpty();
    // A record that does not exist answers exactly the same.
    assertThat(assertProblem(client.post("/v1/me/disputes", otherCitizen, new JsonObject()
        .put("recordId", java.util.UUID.randomUUID().toString()).put("reason", "x").encode()), 404, "not_found")).isEqualTo(detail);
  }

  @Test
  void anOperatorCorrectsARecordOutsideADisputeKeepingItsHistory() throws Exception {
    CreditAccount account = world.creditFile.accounts().get(1);
    String path = "/v1/records/" + account.id();
    long overdue = account.overdueAmount() + 321;
    JsonObject corrected = client.json(client.send("PATCH", path, world.operatorToken(),
        new JsonObject().put("overdueAmount", overdue).encode()), 200);
    assertThat(corrected.getJsonArray("changedFields")).containsExactly("accounts[].overdueAmount");
    assertThat(corrected.encode()).as("the answer names fields, never values").doesNotContain(String.valueOf(overdue));
    AuditEntry entry = QueryClient.auditEntries(database).get(corrected.getLong("auditIndex").intValue());
    assertThat(entry.event().action()).isEqualTo(AuditAction.RECORD_CORRECTED);
    assertThat(entry.event().actor()).isEqualTo("operator:" + QueryWorld.OPERATOR);

    JsonArray versions = client.json(client.get(path + "/history", world.operatorToken()), 200).getJsonArray("versions");
    JsonObject previous = versions.getJsonObject(versions.size() - 2);
    JsonObject current = versions.getJsonObject(versions.size() - 1);
    assertThat(current.getInteger("version")).isEqualTo(corrected.getInteger("version"));
    assertThat(current.getJsonObject("record").getLong("overdueAmount")).isEqualTo(overdue);
    assertThat(previous.getJsonObject("record").getLong("overdueAmount")).isEqualTo(account.overdueAmount());
    assertThat(previous.containsKey("disputeId")).isFalse();

    assertProblem(client.send("PATCH", path, world.operatorToken(), new JsonObject().put("overdueAmount", "lots").encode()),
        400, "invalid_request");
    assertProblem(client.send("PATCH", path, world.operatorToken(), "[]"), 400, "invalid_request");
    assertProblem(client.send("PATCH", "/v1/records/" + java.util.UUID.randomUUID(), world.operatorToken(),
        new JsonObject().put("balance", 1).encode()), 404, "not_found");
    assertProblem(client.send("PATCH", "/v1/records/not-a-uuid", world.operatorToken(),
        new JsonObject().put("balance", 1).encode()), 404, "not_found");
  }

  @Test
  void onlyOperatorsResolveAndListDisputes() throws Exception {
    assertProblem(client.get("/v1/disputes", world.citizenToken()), 403, "forbidden");
    assertProblem(client.get("/v1/disputes", world.bankToken()), 403, "forbidden");
    assertProblem(client.send("PATCH", "/v1/records/" + world.creditFile.accounts().get(0).id(), world.citizenToken(),
        new JsonObject().put("balance", 1).encode()), 403, "forbidden");
  }

  /** A fresh DETAIL consent (LOAN_APPROVAL allows two uses a day) and one query with it. */
  private ObjectNode detailQuery() throws Exception {
    QueryWorld.Granted granted = world.grant("LOAN_APPROVAL", "DETAIL", 30, 1);
    HttpResponse<String> response = client.post("/v1/queries", world.bankToken(),
        QueryWorld.query(granted.token(), "LOAN_APPROVAL", "DETAIL"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (ObjectNode) JSON.readTree(response.body());
  }

  private static JsonNode account(JsonNode report, String id) {
    for (JsonNode account : report.get("accounts")) {
      if (account.get("id").asText().equals(id)) {
        return account;
      }
    }
    throw new AssertionError("account " + id + " is not in the report");
  }
}
