package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryWorld.CITIZEN_ID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.Jcs;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.ImportReport;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code GET /v1/me/report} end to end: the citizen's own file, unmasked and whole, audited as a SELF query. */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SelfReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseCoordinates database;
  private QueryWorld world;
  private QueryClient client;
  private GatewayKeys keys;
  /** A second citizen with a file of their own, imported next to the demo citizen's. */
  private CreditFile otherFile;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    Path folder = Files.createTempDirectory("self-report-test");
    world = new QueryWorld(database, folder);
    client = world.client;
    keys = GatewayKeys.load(QueryWorld.KEYS);
    SyntheticCreditData synthetic = new SyntheticCreditData(11, LocalDate.now());
    do {
      otherFile = synthetic.next();
    } while (otherFile.identity().idNumber().value().equals(CITIZEN_ID) || otherFile.accounts().isEmpty());
    Path file = folder.resolve("other.jsonl");
    Files.writeString(file, CreditFileJson.toJson(otherFile).toString() + "\n", StandardOpenOption.CREATE_NEW);
    ImportReport report = new CreditFileImport(database, keys.pseudonymizer(), keys.recordCipher(), 10).run(file, false);
    assertThat(report.committed()).as(report.toString()).isTrue();
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void theCitizenSeesTheirWholeFileUnmasked() throws Exception {
    HttpResponse<String> response = client.get("/v1/me/report", world.citizenToken());
    ObjectNode body = answer(response);
    CreditFile file = world.creditFile;

    assertThat(body.at("/subject/name").asText()).isEqualTo(file.identity().name());
    assertThat(body.at("/subject/idNumber").asText()).isEqualTo(CITIZEN_ID);
    assertThat(response.body()).contains(file.identity().phone().orElseThrow());
    assertThat(body.get("accounts").size()).isEqualTo(file.accounts().size());
    assertThat(body.has("publicRecords") ? body.get("publicRecords").size() : 0).isEqualTo(file.publicRecords().size());
    assertThat(body.get("policyVersion").asText()).hasSize(64);
    assertThat(body.get("reportId").asText()).isNotBlank();
    assertThat(AnswerFields.disclosed(body)).contains("subject.name", "subject.idNumber", "accounts[].balance");
    assertThat(AnswerFields.disclosed(body)).containsExactlyInAnyOrderElementsOf(AnswerFields.present(body));
    assertAudited(body, subjectRef(CITIZEN_ID));
  }

  @Test
  void anotherCitizenSeesOnlyTheirOwnFile() throws Exception {
    String otherId = otherFile.identity().idNumber().value();
    String token = QueryClient.citizenToken(otherId, world.identityProviderKey, Instant.now());
    HttpResponse<String> response = client.get("/v1/me/report", token);
    ObjectNode body = answer(response);

    assertThat(body.at("/subject/idNumber").asText()).isEqualTo(otherId);
    assertThat(body.at("/subject/name").asText()).isEqualTo(otherFile.identity().name());
    assertThat(body.get("accounts").size()).isEqualTo(otherFile.accounts().size());
    assertThat(response.body()).doesNotContain(CITIZEN_ID);
    if (!otherFile.identity().name().equals(world.creditFile.identity().name())) {
      assertThat(response.body()).doesNotContain(world.creditFile.identity().name());
    }
    assertAudited(body, subjectRef(otherId));
  }

  @Test
  void aCitizenWithNoFileIsNotFoundAndTheRefusalIsAudited() throws Exception {
    String nobody = ResidentIdNumber.of("110105", LocalDate.of(1980, 2, 3), 456).value();
    String token = QueryClient.citizenToken(nobody, world.identityProviderKey, Instant.now());

    HttpResponse<String> response = client.get("/v1/me/report", token);

    QueryClient.assertProblem(response, 404, "not_found");
    AuditEvent last = lastEvent();
    assertThat(last.action()).isEqualTo(AuditAction.QUERY_DENIED);
    assertThat(last.outcome()).isEqualTo(AuditOutcome.DENIED);
    assertThat(last.reasonCode()).contains("not_found");
    assertThat(last.purpose()).contains(SelfReport.PURPOSE);
    assertThat(last.subjectRef()).contains(subjectRef(nobody));
    assertThat(last.actor()).isEqualTo("citizen:" + subjectRef(nobody));
    assertThat(last.disclosedFields()).isEmpty();
  }

  @Test
  void anInstitutionIsForbidden() throws Exception {
    String entriesBefore = QueryClient.scalar(database, "select count(*) from audit_entries");

    QueryClient.assertProblem(client.get("/v1/me/report", world.bankToken()), 403, "forbidden");

    assertThat(QueryClient.auditEntries(database).stream().map(AuditEntry::event)
        .filter(event -> event.purpose().filter(SelfReport.PURPOSE::equals).isPresent() && event.actor().startsWith("institution:")))
        .isEmpty();
    assertThat(Long.parseLong(QueryClient.scalar(database, "select count(*) from audit_entries")))
        .isGreaterThanOrEqualTo(Long.parseLong(entriesBefore));
  }

  @Test
  void noTokenIsUnauthenticated() throws Exception {
    QueryClient.assertProblem(client.get("/v1/me/report", "not-a-token"), 401, "unauthenticated");
  }

  private String subjectRef(String idNumber) {
    return keys.pseudonymizer().subjectRef(ResidentIdNumber.parse(idNumber)).value();
  }

  private static ObjectNode answer(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return (ObjectNode) JSON.readTree(response.body());
  }

  /** The report's audit entry: a SELF query.allowed by the citizen about themself, hashing the body without auditIndex. */
  private void assertAudited(ObjectNode body, String subjectRef) throws Exception {
    AuditEntry entry = QueryClient.auditEntries(database).stream()
        .filter(candidate -> candidate.index() == body.get("auditIndex").asLong()).findFirst().orElseThrow();
    AuditEvent event = entry.event();
    assertThat(event.action()).isEqualTo(AuditAction.QUERY_ALLOWED);
    assertThat(event.outcome()).isEqualTo(AuditOutcome.ALLOWED);
    assertThat(event.actor()).isEqualTo("citizen:" + subjectRef);
    assertThat(event.subjectRef()).contains(subjectRef);
    assertThat(event.purpose()).contains("SELF");
    assertThat(event.grade()).contains("DETAIL");
    assertThat(event.consentId()).isEmpty();
    assertThat(event.disclosedFields()).containsExactlyElementsOf(AnswerFields.disclosed(body));
    ObjectNode withoutIndex = body.deepCopy();
    withoutIndex.remove("auditIndex");
    assertThat(event.responseHash()).contains(Sha256Hash.digest(Jcs.canonicalize(withoutIndex)));
  }

  private AuditEvent lastEvent() throws Exception {
    List<AuditEntry> entries = QueryClient.auditEntries(database);
    return entries.get(entries.size() - 1).event();
  }
}
