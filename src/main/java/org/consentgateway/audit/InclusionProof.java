package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The RFC 9162 §2.1.3.1 inclusion proof of the entry at {@code index} in the tree of {@code size},
 * as every reader of the log gets it: the regulator, the citizen's API and the citizen's app.
 */
public record InclusionProof(long index, long size, List<Sha256Hash> hashes) {

  public InclusionProof {
    hashes = List.copyOf(requireNonNull(hashes, "hashes is null"));
  }

  /** {@code {"index", "size", "hashes"}}, the hashes in base64. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode().put("index", index).put("size", size);
    ArrayNode array = json.putArray("hashes");
    hashes.forEach(hash -> array.add(hash.base64()));
    return json;
  }
}
