package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A case file's {@code case.json}: what the case holds and who made it. Not signed: a verifier
 * trusts nothing in it it does not check against the signed checkpoint, and uses it only to know
 * which entries and files the case should hold. No personal data: the exporter is the regulator's
 * actor id.
 *
 * @param caseId a short random id, also in the file name
 * @param origin the log's origin, as the checkpoint names it
 * @param checkpointSize the size of the checkpoint every proof is against
 * @param createdAt when the case was made
 * @param exportedBy the regulator who made it, as an audit actor ({@code regulator:<id>})
 * @param indexes the entries held, ascending
 */
public record CaseManifest(String caseId, String origin, long checkpointSize, Instant createdAt, String exportedBy,
    List<Long> indexes) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public CaseManifest {
    requireNonNull(caseId, "caseId is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(createdAt, "createdAt is null");
    requireNonNull(exportedBy, "exportedBy is null");
    indexes = List.copyOf(indexes);
    for (int i = 1; i < indexes.size(); i++) {
      if (indexes.get(i) <= indexes.get(i - 1)) {
        throw new IllegalArgumentException("a case's indexes are distinct and ascending");
      }
    }
  }

  /** Every file the case holds besides the manifest: the fixed ones, then each entry's two. */
  public List<String> files() {
    List<String> files = new ArrayList<>(List.of(CaseFormat.README, CaseFormat.CHECKPOINT, CaseFormat.VERIFIER_KEY));
    indexes.forEach(index -> files.add(CaseFormat.entryFile(index)));
    indexes.forEach(index -> files.add(CaseFormat.proofFile(index)));
    return files;
  }

  public byte[] toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("format", CaseFormat.VERSION)
        .put("caseId", caseId)
        .put("origin", origin)
        .put("checkpointSize", checkpointSize)
        .put("createdAt", createdAt.toString())
        .put("exportedBy", exportedBy);
    ArrayNode indexArray = json.putArray("indexes");
    indexes.forEach(indexArray::add);
    ArrayNode fileArray = json.putArray("files");
    files().forEach(fileArray::add);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("a manifest could not be written", e);
    }
  }

  /** Parses a manifest strictly; throws {@link AuditFormatException} naming what is wrong. */
  public static CaseManifest parse(byte[] bytes) {
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new AuditFormatException("case.json is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new AuditFormatException("case.json is not a JSON object");
    }
    if (!CaseFormat.VERSION.equals(json.path("format").textValue())) {
      throw new AuditFormatException("case.json's format is not " + CaseFormat.VERSION);
    }
    List<Long> indexes = new ArrayList<>();
    JsonNode indexArray = json.path("indexes");
    if (!indexArray.isArray() || indexArray.isEmpty() || indexArray.size() > CaseFormat.MAX_ENTRIES) {
      throw new AuditFormatException("case.json's indexes are an array of 1 to " + CaseFormat.MAX_ENTRIES + " numbers");
    }
    indexArray.forEach(index -> indexes.add(whole(index, "an index")));
    CaseManifest manifest;
    try {
      manifest = new CaseManifest(text(json, "caseId"), text(json, "origin"), whole(json.path("checkpointSize"), "checkpointSize"),
          Instant.parse(text(json, "createdAt")), text(json, "exportedBy"), indexes);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new AuditFormatException("case.json: " + e.getMessage());
    }
    List<String> files = new ArrayList<>();
    json.path("files").forEach(file -> files.add(file.textValue()));
    if (!files.equals(manifest.files())) {
      throw new AuditFormatException("case.json's files are not the fixed files and each listed entry's two");
    }
    return manifest;
  }

  private static String text(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isTextual()) {
      throw new AuditFormatException("case.json's " + name + " is not a string");
    }
    return value.textValue();
  }

  private static long whole(JsonNode value, String what) {
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new AuditFormatException("case.json: " + what + " is not a whole number, 0 or more");
    }
    return value.longValue();
  }
}
