package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.consentgateway.audit.AppendedEntry;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.InquiryJson;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.LifecycleEntry;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.consent.Consent;
import org.consentgateway.consent.ConsentJson;
import org.consentgateway.consent.ConsentLifecycle;
import org.consentgateway.consent.ConsentRequest;
import org.consentgateway.crypto.SignedResponse;
import org.consentgateway.dispute.DisputeJson;
import org.consentgateway.complaint.ComplaintJson;
import org.consentgateway.complaint.Complaints;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.repair.RepairJson;
import org.consentgateway.repair.Repairs;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.Disclosure;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.records.RecordJson;
import org.consentgateway.records.RecordStore;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/me/export}: a copy of everything the gateway holds about the caller (the right to
 * a copy of one's personal information), as one JSON document: the full unmasked report with the
 * citizen's notes on it, the history of every corrected record, the consent requests and consents
 * with each consent's lifecycle events, the whole inquiry history, the disputes and the complaints.
 *
 * <p>Audited like the citizen's own report, before the document leaves: action
 * {@code subject.exported}, actor and subject the caller, the report's field paths plus the
 * names of the other parts, and the SHA-256 of the RFC 8785 form of the body without its
 * {@code auditIndex}. If the entry cannot be written, nothing is disclosed (503).
 */
public final class PersonalDataExport {

  /** The parts of the document besides the report, as they are named in the audit entry. */
  static final List<String> PARTS =
      List.of("recordHistory", "consentRequests", "consents", "queries", "disputes", "repairs", "complaints");

  private static final Logger LOG = LoggerFactory.getLogger(PersonalDataExport.class);

  private final PolicyBundle policies;
  private final Sha256Hash policyHash;
  private final RecordStore records;
  private final NotedFiles files;
  private final InquiryStore inquiries;
  private final InquiryHistory history;
  private final Disputes disputes;
  private final Repairs repairs;
  private final Complaints complaints;
  private final ConsentLifecycle consents;
  private final AuditLog audit;
  private final SignedAnswers answers;
  private final Clock clock;

  public PersonalDataExport(PolicyBundle policies, RecordStore records, NotedFiles files, InquiryStore inquiries,
      InquiryHistory history, Disputes disputes, Repairs repairs, Complaints complaints, ConsentLifecycle consents, AuditLog audit,
      SignedAnswers answers, Clock clock) {
    this.policies = requireNonNull(policies, "policies is null");
    this.policyHash = Sha256Hash.fromHex(policies.version());
    this.records = requireNonNull(records, "records is null");
    this.files = requireNonNull(files, "files is null");
    this.inquiries = requireNonNull(inquiries, "inquiries is null");
    this.history = requireNonNull(history, "history is null");
    this.disputes = requireNonNull(disputes, "disputes is null");
    this.repairs = requireNonNull(repairs, "repairs is null");
    this.complaints = requireNonNull(complaints, "complaints is null");
    this.consents = requireNonNull(consents, "consents is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.answers = requireNonNull(answers, "answers is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The citizen's export, after its audit entry is committed; fails with a
   * {@link ProblemException} ({@code forbidden} or {@code unavailable}).
   */
  public Future<ObjectNode> document(Principal citizen) {
    return document(citizen, (event, body) -> audited(audit.append(event))
        .map(appended -> QueryService.numbered(body, "exportId", appended.index())));
  }

  /**
   * As {@link #document(Principal)}, as the signed answer to {@code answered} ({@link SignedAnswers}):
   * its entry records the hash of the answer's signature base.
   */
  public Future<SignedResponse> signedDocument(Principal citizen, AnswerRequest answered) {
    return document(citizen, (event, body) -> audited(audit.append(event, answers.toBind(answered, body, "exportId")))
        .map(answers::signed));
  }

  private <T> Future<T> document(Principal citizen, BiFunction<AuditEvent, ObjectNode, Future<T>> disclose) {
    if (citizen.role() != Role.CITIZEN) {
      // The access rules admit only citizens to /v1/me/*; this is a second lock on the same door.
      return Future.failedFuture(new ProblemException(ErrorCode.FORBIDDEN, "Only a citizen has data of their own to export."));
    }
    String subjectRef = citizen.id();
    Instant now = clock.instant();
    Future<Optional<NotedFiles.NotedFile>> file = files.own(subjectRef);
    Future<ArrayNode> histories = records.corrected(subjectRef).compose(corrected -> Future.all(corrected.stream()
            .map(record -> records.history(record).map(versions -> RecordJson.history(record.id(), versions)))
            .toList())
        .map(all -> {
          ArrayNode array = JsonNodeFactory.instance.arrayNode();
          all.<JsonNode>list().forEach(array::add);
          return array;
        }));
    Future<List<ConsentRequest>> requested = consents.requestsOf(citizen);
    Future<List<Consent>> granted = consents.consentsOf(citizen);
    Future<List<AuditEntry>> lifecycle = inquiries.consentEvents(subjectRef);
    Future<ArrayNode> queries = history.all(subjectRef).map(InquiryJson::array);
    Future<ArrayNode> filed = disputes.of(citizen).map(all -> DisputeJson.array(all, now));
    Future<ArrayNode> applied = repairs.of(citizen).map(all -> RepairJson.citizenArray(all, now));
    Future<ArrayNode> complained = complaints.of(citizen).map(all -> ComplaintJson.array(all, now));
    Future<ObjectNode> assembled = Future.all(List.of(file, histories, requested, granted, lifecycle, queries, filed, applied, complained))
        .map(all -> {
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
      body.set("recordHistory", histories.result());
      body.set("consentRequests", ConsentJson.forCitizen(requested.result(), now));
      body.set("consents", withHistory(ConsentJson.consents(granted.result(), now), lifecycle.result()));
      body.set("queries", queries.result());
      body.set("disputes", filed.result());
      body.set("repairs", applied.result());
      body.set("complaints", complained.result());
      disclosed.addAll(PARTS);
      ArrayNode fields = body.putArray("disclosedFields");
      disclosed.forEach(fields::add);
      return body;
    });
    return assembled.recover(error -> {
      LOG.error("a citizen's export could not be assembled", error);
      return Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE, "Your data could not be read; nothing was disclosed."));
    }).compose(body -> disclose.apply(event(citizen, body, now), body));
  }

  private AuditEvent event(Principal citizen, ObjectNode body, Instant now) {
    List<String> fields = new ArrayList<>();
    body.get("disclosedFields").forEach(field -> fields.add(field.asText()));
    return AuditEvent.builder().time(now).action(AuditAction.DATA_EXPORTED).actor(citizen.actor())
        .subjectRef(citizen.id()).outcome(AuditOutcome.ALLOWED).disclosedFields(fields)
        .responseHash(QueryService.responseHash(body)).policyHash(policyHash).build();
  }

  private static Future<AppendedEntry> audited(Future<AppendedEntry> appended) {
    return appended.recover(error -> {
      LOG.error("a citizen's export could not be audited; nothing is disclosed", error);
      return Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE,
          "Your export could not be audited; nothing was disclosed."));
    });
  }

  /** Each consent with {@code "history"}: its lifecycle entries, oldest first (who did what, when, at which index). */
  static ArrayNode withHistory(ArrayNode consents, List<AuditEntry> events) {
    Map<String, List<LifecycleEntry>> byConsent = LifecycleEntry.byConsent(events);
    ArrayNode all = JsonNodeFactory.instance.arrayNode();
    for (JsonNode listed : consents) {
      ObjectNode consent = ((ObjectNode) listed).deepCopy();
      ArrayNode history = consent.putArray("history");
      for (LifecycleEntry step : byConsent.getOrDefault(consent.get("id").textValue(), List.of())) {
        history.addObject().put("time", step.time().toString()).put("action", step.action().wireName())
            .put("actor", step.actorKind()).put("auditIndex", step.auditIndex());
      }
      all.add(consent);
    }
    return all;
  }
}
