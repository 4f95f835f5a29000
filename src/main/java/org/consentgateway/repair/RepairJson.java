package org.consentgateway.repair;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The wire form of repair applications, no subject: as their citizen sees them (the attachments
 * named and sized) and as their provider sees them (the attachments' content too, base64).
 */
public final class RepairJson {

  private RepairJson() {}

  /** As the citizen who applied sees it. */
  public static ObjectNode citizen(Repair repair, Instant now) {
    return json(repair, now, false);
  }

  /** As the provider that decides sees it: the evidence in full. */
  public static ObjectNode provider(Repair repair, Instant now) {
    return json(repair, now, true);
  }

  public static ArrayNode citizenArray(List<Repair> repairs, Instant now) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    repairs.forEach(repair -> array.add(citizen(repair, now)));
    return array;
  }

  public static ArrayNode providerArray(List<Repair> repairs, Instant now) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    repairs.forEach(repair -> array.add(provider(repair, now)));
    return array;
  }

  private static ObjectNode json(Repair repair, Instant now, boolean content) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("id", repair.id().toString())
        .put("recordId", repair.recordId().toString())
        .put("category", repair.category().name())
        .put("provider", repair.provider())
        .put("outcome", repair.outcome().name())
        .put("status", repair.status().name())
        .put("appliedAt", repair.appliedAt().toString())
        .put("dueBy", repair.dueBy().toString())
        .put("overdue", repair.overdue(now))
        .put("auditIndex", repair.appliedAuditIndex());
    ObjectNode evidence = json.putObject("evidence").put("text", repair.evidence().text());
    ArrayNode attachments = evidence.putArray("attachments");
    for (Evidence.Attachment attachment : repair.evidence().attachments()) {
      ObjectNode one = attachments.addObject().put("name", attachment.name()).put("mediaType", attachment.mediaType())
          .put("bytes", attachment.size());
      if (content) {
        one.put("content", Base64.getEncoder().encodeToString(attachment.content()));
      }
    }
    repair.decidedAt().ifPresent(at -> json.put("decidedAt", at.toString()));
    repair.decidedBy().ifPresent(by -> json.put("decidedBy", by));
    repair.decisionNote().ifPresent(note -> json.put("note", note));
    repair.decidedAuditIndex().ifPresent(index -> json.put("decidedAuditIndex", index));
    return json;
  }
}
