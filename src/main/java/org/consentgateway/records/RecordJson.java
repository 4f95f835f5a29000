package org.consentgateway.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** The wire form of a record's corrections and history (docs/api.md "Operator" and "Citizen"). */
public final class RecordJson {

  private RecordJson() {}

  /** The answer to a correction: the record's new version and which fields changed (no values). */
  public static ObjectNode correction(RecordChanges.Correction correction) {
    RecordStore.Corrected corrected = correction.corrected();
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("id", corrected.record().id().toString())
        .put("kind", corrected.record().kind().name())
        .put("version", corrected.version());
    corrected.changedFields().forEach(json.putArray("changedFields")::add);
    return json.put("auditIndex", correction.auditIndex());
  }

  /** A record's versions, oldest first, each with the record as it was. */
  public static ObjectNode history(UUID id, List<RecordStore.Version> versions) {
    ObjectNode history = JsonNodeFactory.instance.objectNode().put("id", id.toString());
    ArrayNode all = history.putArray("versions");
    for (RecordStore.Version version : versions) {
      ObjectNode json = all.addObject().put("version", version.version()).put("validFrom", version.validFrom().toString());
      version.replacedAt().ifPresent(at -> json.put("replacedAt", at.toString()));
      version.replacedBy().ifPresent(by -> json.put("replacedBy", by));
      version.disputeId().ifPresent(dispute -> json.put("disputeId", dispute.toString()));
      version.repairId().ifPresent(repair -> json.put("repairId", repair.toString()));
      json.set("record", version.record().deepCopy());
    }
    return history;
  }
}
