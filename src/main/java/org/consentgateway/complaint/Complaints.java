package org.consentgateway.complaint;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.CaseFiles;
import org.consentgateway.value.Principal;

/**
 * The complaint decisions (docs/citizen-rights.md "Complaints"). A citizen files one on a query in
 * their own inquiry history (one open complaint per entry); a regulator acknowledges it, may ask the
 * institution concerned for information (any number of rounds), and resolves it as upheld or
 * dismissed; the institution answers a question. Every change's audit entry is appended inside the
 * change's transaction, before COMMIT: if the log cannot take it, nothing changes (503).
 */
public final class Complaints {

  /** The longest text, question, response or note, in characters. */
  public static final int MAX_TEXT_LENGTH = 2000;

  /**
   * Files a complaint about entry {@code auditIndex} of the citizen's inquiry history. Fails with
   * 404 {@code not_found} when the entry is not a query about them, 409 {@code complaint_open} while
   * a complaint about it is open, 409 {@code conflict} when no signed checkpoint covers the entry yet
   * (try again in a few seconds), 400 for a blank or too long text, 503 when the log is down.
   */
  public Future<Complaint> file(Principal citizen, long auditIndex, ComplaintReason reason, String text) {
    return notYet();
  }

  /** The citizen's own complaints, newest first. */
  public Future<List<Complaint>> of(Principal citizen) {
    return notYet();
  }

  /** One of the citizen's own complaints; 404 {@code not_found} for anyone else's or none. */
  public Future<Complaint> own(Principal citizen, UUID id) {
    return notYet();
  }

  /**
   * The evidence of one of the citizen's own complaints as a case file (docs/audit.md "Case
   * files") of its one entry, proof and checkpoint, which {@code gateway audit verify --case}
   * checks offline; 404 {@code not_found} for anyone else's.
   */
  public Future<CaseFiles.CaseFile> evidence(Principal citizen, UUID id) {
    return notYet();
  }

  /** Every complaint, oldest deadline first (the regulator's list). */
  public Future<List<Complaint>> all() {
    return notYet();
  }

  /** The complaints in {@code status}, oldest deadline first. */
  public Future<List<Complaint>> withStatus(ComplaintStatus status) {
    return notYet();
  }

  /** A complaint, whole, for a regulator; empty when there is none. */
  public Future<Optional<Complaint>> find(UUID id) {
    return notYet();
  }

  /** FILED → ACKNOWLEDGED; 404 when there is none, 409 {@code complaint_status} from any other status. */
  public Future<Complaint> acknowledge(Principal regulator, UUID id) {
    return notYet();
  }

  /**
   * ACKNOWLEDGED or RESPONDED → INFORMATION_REQUESTED, with the regulator's question; the
   * institution is sent a signed webhook event. 409 {@code complaint_status} from any other status.
   */
  public Future<Complaint> requestInformation(Principal regulator, UUID id, String question) {
    return notYet();
  }

  /**
   * ACKNOWLEDGED, INFORMATION_REQUESTED or RESPONDED → RESOLVED as {@code outcome}, with a note; the
   * institution is sent a signed webhook event. 409 {@code complaint_status} from FILED (acknowledge
   * first) or RESOLVED.
   */
  public Future<Complaint> resolve(Principal regulator, UUID id, ComplaintOutcome outcome, String note) {
    return notYet();
  }

  /** A complaint about one of the institution's own queries, as it may see it; 404 for any other. */
  public Future<Complaint.InstitutionView> forInstitution(Principal institution, UUID id) {
    return notYet();
  }

  /** The complaints about the institution's queries, as it may see them, oldest deadline first. */
  public Future<List<Complaint.InstitutionView>> ofInstitution(Principal institution) {
    return notYet();
  }

  /**
   * The institution's answer to the regulator's question: INFORMATION_REQUESTED → RESPONDED. 404 for
   * a complaint not about its queries, 409 {@code complaint_status} when no question is waiting.
   */
  public Future<Complaint.InstitutionView> respond(Principal institution, UUID id, String response) {
    return notYet();
  }

  private static <T> Future<T> notYet() {
    return Future.failedFuture(new UnsupportedOperationException("complaints: not built yet"));
  }
}
