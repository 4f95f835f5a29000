package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.complaint.Complaint;
import org.consentgateway.web.Labels;

/**
 * A complaint as the console shows it to a regulator, in the reader's words (a regulator's, shorter
 * than the citizen's: {@code console.complaint.reason.*}, {@code console.complaint.status.*}): when it was filed and
 * is due (and whether it is overdue, said in words), the institution, the reason, where it stands,
 * the complained-of entry (read from the evidence the complaint carries, with a link to the
 * console's search for it), the citizen's text, the question and the institution's answer, and the
 * decision. What the member may do next follows from the status alone ({@link #canAcknowledge},
 * {@link #canAsk}, {@link #canResolve}), as {@code complaint.Complaints} allows it.
 *
 * @param entrySearch the console's search for the entry: its institution, action and second
 */
public record ComplaintCase(Complaint complaint, String institution, Labels.When filed, Labels.When due, boolean overdue,
    String reason, String status, Labels.When entryTime, String entryAction, String entryPurpose, String entrySearch,
    Optional<String> outcome) {

  public ComplaintCase {
    requireNonNull(complaint, "complaint is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(filed, "filed is null");
    requireNonNull(due, "due is null");
    requireNonNull(reason, "reason is null");
    requireNonNull(status, "status is null");
    requireNonNull(entryTime, "entryTime is null");
    requireNonNull(entryAction, "entryAction is null");
    requireNonNull(entryPurpose, "entryPurpose is null");
    requireNonNull(entrySearch, "entrySearch is null");
    requireNonNull(outcome, "outcome is null");
  }

  /** {@code complaint} at {@code now}, its institution named as {@code names} (USCC to registered name) has it. */
  static ComplaintCase of(Complaint complaint, Map<String, String> names, Labels labels, Instant now) {
    String uscc = complaint.institutionUscc();
    String institution = Optional.ofNullable(names.get(uscc)).map(name -> labels.t("queries.institution", name, uscc))
        .orElseGet(() -> labels.t("queries.institution.unregistered", uscc));
    AuditEvent entry = AuditEntry.parse(complaint.evidence().leafInput()).event();
    Instant second = entry.time().truncatedTo(ChronoUnit.SECONDS);
    String search = SignalRow.SEARCH + "?institution=" + uscc + "&from=" + second + "&to=" + second.plusSeconds(1)
        + "&action=" + entry.action().wireName();
    return new ComplaintCase(complaint, institution, labels.at(complaint.filedAt()), labels.day(complaint.dueBy()),
        complaint.overdue(now), labels.t("console.complaint.reason." + complaint.reason().code()),
        labels.t("console.complaint.status." + complaint.status().name()), labels.at(entry.time()),
        entry.action().wireName(), entry.purpose().map(labels::purpose).orElse(""), search,
        complaint.outcome().map(outcome -> labels.t("console.complaint.resolve." + outcome.code())));
  }

  public UUID id() {
    return complaint.id();
  }

  public long entryIndex() {
    return complaint.auditIndex();
  }

  /** The page of this complaint. */
  public String path() {
    return ConsoleRoutes.complaint(complaint.id());
  }

  /** Only a complaint just filed is acknowledged. */
  public boolean canAcknowledge() {
    return switch (complaint.status()) {
      case FILED -> true;
      case ACKNOWLEDGED, INFORMATION_REQUESTED, RESPONDED, RESOLVED -> false;
    };
  }

  /** A question goes to the institution once acknowledged, and again after each answer. */
  public boolean canAsk() {
    return switch (complaint.status()) {
      case ACKNOWLEDGED, RESPONDED -> true;
      case FILED, INFORMATION_REQUESTED, RESOLVED -> false;
    };
  }

  /** Resolved once acknowledged, whether or not a question is still waiting for its answer. */
  public boolean canResolve() {
    return switch (complaint.status()) {
      case ACKNOWLEDGED, INFORMATION_REQUESTED, RESPONDED -> true;
      case FILED, RESOLVED -> false;
    };
  }

  /** Whether a question is waiting for the institution's answer. */
  public boolean waiting() {
    return switch (complaint.status()) {
      case INFORMATION_REQUESTED -> true;
      case FILED, ACKNOWLEDGED, RESPONDED, RESOLVED -> false;
    };
  }

  /** The facts the list shows of it, as JSON: what a read of the list is recorded with (the hash of). */
  ObjectNode listed() {
    return JsonNodeFactory.instance.objectNode().put("id", complaint.id().toString())
        .put("institution", complaint.institutionUscc()).put("auditIndex", complaint.auditIndex())
        .put("reason", complaint.reason().code()).put("status", complaint.status().name())
        .put("filedAt", complaint.filedAt().toString()).put("dueBy", complaint.dueBy().toString());
  }

  /** Everything the complaint's page shows, as JSON: what the read of one complaint is recorded with (the hash of). */
  ObjectNode shown() {
    ObjectNode shown = listed().put("text", complaint.text());
    complaint.question().ifPresent(question -> shown.put("question", question));
    complaint.response().ifPresent(response -> shown.put("response", response));
    complaint.outcome().ifPresent(outcome -> shown.put("outcome", outcome.code()));
    complaint.resolutionNote().ifPresent(note -> shown.put("note", note));
    return shown;
  }
}
