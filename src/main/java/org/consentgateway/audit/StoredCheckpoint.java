package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

/**
 * A published checkpoint as stored: the tree size, its root hash and the whole signed note
 * ({@link SignedNote#encode()}: checkpoint text, empty line, signature lines), served as is.
 */
public record StoredCheckpoint(long size, Sha256Hash root, String note) {

  public StoredCheckpoint {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, got " + size);
    }
    requireNonNull(root, "root is null");
    requireNonNull(note, "note is null");
  }

  /** The note parsed; throws {@link AuditFormatException} if the stored text is not a signed note. */
  public SignedNote signedNote() {
    return SignedNote.parse(note);
  }
}
