package org.consentgateway.complaint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.consentgateway.audit.LeafHash;

/**
 * The wire form of complaints (docs/api.md "Complaints"). The citizen and the regulators see the
 * whole complaint with its evidence, without the subjectRef; the institution concerned sees only
 * {@link Complaint.InstitutionView}: never the citizen's text, nor the regulator's note.
 */
public final class ComplaintJson {

  private ComplaintJson() {}

  /** A complaint as its citizen and the regulators see it. */
  public static ObjectNode json(Complaint complaint, Instant now) {
    ObjectNode json = common(complaint.forInstitution(), now);
    json.put("text", complaint.text());
    complaint.resolutionNote().ifPresent(note -> json.put("note", note));
    json.set("evidence", evidence(complaint.evidence()));
    return json;
  }

  public static ArrayNode array(List<Complaint> complaints, Instant now) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    complaints.forEach(complaint -> array.add(json(complaint, now)));
    return array;
  }

  /** A complaint as the institution concerned sees it. */
  public static ObjectNode forInstitution(Complaint.InstitutionView view, Instant now) {
    return common(view, now);
  }

  public static ArrayNode institutionArray(List<Complaint.InstitutionView> views, Instant now) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    views.forEach(view -> array.add(forInstitution(view, now)));
    return array;
  }

  private static ObjectNode common(Complaint.InstitutionView view, Instant now) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("id", view.id().toString())
        .put("auditIndex", view.auditIndex());
    json.putObject("institution").put("uscc", view.institutionUscc());
    json.put("reason", view.reason().code())
        .put("status", view.status().name())
        .put("filedAt", view.filedAt().toString())
        .put("dueBy", view.dueBy().toString())
        .put("overdue", view.status().open() && now.isAfter(view.dueBy()));
    view.question().ifPresent(question -> json.put("question", question));
    view.questionAt().ifPresent(at -> json.put("questionAt", at.toString()));
    view.response().ifPresent(response -> json.put("response", response));
    view.respondedAt().ifPresent(at -> json.put("respondedAt", at.toString()));
    view.outcome().ifPresent(outcome -> json.put("outcome", outcome.code()));
    view.resolvedAt().ifPresent(at -> json.put("resolvedAt", at.toString()));
    return json;
  }

  /** The entry, its proof and the checkpoint: what a verifier needs besides the log's key (RFC 9162 §2.1.3.2). */
  private static ObjectNode evidence(ComplaintEvidence evidence) {
    byte[] leafInput = evidence.leafInput();
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("index", evidence.auditIndex())
        .put("leafInput", Base64.getEncoder().encodeToString(leafInput))
        .put("leafHash", LeafHash.of(leafInput).base64())
        .put("size", evidence.checkpointSize());
    ArrayNode hashes = json.putArray("hashes");
    evidence.proof().forEach(hash -> hashes.add(hash.base64()));
    json.put("checkpoint", evidence.checkpointNote());
    return json;
  }
}
