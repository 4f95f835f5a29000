package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.policy.InformationCategory;
import org.consentgateway.repair.Evidence;
import org.consentgateway.repair.Repair;

/**
 * A pending repair application as the operator's console page shows it: what the data provider
 * needs to decide (the record's category, the dates, the citizen's evidence and links to its
 * documents), and, when the operator's rejection was sent without a usable reason, what was typed
 * and what is wrong. No subject: the operator decides on the evidence, not on who applied.
 *
 * @param reason the reason typed in this application's reject form, shown again with its error
 * @param reasonError what is wrong with that reason, in the reader's words
 */
public record RepairApplicationRow(UUID id, UUID recordId, InformationCategory category, Instant appliedAt, Instant dueBy,
    boolean overdue, String evidence, List<AttachmentLink> attachments, String reason, Optional<String> reasonError) {

  /** One document of the evidence: where it downloads, and what the link says of it. */
  public record AttachmentLink(String href, String name, String mediaType, int bytes) {
    public AttachmentLink {
      requireNonNull(href, "href is null");
      requireNonNull(name, "name is null");
      requireNonNull(mediaType, "mediaType is null");
    }

    /** The document's kind as the link names it: the reader knows "PDF", not a media type. */
    public String kind() {
      return switch (mediaType) {
        case "application/pdf" -> "PDF";
        case "image/png" -> "PNG";
        case "image/jpeg" -> "JPEG";
        default -> mediaType;
      };
    }
  }

  public RepairApplicationRow {
    requireNonNull(id, "id is null");
    requireNonNull(recordId, "recordId is null");
    requireNonNull(category, "category is null");
    requireNonNull(appliedAt, "appliedAt is null");
    requireNonNull(dueBy, "dueBy is null");
    requireNonNull(evidence, "evidence is null");
    attachments = List.copyOf(attachments);
    requireNonNull(reason, "reason is null");
    requireNonNull(reasonError, "reasonError is null");
  }

  /** {@code repair} at {@code now}, its forms empty. */
  static RepairApplicationRow of(Repair repair, Instant now) {
    List<AttachmentLink> links = new ArrayList<>();
    List<Evidence.Attachment> attachments = repair.evidence().attachments();
    for (int i = 0; i < attachments.size(); i++) {
      Evidence.Attachment attachment = attachments.get(i);
      links.add(new AttachmentLink(RepairApplicationsPage.attachmentPath(repair.id(), i + 1), attachment.name(),
          attachment.mediaType(), attachment.size()));
    }
    return new RepairApplicationRow(repair.id(), repair.recordId(), repair.category(), repair.appliedAt(), repair.dueBy(),
        repair.overdue(now), repair.evidence().text(), links, "", Optional.empty());
  }

  /** This row with the reason its reject form was sent with, and what is wrong with it. */
  RepairApplicationRow withReasonError(String typed, String error) {
    return new RepairApplicationRow(id, recordId, category, appliedAt, dueBy, overdue, evidence, attachments, typed,
        Optional.of(error));
  }

  /** Where this application's approve form posts. */
  public String approveHref() {
    return RepairApplicationsPage.approvePath(id);
  }

  /** Where this application's reject form posts. */
  public String rejectHref() {
    return RepairApplicationsPage.rejectPath(id);
  }

  /** The id of this application's reason field, which the error summary links to. */
  public String reasonField() {
    return "reason-" + id;
  }
}
