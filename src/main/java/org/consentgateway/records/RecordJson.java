package org.consentgateway.records;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** The wire form of a record's corrections and history (docs/api.md "Operator" and "Citizen"). */
public final class RecordJson {

  private RecordJson() {}

  /** The answer to a correction: the record's new version and which fields changed (no values). */
  public static JsonObject correction(RecordChanges.Correction correction) {
    RecordStore.Corrected corrected = correction.corrected();
    return new JsonObject()
        .put("id", corrected.record().id().toString())
        .put("kind", corrected.record().kind().name())
        .put("version", corrected.version())
        .put("changedFields", new JsonArray(List.copyOf(corrected.changedFields())))
        .put("auditIndex", correction.auditIndex());
  }

  /** A record's versions, oldest first, each with the record as it was. */
  public static JsonObject history(UUID id, List<RecordStore.Version> versions) {
    JsonArray all = new JsonArray();
    for (RecordStore.Version version : versions) {
      JsonObject json = new JsonObject().put("version", version.version()).put("validFrom", version.validFrom().toString());
      version.replacedAt().ifPresent(at -> json.put("replacedAt", at.toString()));
      version.replacedBy().ifPresent(by -> json.put("replacedBy", by));
      version.disputeId().ifPresent(dispute -> json.put("disputeId", dispute.toString()));
      all.add(json.put("record", new JsonObject(version.record().toString())));
    }
    return new JsonObject().put("id", id.toString()).put("versions", all);
  }
}
