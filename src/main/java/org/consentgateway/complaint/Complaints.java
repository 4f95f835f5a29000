package org.consentgateway.complaint;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.CaseFiles;
import org.consentgateway.audit.EvidenceCase;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.db.OverdueGauge;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The complaint decisions (docs/citizen-rights.md "Complaints"). A citizen files one on a query in
 * their own inquiry history (one open complaint per entry); a regulator acknowledges it, may ask the
 * institution concerned for information (any number of rounds), and resolves it as upheld or
 * dismissed; the institution answers a question. Every change's row is written, then its audit
 * entry appended, inside the change's transaction, before COMMIT: if the log cannot take it,
 * nothing changes (503). The institution's webhook events follow the commit.
 */
public final class Complaints {

  /** The longest text, question, response or note, in characters. */
  public static final int MAX_TEXT_LENGTH = 2000;

  private static final String NO_SUCH_COMPLAINT = "No such complaint.";
  private static final String ALREADY_OPEN = "You already have an open complaint about this query.";

  private final ComplaintStore store;
  private final EntryEvidence entries;
  private final AuditLog audit;
  private final ComplaintNotices notices;
  private final NoteVerifier verifier;
  private final ComplaintConfig config;
  private final Clock clock;
  private final OverdueGauge overdue;

  public Complaints(ComplaintStore store, InquiryStore inquiries, AuditStore auditStore, AuditLog audit, ComplaintNotices notices,
      NoteVerifier verifier, ComplaintConfig config, Clock clock, OverdueGauge overdue) {
    this.store = requireNonNull(store, "store is null");
    this.entries = new EntryEvidence(inquiries, auditStore);
    this.audit = requireNonNull(audit, "audit is null");
    this.notices = requireNonNull(notices, "notices is null");
    this.verifier = requireNonNull(verifier, "verifier is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.overdue = requireNonNull(overdue, "overdue is null");
  }

  /**
   * Files a complaint about entry {@code auditIndex} of the citizen's inquiry history. Fails with
   * 404 {@code not_found} when the entry is not a query about them by an institution, 409 {@code
   * complaint_open} while a complaint about it is open, 409 {@code conflict} when no signed
   * checkpoint covers the entry yet (try again in a few seconds), 400 for a blank or too long text,
   * 503 when the log is down.
   */
  public Future<Complaint> file(Principal citizen, long auditIndex, ComplaintReason reason, String text) {
    String subjectRef = citizenOf(citizen);
    requireNonNull(reason, "reason is null");
    String checked = checkedText("text", text);
    Instant now = clock.instant();
    return entries.of(subjectRef, auditIndex).compose(found -> {
      Complaint complaint = new Complaint(UUID.randomUUID(), subjectRef, found.institutionUscc(), auditIndex, reason, checked,
          ComplaintStatus.FILED, now, now.plus(config.dueAfter()), found.evidence(), Optional.empty(), Optional.empty(),
          Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
      return store.sessions().inTransaction(tx -> store.openOn(tx, auditIndex).compose(open -> {
            if (open) {
              throw new ProblemException(ErrorCode.COMPLAINT_OPEN, ALREADY_OPEN);
            }
            return store.insert(tx, complaint);
          })
          .compose(inserted -> tx.rejoin(audit.appendWithinChange(
              event(AuditAction.COMPLAINT_FILED, citizen, complaint, now).reasonCode(reason.code()).build())))
          .map(entry -> complaint));
    }).recover(Complaints::alreadyOpen).onSuccess(filed -> notices.send(filed, ComplaintNotices.Event.FILED));
  }

  /** The citizen's own complaints, newest first. */
  public Future<List<Complaint>> of(Principal citizen) {
    return store.of(citizenOf(citizen));
  }

  /** One of the citizen's own complaints; 404 {@code not_found} for anyone else's or none. */
  public Future<Complaint> own(Principal citizen, UUID id) {
    String subjectRef = citizenOf(citizen);
    return store.find(id).map(found -> found.filter(complaint -> complaint.subjectRef().equals(subjectRef))
        .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, NO_SUCH_COMPLAINT)));
  }

  /**
   * The evidence of one of the citizen's own complaints as a case file (docs/audit.md "Case
   * files") of its one entry, proof and checkpoint, which {@code gateway audit verify --case}
   * checks offline; 404 {@code not_found} for anyone else's.
   */
  public Future<CaseFiles.CaseFile> evidence(Principal citizen, UUID id) {
    return own(citizen, id).map(complaint -> {
      ComplaintEvidence evidence = complaint.evidence();
      return EvidenceCase.of(evidence.auditIndex(), evidence.leafInput(), evidence.proof(), evidence.checkpointNote(), verifier,
          citizen.actor(), clock.instant());
    });
  }

  /** Every complaint, oldest deadline first (the regulator's list). */
  public Future<List<Complaint>> all() {
    return store.all();
  }

  /** The complaints in {@code status}, oldest deadline first. */
  public Future<List<Complaint>> withStatus(ComplaintStatus status) {
    return store.withStatus(status);
  }

  /** A complaint, whole, for a regulator; empty when there is none. */
  public Future<Optional<Complaint>> find(UUID id) {
    return store.find(id);
  }

  /** FILED → ACKNOWLEDGED; 404 when there is none, 409 {@code complaint_status} from any other status. */
  public Future<Complaint> acknowledge(Principal regulator, UUID id) {
    Instant now = clock.instant();
    return change(regulator, id, AuditAction.COMPLAINT_ACKNOWLEDGED, complaint -> {
      ComplaintTransitions.acknowledge(complaint.status());
      return ComplaintTransitions.with(complaint, ComplaintStatus.ACKNOWLEDGED).acknowledgedAt(now).build();
    }, now);
  }

  /**
   * ACKNOWLEDGED or RESPONDED → INFORMATION_REQUESTED, with the regulator's question; the
   * institution is sent a signed webhook event. 409 {@code complaint_status} from any other status.
   */
  public Future<Complaint> requestInformation(Principal regulator, UUID id, String question) {
    String checked = checkedText("question", question);
    Instant now = clock.instant();
    return change(regulator, id, AuditAction.COMPLAINT_INFORMATION_REQUESTED, complaint -> {
      ComplaintTransitions.requestInformation(complaint.status());
      return ComplaintTransitions.with(complaint, ComplaintStatus.INFORMATION_REQUESTED).question(checked, now).build();
    }, now).onSuccess(asked -> notices.send(asked, ComplaintNotices.Event.INFORMATION_REQUESTED));
  }

  /**
   * ACKNOWLEDGED, INFORMATION_REQUESTED or RESPONDED → RESOLVED as {@code outcome}, with a note; the
   * institution is sent a signed webhook event. 409 {@code complaint_status} from FILED (acknowledge
   * first) or RESOLVED.
   */
  public Future<Complaint> resolve(Principal regulator, UUID id, ComplaintOutcome outcome, String note) {
    requireNonNull(outcome, "outcome is null");
    String checked = checkedText("note", note);
    Instant now = clock.instant();
    return change(regulator, id, AuditAction.COMPLAINT_RESOLVED, complaint -> {
      ComplaintTransitions.resolve(complaint.status());
      return ComplaintTransitions.with(complaint, ComplaintStatus.RESOLVED).resolution(outcome, checked, now).build();
    }, now).onSuccess(resolved -> {
      overdue.refresh();
      notices.send(resolved, ComplaintNotices.Event.RESOLVED);
    });
  }

  /** A complaint about one of the institution's own queries, as it may see it; 404 for any other. */
  public Future<Complaint.InstitutionView> forInstitution(Principal institution, UUID id) {
    String uscc = institutionOf(institution);
    return store.find(id).map(found -> found.filter(complaint -> complaint.institutionUscc().equals(uscc))
        .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, NO_SUCH_COMPLAINT)).forInstitution());
  }

  /** The complaints about the institution's queries, as it may see them, oldest deadline first. */
  public Future<List<Complaint.InstitutionView>> ofInstitution(Principal institution) {
    return store.about(institutionOf(institution)).map(all -> all.stream().map(Complaint::forInstitution).toList());
  }

  /**
   * The institution's answer to the regulator's question: INFORMATION_REQUESTED → RESPONDED. 404 for
   * a complaint not about its queries, 409 {@code complaint_status} when no question is waiting.
   */
  public Future<Complaint.InstitutionView> respond(Principal institution, UUID id, String response) {
    String uscc = institutionOf(institution);
    String checked = checkedText("response", response);
    Instant now = clock.instant();
    return change(institution, id, AuditAction.COMPLAINT_RESPONDED, complaint -> {
      if (!complaint.institutionUscc().equals(uscc)) {
        throw new ProblemException(ErrorCode.NOT_FOUND, NO_SUCH_COMPLAINT);
      }
      ComplaintTransitions.respond(complaint.status());
      return ComplaintTransitions.with(complaint, ComplaintStatus.RESPONDED).response(checked, now).build();
    }, now).map(Complaint::forInstitution);
  }

  /** One change: the row locked, the next state decided, written, and audited before COMMIT. */
  private Future<Complaint> change(Principal actor, UUID id, AuditAction action, Function<Complaint, Complaint> next, Instant now) {
    return store.sessions().inTransaction(tx -> store.lock(tx, id).compose(found -> {
      Complaint changed = next.apply(found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, NO_SUCH_COMPLAINT)));
      AuditEvent.Builder entry = event(action, actor, changed, now);
      changed.outcome().ifPresent(outcome -> entry.reasonCode(outcome.code()));
      return store.update(tx, changed)
          .compose(written -> tx.rejoin(audit.appendWithinChange(entry.build())))
          .map(appended -> changed);
    }));
  }

  // A complaint's entries name who acted, whose data and the institution concerned; never the text.
  private static AuditEvent.Builder event(AuditAction action, Principal actor, Complaint complaint, Instant now) {
    return AuditEvent.builder().time(now).action(action).actor(actor.actor()).subjectRef(complaint.subjectRef())
        .institution(complaint.institutionUscc()).outcome(AuditOutcome.RECORDED);
  }

  /** A second open complaint about one entry fails on the unique index: the caller is told so, nothing was audited. */
  private static Future<Complaint> alreadyOpen(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException violation
          && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
        return Future.failedFuture(new ProblemException(ErrorCode.COMPLAINT_OPEN, ALREADY_OPEN));
      }
    }
    return Future.failedFuture(failure);
  }

  private static String citizenOf(Principal caller) {
    requireNonNull(caller, "caller is null");
    if (caller.role() != Role.CITIZEN) {
      throw new ProblemException(ErrorCode.FORBIDDEN, "Only a citizen files and reads their complaints.");
    }
    return caller.id();
  }

  private static String institutionOf(Principal caller) {
    requireNonNull(caller, "caller is null");
    if (caller.role() != Role.INSTITUTION) {
      throw new ProblemException(ErrorCode.FORBIDDEN, "Only the institution concerned answers a complaint.");
    }
    return caller.id();
  }

  private static String checkedText(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be a non-empty string.");
    }
    String stripped = text.strip();
    if (stripped.codePointCount(0, stripped.length()) > MAX_TEXT_LENGTH) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be at most " + MAX_TEXT_LENGTH + " characters.");
    }
    return stripped;
  }

  /** The gauge {@code gateway.complaints.overdue} in {@code /metrics}, to pass to the constructor; started and stopped by the wiring. */
  public static OverdueGauge overdueGauge(Vertx vertx, ComplaintStore store, Clock clock, MeterRegistry metrics) {
    return new OverdueGauge(vertx, "gateway.complaints.overdue", "Open complaints past their deadline", store::countOverdue, clock,
        metrics);
  }
}
