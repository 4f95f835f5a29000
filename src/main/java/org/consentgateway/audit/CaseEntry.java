package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a case file, {@code entries/<index>.json}: the exact bytes that were hashed, the leaf
 * hash the gateway stored for them, and their RFC 9162 inclusion proof against the case's checkpoint.
 * A verifier recomputes the leaf hash rather than trust the one given.
 */
public record CaseEntry(long index, byte[] leafInput, Sha256Hash leafHash, List<Sha256Hash> proof) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public CaseEntry {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative");
    }
    leafInput = requireNonNull(leafInput, "leafInput is null").clone();
    requireNonNull(leafHash, "leafHash is null");
    proof = List.copyOf(proof);
  }

  @Override
  public byte[] leafInput() {
    return leafInput.clone();
  }

  public byte[] toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("index", index)
        .put("leafInput", StrictBase64.encode(leafInput))
        .put("leafHash", leafHash.base64());
    ArrayNode hashes = json.putArray("proof");
    proof.forEach(hash -> hashes.add(hash.base64()));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("a case entry could not be written", e);
    }
  }

  /** Parses an entry file strictly; throws {@link AuditFormatException} naming what is wrong. */
  public static CaseEntry parse(byte[] bytes) {
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new AuditFormatException("the entry file is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new AuditFormatException("the entry file is not a JSON object");
    }
    JsonNode index = json.path("index");
    if (!index.isIntegralNumber() || !index.canConvertToLong() || index.longValue() < 0) {
      throw new AuditFormatException("the entry file's index is not a whole number, 0 or more");
    }
    JsonNode proof = json.path("proof");
    if (!proof.isArray()) {
      throw new AuditFormatException("the entry file's proof is not an array of hashes");
    }
    List<Sha256Hash> hashes = new ArrayList<>();
    proof.forEach(hash -> hashes.add(Sha256Hash.fromBase64(hash.textValue())));
    return new CaseEntry(index.longValue(), StrictBase64.decode(json.path("leafInput").textValue(), "leafInput"),
        Sha256Hash.fromBase64(json.path("leafHash").textValue()), hashes);
  }
}
