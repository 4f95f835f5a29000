package org.consentgateway.dispute;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The wire form of disputes: as their citizen and the operators see them, no subject, the free text in the clear. */
public final class DisputeJson {

  private DisputeJson() {}

  public static JsonObject json(Dispute dispute, Instant now) {
    JsonObject json = new JsonObject()
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

  public static JsonArray array(List<Dispute> disputes, Instant now) {
    JsonArray array = new JsonArray();
    disputes.forEach(dispute -> array.add(json(dispute, now)));
    return array;
  }
}
