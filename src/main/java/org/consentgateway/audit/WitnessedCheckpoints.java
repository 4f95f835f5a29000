package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A reader's check of a log's checkpoints against its witness policy: any cosignature of a named
 * witness that does not verify fails the log, naming the checkpoint and the witness; otherwise the
 * largest checkpoint a quorum cosigned is the one the reader may rely on. A log with none fails.
 */
public final class WitnessedCheckpoints {

  /** The largest checkpoint meeting the policy, or what is wrong. */
  public record Outcome(long witnessedSize, Optional<String> failure) {
    public boolean valid() {
      return failure.isEmpty();
    }
  }

  private WitnessedCheckpoints() {}

  /** Checks every signed checkpoint note; notes the log's key does not sign are the log verifier's business. */
  public static Outcome check(List<String> notes, WitnessPolicy policy) {
    requireNonNull(policy, "policy is null");
    long witnessed = -1;
    String latestShortfall = "no checkpoint";
    long latestSize = -1;
    for (String text : notes) {
      SignedNote note;
      Checkpoint checkpoint;
      try {
        note = SignedNote.parse(text);
        checkpoint = Checkpoint.parse(note);
      } catch (AuditFormatException | IllegalArgumentException e) {
        continue; // the log verifier names malformed checkpoints
      }
      Verdict verdict = policy.verify(note);
      if (verdict.failure().filter(failure -> failure == VerifyFailure.BAD_COSIGNATURE).isPresent()) {
        return new Outcome(witnessed, Optional.of("checkpoint of size " + checkpoint.size() + ": " + verdict.detail()));
      }
      if (verdict.isValid()) {
        witnessed = Math.max(witnessed, checkpoint.size());
      } else if (checkpoint.size() > latestSize) {
        latestSize = checkpoint.size();
        latestShortfall = "the latest, of size " + checkpoint.size() + ": " + verdict.detail();
      }
    }
    return witnessed < 0
        ? new Outcome(-1, Optional.of("no checkpoint meets the witness policy (" + latestShortfall + ")"))
        : new Outcome(witnessed, Optional.empty());
  }
}
