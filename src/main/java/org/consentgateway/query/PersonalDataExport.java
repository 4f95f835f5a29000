package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.CitizenAuditRoutes;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.dispute.DisputeRoutes;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.http.ErrorCode;
import org.consentgateway.http.ProblemException;
import org.consentgateway.identity.Principal;
import org.consentgateway.identity.Role;
import org.consentgateway.policy.Disclosure;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.records.RecordRoutes;
import org.consentgateway.records.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/me/export}: a copy of everything the gateway holds about the caller (the right to
 * a copy of one's personal information), as one JSON document: the full unmasked report with the
 * citizen's notes on it, the history of every corrected record, the consent requests and consents
 * with each consent's lifecycle events, the whole inquiry history, and the disputes.
 *
 * <p>Audited like the citizen's own report, before the document leaves: action
 * {@code subject.exported}, actor and subject the caller, the report's field paths plus the
 * names of the other parts, and the SHA-256 of the RFC 8785 form of the body without its
 * {@code auditIndex}. If the entry cannot be written, nothing is disclosed (503).
 */
public final class PersonalDataExport {

  public static final String PATH = "/v1/me/export";
  /** The parts of the document besides the report, as they are named in the audit entry. */
  static final List<String> PARTS = List.of("recordHistory", "consentRequests", "consents", "queries", "disputes");

  private static final Logger LOG = LoggerFactory.getLogger(PersonalDataExport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PolicyBundle policies;
  private final Sha256Hash policyHash;
  private final RecordStore records;
  private final InquiryStore inquiries;
  private final Disputes disputes;
  private final Function<Principal, Future<JsonObject>> consents;
  private final AuditLog audit;
  private final Clock clock;

  private PersonalDataExport(PolicyBundle policies, RecordStore records, InquiryStore inquiries, Disputes disputes,
      Function<Principal, Future<JsonObject>> consents, AuditLog audit, Clock clock) {
    this.policies = requireNonNull(policies, "policies is null");
    this.policyHash = Sha256Hash.fromHex(policies.version());
    this.records = requireNonNull(records, "records is null");
    this.inquiries = requireNonNull(inquiries, "inquiries is null");
    this.disputes = requireNonNull(disputes, "disputes is null");
    this.consents = requireNonNull(consents, "consents is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The export over {@code pool}.
   *
   * @param consents the caller's {@code consentRequests} and {@code consents} (each with its
   *     {@code history}), as one object with those two members
   */
  public static PersonalDataExport create(PolicyBundle policies, RecordStore records, InquiryStore inquiries, Disputes disputes,
      Function<Principal, Future<JsonObject>> consents, AuditLog audit, Clock clock) {
    return new PersonalDataExport(policies, records, inquiries, disputes, consents, audit, clock);
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::export);
  }

  private void export(RoutingContext context) {
    Principal caller = Principal.of(context);
    Future<ObjectNode> document = caller.role() != Role.CITIZEN
        // The access rules admit only citizens to /v1/me/*; this is a second lock on the same door.
        ? Future.failedFuture(new ProblemException(ErrorCode.FORBIDDEN, "Only a citizen has data of their own to export."))
        : document(caller);
    document.onSuccess(body -> context.response().putHeader("Content-Type", "application/json")
            .putHeader("Content-Disposition", "attachment; filename=\"personal-data.json\"")
            .end(body.toString()))
        .onFailure(context::fail);
  }

  /** The export, after its audit entry is committed. */
  Future<ObjectNode> document(Principal citizen) {
    String subjectRef = citizen.id();
    Instant now = clock.instant();
    Future<Optional<RecordStore.NotedFile>> file = records.notedFile(subjectRef);
    Future<JsonArray> histories = records.corrected(subjectRef).compose(corrected -> Future.all(corrected.stream()
            .map(record -> records.history(record).map(versions -> RecordRoutes.historyJson(record.id(), versions)))
            .toList())
        .map(all -> new JsonArray(all.list())));
    Future<JsonObject> granted = consents.apply(citizen);
    Future<List<AuditEntry>> lifecycle = inquiries.consentEvents(subjectRef);
    Future<JsonArray> queries = inquiries.allInquiries(subjectRef).map(all -> {
      JsonArray array = new JsonArray();
      all.forEach(inquiry -> array.add(CitizenAuditRoutes.json(inquiry)));
      return array;
    });
    Future<JsonArray> filed = disputes.of(citizen).map(all -> DisputeRoutes.array(all, now));
    Future<ObjectNode> assembled = Future.all(List.of(file, histories, granted, lifecycle, queries, filed)).map(all -> {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("exportId", UUID.randomUUID().toString());
      body.put("generatedAt", now.toString());
      body.put("policyVersion", policies.version());
      List<String> disclosed = new ArrayList<>();
      file.result().ifPresent(noted -> {
        Disclosure report = policies.fullReport(noted.file(), noted.notes());
        body.set("report", report.report());
        disclosed.addAll(report.disclosedFields());
      });
      body.set("recordHistory", tree(histories.result()));
      body.set("consentRequests", tree(granted.result().getJsonArray("consentRequests", new JsonArray())));
      body.set("consents", tree(withHistory(granted.result().getJsonArray("consents", new JsonArray()), lifecycle.result())));
      body.set("queries", tree(queries.result()));
      body.set("disputes", tree(filed.result()));
      disclosed.addAll(PARTS);
      ArrayNode fields = body.putArray("disclosedFields");
      disclosed.forEach(fields::add);
      return body;
    });
    return assembled.recover(error -> {
      LOG.error("a citizen's export could not be assembled", error);
      return Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE, "Your data could not be read; nothing was disclosed."));
    }).compose(body -> audited(citizen, body, now));
  }

  private Future<ObjectNode> audited(Principal citizen, ObjectNode body, Instant now) {
    List<String> fields = new ArrayList<>();
    body.get("disclosedFields").forEach(field -> fields.add(field.asText()));
    AuditEvent event = AuditEvent.builder().time(now).action(AuditAction.DATA_EXPORTED).actor(citizen.actor())
        .subjectRef(citizen.id()).outcome(AuditOutcome.ALLOWED).disclosedFields(fields)
        .responseHash(QueryService.responseHash(body)).policyHash(policyHash).build();
    return audit.append(event)
        .recover(error -> {
          LOG.error("a citizen's export could not be audited; nothing is disclosed", error);
          return Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE,
              "Your export could not be audited; nothing was disclosed."));
        })
        .map(appended -> QueryService.numbered(body, "exportId", appended.index()));
  }

  /** Each consent with {@code "history"}: its lifecycle entries, oldest first (who did what, when, at which index). */
  static JsonArray withHistory(JsonArray consents, List<AuditEntry> events) {
    JsonArray all = new JsonArray();
    for (int i = 0; i < consents.size(); i++) {
      JsonObject consent = consents.getJsonObject(i).copy();
      String id = consent.getString("id");
      JsonArray history = new JsonArray();
      for (AuditEntry entry : events) {
        AuditEvent event = entry.event();
        if (event.consentId().filter(id::equals).isPresent()) {
          JsonObject step = new JsonObject().put("time", event.time().toString()).put("action", event.action().wireName())
              .put("actor", CitizenAuditRoutes.actorKind(event.actor())).put("auditIndex", entry.index());
          history.add(step);
        }
      }
      all.add(consent.put("history", history));
    }
    return all;
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(JsonArray array) {
    try {
      return JSON.readTree(array.encode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
