package org.consentgateway.witness;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.consentgateway.audit.AuditFormatException;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.SignedNote;

/**
 * The body of {@code POST /add-checkpoint} (C2SP tlog-witness): {@code old <size>}, zero to 63
 * consistency proof lines of one base64 hash each, an empty line, then the signed checkpoint.
 */
record AddCheckpointRequest(long oldSize, List<Sha256Hash> proof, SignedNote note, Checkpoint checkpoint) {

  /** The most proof lines a client may send. */
  static final int MAX_PROOF = 63;

  AddCheckpointRequest {
    proof = List.copyOf(proof);
    requireNonNull(note, "note is null");
    requireNonNull(checkpoint, "checkpoint is null");
  }

  /** Parses a body; throws {@link AuditFormatException} saying what is malformed. */
  static AddCheckpointRequest parse(byte[] body) {
    int blank = emptyLine(body);
    if (blank < 0) {
      throw new AuditFormatException("the body is 'old <size>', the proof lines, an empty line, then the checkpoint");
    }
    String[] head = new String(body, 0, blank, StandardCharsets.ISO_8859_1).split("\n", -1);
    if (!head[0].startsWith("old ")) {
      throw new AuditFormatException("the first line is 'old <size>'");
    }
    long oldSize = decimal(head[0].substring(4));
    if (head.length - 1 > MAX_PROOF) {
      throw new AuditFormatException("at most " + MAX_PROOF + " consistency proof lines");
    }
    List<Sha256Hash> proof = new ArrayList<>();
    for (int i = 1; i < head.length; i++) {
      proof.add(Sha256Hash.fromBase64(head[i]));
    }
    SignedNote note = SignedNote.parse(Arrays.copyOfRange(body, blank + 2, body.length));
    return new AddCheckpointRequest(oldSize, proof, note, Checkpoint.parse(note));
  }

  // The index of the first "\n\n": the end of the proof lines.
  private static int emptyLine(byte[] body) {
    for (int i = 0; i + 1 < body.length; i++) {
      if (body[i] == '\n' && body[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  // ASCII decimal without leading zeroes, "0" for zero.
  private static long decimal(String digits) {
    if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw new AuditFormatException("the old size is a decimal number without leading zeroes");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new AuditFormatException("the old size is too large");
    }
  }
}
