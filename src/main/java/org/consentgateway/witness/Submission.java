package org.consentgateway.witness;

import static java.util.Objects.requireNonNull;

/**
 * What the witness answers a checkpoint submitted to it (C2SP tlog-witness, add-checkpoint).
 *
 * @param text the cosignature lines, the size cosigned (for a conflict), or why it was refused
 */
record Submission(Outcome outcome, String text) {

  enum Outcome {
    /** 200: cosigned; the text is the cosignature lines to append to the checkpoint. */
    COSIGNED,
    /** 409: the old size is not the size last cosigned, or one size came with another root. */
    CONFLICT,
    /** 404: a log this witness does not follow. */
    UNKNOWN_LOG,
    /** 403: no signature of the log's trusted key verifies. */
    NOT_SIGNED_BY_LOG,
    /** 400: a malformed body, or an old size above the checkpoint's. */
    BAD_REQUEST,
    /** 422: the consistency proof does not verify. */
    BAD_PROOF
  }

  Submission {
    requireNonNull(outcome, "outcome is null");
    requireNonNull(text, "text is null");
  }

  static Submission cosigned(String signatureLines) {
    return new Submission(Outcome.COSIGNED, signatureLines);
  }

  static Submission conflict(long cosignedSize) {
    return new Submission(Outcome.CONFLICT, Long.toString(cosignedSize));
  }

  static Submission unknownLog() {
    return new Submission(Outcome.UNKNOWN_LOG, "this witness does not follow that log");
  }

  static Submission notSignedByLog() {
    return new Submission(Outcome.NOT_SIGNED_BY_LOG, "no signature of the log's key verifies");
  }

  static Submission badRequest(String detail) {
    return new Submission(Outcome.BAD_REQUEST, detail);
  }

  static Submission badProof(String detail) {
    return new Submission(Outcome.BAD_PROOF, detail);
  }
}
