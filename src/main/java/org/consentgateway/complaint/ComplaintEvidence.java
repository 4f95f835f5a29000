package org.consentgateway.complaint;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;
import org.consentgateway.audit.Sha256Hash;

/**
 * What makes a complaint evidence on its own: the complained-of entry's exact bytes, its inclusion
 * proof (RFC 9162 §2.1.3) and the signed checkpoint the proof is against, all as they were when the
 * complaint was filed. Anyone with the gateway's verifier key can check them offline ({@code
 * gateway audit verify --case} on {@link Complaints#evidence}).
 *
 * @param auditIndex the entry's index in the log
 * @param leafInput the entry's canonical JSON, the input of its leaf hash (RFC 9162 §2.1.1)
 * @param checkpointSize the size of the tree the checkpoint signs
 * @param checkpointNote the signed checkpoint, a C2SP signed note, exactly as the log signed it
 * @param proof the inclusion proof of the entry in that tree
 */
public record ComplaintEvidence(long auditIndex, byte[] leafInput, long checkpointSize, String checkpointNote,
    List<Sha256Hash> proof) {

  public ComplaintEvidence {
    requireNonNull(leafInput, "leafInput is null");
    requireNonNull(checkpointNote, "checkpointNote is null");
    proof = List.copyOf(proof);
    if (auditIndex < 0 || auditIndex >= checkpointSize) {
      throw new IllegalArgumentException("the checkpoint must cover the entry");
    }
    leafInput = leafInput.clone();
  }

  /** A copy of the entry's bytes. */
  @Override
  public byte[] leafInput() {
    return leafInput.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ComplaintEvidence other && auditIndex == other.auditIndex && checkpointSize == other.checkpointSize
        && Arrays.equals(leafInput, other.leafInput) && checkpointNote.equals(other.checkpointNote) && proof.equals(other.proof);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(auditIndex) * 31 + Arrays.hashCode(leafInput);
  }

  @Override
  public String toString() {
    return "ComplaintEvidence[entry " + auditIndex + " in tree " + checkpointSize + "]";
  }
}
