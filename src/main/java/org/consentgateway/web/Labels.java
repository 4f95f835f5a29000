package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.InquiryJson;
import org.consentgateway.complaint.ComplaintOutcome;
import org.consentgateway.complaint.ComplaintReason;
import org.consentgateway.complaint.ComplaintStatus;
import org.consentgateway.consent.ConsentStatus;
import org.consentgateway.dispute.DisputeStatus;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.Purpose;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.RecordKind;

/**
 * What the app's pages call things, in the reader's language: purposes by the labels their policy
 * gives them (never text an institution supplied), grades, statuses, audit actions and actors by
 * the message bundle, and times in China Standard Time, the zone of the credit system.
 */
public final class Labels {

  /** The zone every time on a page is shown in. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZONE);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZONE);

  /** A time on a page: as {@code <time datetime>} takes it, and as the reader reads it. */
  public record When(String iso, String text) {
    public When {
      requireNonNull(iso, "iso is null");
      requireNonNull(text, "text is null");
    }
  }

  private final Messages messages;
  private final PurposeCatalog purposes;

  public Labels(Messages messages, PurposeCatalog purposes) {
    this.messages = requireNonNull(messages, "messages is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
  }

  /** The policy's label of a purpose; the citizen's own report has none there, and a purpose since withdrawn shows its code. */
  public String purpose(String code) {
    if (InquiryJson.SELF.equals(code)) {
      return messages.text("purpose.self");
    }
    return purposes.find(code).map(this::label).orElse(code);
  }

  private String label(Purpose purpose) {
    return switch (messages.language()) {
      case ZH_CN -> purpose.labelZh();
      case EN -> purpose.labelEn();
    };
  }

  public String grade(Grade grade) {
    return messages.text("grade." + grade.name());
  }

  /** A grade as the audit log writes it; a code no grade has shows as it is. */
  public String grade(String name) {
    return Grade.named(name).map(this::grade).orElse(name);
  }

  public String status(ConsentStatus status) {
    return messages.text("consent.status." + status.name());
  }

  public String status(DisputeStatus status) {
    return messages.text("dispute.status." + status.name());
  }

  /** A complaint's status in the citizen's words; a resolved one by its outcome ({@link #outcome}). */
  public String status(ComplaintStatus status) {
    return messages.text("complaint.status." + status.name());
  }

  /** Why a complaint was made, as the form offered it. */
  public String reason(ComplaintReason reason) {
    return messages.text("complaint.reason." + reason.code());
  }

  public String outcome(ComplaintOutcome outcome) {
    return messages.text("complaint.outcome." + outcome.code());
  }

  public String kind(RecordKind kind) {
    return messages.text("record.kind." + kind.name());
  }

  public String action(AuditAction action) {
    return messages.text("audit.action." + action.wireName());
  }

  /** Who acted, by kind ({@link InquiryJson#actorKind}): the citizen themself, an institution, the gateway. */
  public String actor(String kind) {
    String key = "actor." + kind;
    return messages.has(key) ? messages.text(key) : kind;
  }

  public When at(Instant instant) {
    return new When(instant.toString(), SHOWN.format(instant));
  }

  /** The day of {@code instant}, for a deadline. */
  public When day(Instant instant) {
    return new When(DATE.format(instant), DATE.format(instant));
  }

  /** Whether the reader's bundle has words for {@code key}. */
  public boolean has(String key) {
    return messages.has(key);
  }

  /** The words for {@code key}, as {@link Page#t}. */
  public String t(String key, Object... arguments) {
    return messages.text(key, arguments);
  }
}
