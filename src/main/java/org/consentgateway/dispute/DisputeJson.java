package org.consentgateway.dispute;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The wire form of disputes: as their citizen and the operators see them, no subject, the free text in the clear. */
public final class DisputeJson {

  private DisputeJson() {}

  public static ObjectNode json(Dispute dispute, Instant now) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("id", dispute.id().toString())
        .put("recordId", dispute.recordId().toString())
        .put("recordKind", dispute.recordKind().name())
        .put("reason", dispute.reason())
        .put("status", dispute.status().name())
        .put("filedAt", dispute.filedAt().toString())
        .put("dueBy", dispute.dueBy().toString())
        .put("overdue", dispute.overdue(now))
        .put("auditIndex", dispute.filedAuditIndex());
    dispute.resolvedAt().ifPresent(at -> json.put("resolvedAt", at.toString()));
    dispute.resolvedBy().ifPresent(by -> json.put("resolvedBy", by));
    dispute.resolutionNote().ifPresent(note -> json.put("note", note));
    dispute.resolvedAuditIndex().ifPresent(index -> json.put("resolvedAuditIndex", index));
    return json;
  }

  public static ArrayNode array(List<Dispute> disputes, Instant now) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    disputes.forEach(dispute -> array.add(json(dispute, now)));
    return array;
  }
}
