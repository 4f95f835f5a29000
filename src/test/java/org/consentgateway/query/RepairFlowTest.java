package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryClient.assertProblem;
import static org.consentgateway.query.QueryWorld.BANK;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.PublicRecordType;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.repair.Repairs;
import org.consentgateway.wiring.Gateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17, end to end over HTTP on two gateways sharing one database: a citizen who paid their
 * tax arrears applies to repair the record once its earliest repair time has passed, its data
 * provider approves, and the next DETAIL query on either gateway no longer shows it; the record's
 * history and the audit log hold every step. An annotated repair, decided by the operator that
 * last corrected the record; and every refusal with its code: too early, a category without
 * repair, an account, another provider, another citizen.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepairFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate TODAY = LocalDate.now(Repairs.ZONE);
  private static final String OTHER_OPERATOR = "other-desk";
  private static final byte[] CERTIFICATE = "%PDF-1.4 完税证明 (test)".getBytes(StandardCharsets.UTF_8);

  /** Paid six months ago: past the three months of TAX_ARREARS, hidden once repaired. */
  private final PublicRecord taxPaid = record(PublicRecordType.TAX_ARREARS, TODAY.minusYears(2), Optional.of(TODAY.minusMonths(6)));
  /** Paid a year ago: for withdrawing and rejecting. */
  private final PublicRecord taxPaidLongAgo = record(PublicRecordType.TAX_ARREARS, TODAY.minusYears(3),
      Optional.of(TODAY.minusYears(1)));
  /** Paid a month ago: too early. */
  private final PublicRecord penaltyPaid = record(PublicRecordType.ADMINISTRATIVE_PENALTY, TODAY.minusMonths(5),
      Optional.of(TODAY.minusMonths(1)));
  /** Still owed: too early, with no day to name. */
  private final PublicRecord taxOwed = record(PublicRecordType.TAX_ARREARS, TODAY.minusMonths(2), Optional.empty());
  /** Performed thirteen months ago: past the year of COURT_JUDGMENT, annotated once repaired. */
  private final PublicRecord judgment = record(PublicRecordType.COURT_JUDGMENT, TODAY.minusYears(3), Optional.of(TODAY.minusMonths(13)));
  /** ENFORCEMENT allows no repair. */
  private final PublicRecord enforcement = record(PublicRecordType.ENFORCEMENT, TODAY.minusYears(3), Optional.of(TODAY.minusYears(1)));

  private DatabaseCoordinates database;
  private QueryWorld world;
  private QueryClient client;
  private String otherCitizen;
  private PrivateKey otherOperatorKey;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    world = new QueryWorld(database, Files.createTempDirectory("repair-flow-test"),
        List.of(taxPaid, taxPaidLongAgo, penaltyPaid, taxOwed, judgment, enforcement), QueryWorld.OPERATOR);
    client = world.client;
    String otherId = new SyntheticCreditData(23, LocalDate.now()).next().identity().idNumber().value();
    otherCitizen = QueryClient.citizenToken(otherId, world.identityProviderKey, Instant.now());
    KeyPair pair = QueryWorld.newKeyPair();
    world.registry.addOperator(OTHER_OPERATOR, "另一数据提供者", QueryWorld.clientKey(pair));
    otherOperatorKey = pair.getPrivate();
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aPaidTaxArrearsRecordIsRepairedAndNoLongerShownOnEitherGatewayWithItsHistoryAndAuditKept() throws Exception {
    String recordId = taxPaid.id().toString();
    assertThat(publicRecord(detailQuery(client, world.bankToken()), recordId)).as("shown before its repair").isPresent();

    JsonObject applied = client.json(client.post("/v1/me/records/" + recordId + "/repair", world.citizenToken(),
        application("税款及滞纳金已于半年前缴清，附完税证明。")), 201);
    assertThat(applied.getString("status")).isEqualTo("PENDING");
    assertThat(applied.getString("category")).isEqualTo("TAX_ARREARS");
    assertThat(applied.getString("provider")).isEqualTo(QueryWorld.OPERATOR);
    assertThat(applied.getString("outcome")).isEqualTo("HIDDEN");
    Instant appliedAt = Instant.parse(applied.getString("appliedAt"));
    assertThat(Instant.parse(applied.getString("dueBy"))).isEqualTo(appliedAt.plus(Duration.ofDays(20)));
    JsonObject attachment = applied.getJsonObject("evidence").getJsonArray("attachments").getJsonObject(0);
    assertThat(attachment.getInteger("bytes")).isEqualTo(CERTIFICATE.length);
    assertThat(attachment.containsKey("content")).as("the citizen's list names the document, the provider reads it").isFalse();
    String id = applied.getString("id");
    assertProblem(client.post("/v1/me/records/" + recordId + "/repair", world.citizenToken(), application("再次申请")), 409, "conflict");

    JsonArray pending = client.jsonArray(client.get("/v1/repairs?status=PENDING", world.operatorToken()), 200);
    JsonObject listed = only(pending, id);
    assertThat(listed.getBoolean("overdue")).isFalse();
    assertThat(listed.getJsonObject("evidence").getString("text")).isEqualTo("税款及滞纳金已于半年前缴清，附完税证明。");
    assertThat(Base64.getDecoder().decode(listed.getJsonObject("evidence").getJsonArray("attachments").getJsonObject(0)
        .getString("content"))).isEqualTo(CERTIFICATE);
    assertThat(scalar("select count(*) from repairs where position(convert_to('缴清', 'UTF8') in evidence) > 0"))
        .as("the evidence is sealed at rest").isEqualTo("0");

    JsonObject approved = client.json(client.post("/v1/repairs/" + id + "/approve", world.operatorToken(),
        new JsonObject().put("note", "经核实，准予修复。").encode()), 200);
    assertThat(approved.getString("status")).isEqualTo("APPROVED");
    assertThat(approved.getString("decidedBy")).isEqualTo("operator:" + QueryWorld.OPERATOR);

    ObjectNode onA = detailQuery(client, world.bankToken());
    assertThat(publicRecord(onA, recordId)).as("gone for institutions, as if its display period had ended").isEmpty();
    assertThat(AnswerFields.disclosed(onA)).containsExactlyInAnyOrderElementsOf(AnswerFields.present(onA));
    String onB = world.laterClient.accessToken(BANK, world.bankKey, Instant.now().plus(QueryWorld.AHEAD));
    assertThat(publicRecord(detailQuery(world.laterClient, onB), recordId)).as("on the other gateway at once").isEmpty();

    JsonNode report = JSON.readTree(client.get("/v1/me/report", world.citizenToken()).body());
    JsonNode own = publicRecord(report, recordId).orElseThrow();
    assertThat(own.get("repaired").asBoolean()).isTrue();
    assertThat(own.get("repairOutcome").asText()).isEqualTo("HIDDEN");
    assertThat(own.get("provider").asText()).isEqualTo(QueryWorld.OPERATOR);

    JsonArray versions = client.json(client.get("/v1/me/records/" + recordId + "/history", world.citizenToken()), 200)
        .getJsonArray("versions");
    assertThat(versions).hasSize(2);
    assertThat(versions.getJsonObject(0).getString("repairId")).isEqualTo(id);
    assertThat(versions.getJsonObject(0).getString("replacedBy")).isEqualTo("operator:" + QueryWorld.OPERATOR);
    assertThat(versions.getJsonObject(1).getJsonObject("record")).isEqualTo(versions.getJsonObject(0).getJsonObject("record"));

    List<AuditEntry> entries = QueryClient.auditEntries(database);
    AuditEntry applying = entries.get(applied.getLong("auditIndex").intValue());
    assertThat(applying.event().action()).isEqualTo(AuditAction.REPAIR_APPLIED);
    assertThat(applying.event().actor()).startsWith("citizen:");
    assertThat(applying.event().reasonCode()).contains("tax_arrears");
    AuditEntry approving = entries.get(approved.getLong("decidedAuditIndex").intValue());
    assertThat(approving.event().action()).isEqualTo(AuditAction.REPAIR_APPROVED);
    assertThat(approving.event().actor()).isEqualTo("operator:" + QueryWorld.OPERATOR);
    assertThat(approving.event().subjectRef()).isEqualTo(applying.event().subjectRef());
    assertThat(entries).as("no evidence or note in the log").noneMatch(entry -> entry.toString().contains("缴清")
        || entry.toString().contains("准予"));

    assertProblem(client.post("/v1/me/records/" + recordId + "/repair", world.citizenToken(), application("再修一次")), 422,
        "repair_not_allowed");
    assertProblem(client.post("/v1/repairs/" + id + "/reject", world.operatorToken(), new JsonObject().put("reason", "x").encode()),
        409, "repair_not_pending");
  }

  @Test
  void anAnnotatedRepairIsDecidedByTheOperatorThatLastCorrectedTheRecordAndShownMarked() throws Exception {
    String recordId = judgment.id().toString();
    String other = client.accessToken(OTHER_OPERATOR, otherOperatorKey, Instant.now());
    client.json(client.send("PATCH", "/v1/records/" + recordId, other, new JsonObject().put("amount", judgment.amount() + 1).encode()),
        200);
    JsonNode before = JSON.readTree(client.get("/v1/me/report", world.citizenToken()).body());
    assertThat(publicRecord(before, recordId).orElseThrow().get("provider").asText()).as("the correcting operator now provides it")
        .isEqualTo(OTHER_OPERATOR);

    JsonObject applied = client.json(client.post("/v1/me/records/" + recordId + "/repair", world.citizenToken(),
        application("判决已履行完毕。")), 201);
    assertThat(applied.getString("provider")).isEqualTo(OTHER_OPERATOR);
    assertThat(applied.getString("outcome")).isEqualTo("ANNOTATED");
    String id = applied.getString("id");

    assertThat(client.jsonArray(client.get("/v1/repairs", world.operatorToken()), 200).stream()
        .map(JsonObject.class::cast).map(repair -> repair.getString("id"))).as("another provider's application is not listed")
        .doesNotContain(id);
    assertProblem(client.post("/v1/repairs/" + id + "/approve", world.operatorToken(), ""), 404, "not_found");
    assertProblem(client.post("/v1/repairs/" + id + "/reject", world.operatorToken(), new JsonObject().put("reason", "无").encode()),
        404, "not_found");

    client.json(client.post("/v1/repairs/" + id + "/approve", other, ""), 200);
    ObjectNode detail = detailQuery(client, world.bankToken());
    JsonNode shown = publicRecord(detail, recordId).orElseThrow();
    assertThat(shown.get("repaired").asBoolean()).isTrue();
    assertThat(shown.get("repairOutcome").asText()).isEqualTo("ANNOTATED");
    assertThat(shown.has("provider")).as("the provider is shown to the citizen, not to institutions").isFalse();
    assertThat(AnswerFields.disclosed(detail)).contains("publicRecords[].repaired");
    assertThat(AnswerFields.disclosed(detail)).containsExactlyInAnyOrderElementsOf(AnswerFields.present(detail));
  }

  @Test
  void eachRefusalHasItsCode() throws Exception {
    HttpResponse<String> early = client.post("/v1/me/records/" + penaltyPaid.id() + "/repair", world.citizenToken(),
        application("罚款已缴纳。"));
    assertProblem(early, 422, "repair_too_early");
    LocalDate possibleFrom = penaltyPaid.endedOn().orElseThrow().plusMonths(3);
    assertThat(new JsonObject(early.body()).getString("possibleFrom")).isEqualTo(possibleFrom.toString());
    assertThat(new JsonObject(early.body()).getString("detail")).contains(possibleFrom.toString());
    assertProblem(client.post("/v1/me/records/" + taxOwed.id() + "/repair", world.citizenToken(), application("正在缴纳")), 422,
        "repair_too_early");
    assertProblem(client.post("/v1/me/records/" + enforcement.id() + "/repair", world.citizenToken(), application("已执行完毕")), 422,
        "repair_not_allowed");
    assertProblem(client.post("/v1/me/records/" + world.creditFile.accounts().get(0).id() + "/repair", world.citizenToken(),
        application("已还清")), 422, "repair_not_allowed");

    String notMine = assertProblem(client.post("/v1/me/records/" + taxPaidLongAgo.id() + "/repair", otherCitizen,
        application("不是我的")), 404, "not_found");
    assertThat(assertProblem(client.post("/v1/me/records/" + UUID.randomUUID() + "/repair", otherCitizen, application("无")), 404,
        "not_found")).as("someone else's record answers as none").isEqualTo(notMine);
    assertProblem(client.post("/v1/me/records/" + taxPaidLongAgo.id() + "/repair", world.citizenToken(), "{}"), 400, "invalid_request");
    assertProblem(client.post("/v1/me/records/" + taxPaidLongAgo.id() + "/repair", world.citizenToken(),
        new JsonObject().put("evidence", "x").put("attachments", new JsonArray().add(new JsonObject().put("name", "a.exe")
            .put("mediaType", "application/x-msdownload").put("content", "AAAA"))).encode()), 400, "invalid_request");
    assertProblem(client.post("/v1/me/records/" + taxPaidLongAgo.id() + "/repair", world.citizenToken(),
        new JsonObject().put("evidence", "x").put("attachments", new JsonArray().add(new JsonObject().put("name", "big.pdf")
            .put("mediaType", "application/pdf").put("content", Base64.getEncoder().encodeToString(new byte[40_961])))).encode()),
        400, "invalid_request");

    assertProblem(client.get("/v1/repairs", world.citizenToken()), 403, "forbidden");
    assertProblem(client.post("/v1/me/records/" + taxPaidLongAgo.id() + "/repair", world.operatorToken(), application("x")), 403,
        "forbidden");
    assertThat(scalar("select count(*) from repairs where record_id in ('" + penaltyPaid.id() + "', '" + taxOwed.id() + "', '"
        + enforcement.id() + "')")).as("nothing was filed").isEqualTo("0");
  }

  @Test
  void aPendingApplicationCanBeWithdrawnOrRejectedWithAReasonAndTheRecordStaysShown() throws Exception {
    String recordId = taxPaidLongAgo.id().toString();
    String path = "/v1/me/records/" + recordId + "/repair";
    String first = client.json(client.post(path, world.citizenToken(), application("已缴清")), 201).getString("id");
    assertProblem(client.post("/v1/me/repairs/" + first + "/withdraw", otherCitizen, ""), 404, "not_found");
    JsonObject withdrawn = client.json(client.post("/v1/me/repairs/" + first + "/withdraw", world.citizenToken(), ""), 200);
    assertThat(withdrawn.getString("status")).isEqualTo("WITHDRAWN");
    assertThat(withdrawn.getString("decidedBy")).startsWith("citizen:");
    assertProblem(client.post("/v1/me/repairs/" + first + "/withdraw", world.citizenToken(), ""), 409, "repair_not_pending");
    assertProblem(client.post("/v1/repairs/" + first + "/approve", world.operatorToken(), ""), 409, "repair_not_pending");

    String second = client.json(client.post(path, world.citizenToken(), application("已缴清，请复核")), 201).getString("id");
    assertProblem(client.post("/v1/repairs/" + second + "/reject", world.operatorToken(), "{}"), 400, "invalid_request");
    JsonObject rejected = client.json(client.post("/v1/repairs/" + second + "/reject", world.operatorToken(),
        new JsonObject().put("reason", "未提供完税证明原件。").encode()), 200);
    assertThat(rejected.getString("status")).isEqualTo("REJECTED");
    assertThat(rejected.getString("note")).isEqualTo("未提供完税证明原件。");

    JsonArray mine = client.jsonArray(client.get("/v1/me/repairs", world.citizenToken()), 200);
    assertThat(only(mine, second).getString("note")).isEqualTo("未提供完税证明原件。");
    assertThat(client.jsonArray(client.get("/v1/me/repairs", otherCitizen), 200)).isEmpty();
    assertThat(publicRecord(detailQuery(client, world.bankToken()), recordId)).as("a rejected repair changes nothing").isPresent();
    List<AuditAction> actions = QueryClient.auditEntries(database).stream().map(entry -> entry.event().action()).toList();
    assertThat(actions).contains(AuditAction.REPAIR_WITHDRAWN, AuditAction.REPAIR_REJECTED);

    // A third application stays pending: past its 20 days it is overdue, in the list and in /metrics.
    String third = client.json(client.post(path, world.citizenToken(), application("第三次申请")), 201).getString("id");
    Duration ahead = Duration.ofDays(21);
    try (Gateway late = Gateway.start(QueryClient.config(database, world.policies), Clock.offset(Clock.systemUTC(), ahead))) {
      QueryClient lateClient = new QueryClient(late.port());
      JsonArray open = lateClient.jsonArray(lateClient.get("/v1/repairs?status=PENDING",
          world.operatorToken(lateClient, Instant.now().plus(ahead))), 200);
      assertThat(only(open, third).getBoolean("overdue")).isTrue();
      assertThat(lateClient.overdueGauge("gateway_repairs_overdue")).isEqualTo(1.0);
    }
    client.json(client.post("/v1/me/repairs/" + third + "/withdraw", world.citizenToken(), ""), 200);
  }

  private static PublicRecord record(PublicRecordType type, LocalDate filedOn, Optional<LocalDate> endedOn) {
    return new PublicRecord(UUID.randomUUID(), type, "国家税务总局示范市税务局", 12_000, filedOn, endedOn);
  }

  private static String application(String evidence) {
    return new JsonObject().put("evidence", evidence).put("attachments", new JsonArray().add(new JsonObject()
        .put("name", "完税证明.pdf").put("mediaType", "application/pdf").put("content", Base64.getEncoder().encodeToString(CERTIFICATE))))
        .encode();
  }

  /** A fresh DETAIL consent and one query with it, on the gateway behind {@code gateway}. */
  private ObjectNode detailQuery(QueryClient gateway, String bankToken) throws Exception {
    QueryWorld.Granted granted = world.grant("LOAN_APPROVAL", "DETAIL", 30, 1);
    HttpResponse<String> response = gateway.post("/v1/queries", bankToken, QueryWorld.query(granted.token(), "LOAN_APPROVAL", "DETAIL"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (ObjectNode) JSON.readTree(response.body());
  }

  private static Optional<JsonNode> publicRecord(JsonNode report, String id) {
    JsonNode records = report.get("publicRecords");
    if (records == null) {
      return Optional.empty();
    }
    for (JsonNode record : records) {
      if (record.get("id").asText().equals(id)) {
        return Optional.of(record);
      }
    }
    return Optional.empty();
  }

  private static JsonObject only(JsonArray repairs, String id) {
    return repairs.stream().map(JsonObject.class::cast).filter(repair -> repair.getString("id").equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("repair " + id + " is not listed"));
  }

  private String scalar(String sql) throws Exception {
    return QueryClient.scalar(database, sql);
  }
}
