package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Checks an institution's proof of one of its own audit entries, as
 * {@code GET /v1/queries/proofs/inclusion?index=} answers it ({@code {"index", "size", "leafInput",
 * "checkpoint", "hashes"}}): the checkpoint's signature with the trusted verifier key, the proof
 * from the entry's leaf hash to the checkpoint's root (RFC 9162 §2.1.3.2), and that the entry is
 * the one asked for and this institution's.
 */
final class InclusionVerifier {

  private final String actor;

  InclusionVerifier(String clientId) {
    this.actor = "institution:" + requireNonNull(clientId, "clientId is null");
  }

  ProvenEntry verify(long index, String answer, VerifierKey key) {
    Map<String, Object> json = Json.object(answer, "the inclusion proof");
    Checkpoint checkpoint = Checkpoint.verify(Json.string(json, "checkpoint", "the inclusion proof"), key);
    long size = Json.number(json, "size", "the inclusion proof");
    if (Json.number(json, "index", "the inclusion proof") != index || size != checkpoint.size()) {
      throw new VerificationException(VerificationFailure.INCLUSION_PROOF, "the proof is for another index or tree size than its checkpoint");
    }
    byte[] leafInput = base64(Json.string(json, "leafInput", "the inclusion proof"));
    List<byte[]> hashes = new ArrayList<>();
    for (String hash : Json.strings(json, "hashes", "the inclusion proof")) {
      hashes.add(base64(hash));
    }
    if (!MerkleInclusion.verifies(index, size, MerkleInclusion.leafHash(leafInput), hashes, checkpoint.rootHash())) {
      throw new VerificationException(VerificationFailure.INCLUSION_PROOF,
          "the inclusion proof does not lead from the entry's leaf to the checkpoint's root");
    }
    Map<String, Object> entry = Json.object(new String(leafInput, StandardCharsets.UTF_8), "the audit entry");
    if (Json.number(entry, "index", "the audit entry") != index || !actor.equals(entry.get("actor"))) {
      throw new VerificationException(VerificationFailure.ENTRY_MISMATCH, "the entry is not this institution's entry at that index");
    }
    return new ProvenEntry(index, Json.string(entry, "action", "the audit entry"), actor,
        Json.optionalString(entry, "signatureBaseHash", "the audit entry"), checkpoint);
  }

  private static byte[] base64(String text) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new VerificationException(VerificationFailure.INCLUSION_PROOF, "a hash or the entry is not base64", e);
    }
  }
}
