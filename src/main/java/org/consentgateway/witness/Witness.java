package org.consentgateway.witness;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.audit.AuditFormatException;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.Cosigner;
import org.consentgateway.audit.MerkleVerifier;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The witness's rule (C2SP tlog-witness, add-checkpoint): cosign a checkpoint of a followed log
 * only when the log signed it, the client's old size is the size last cosigned, and the
 * consistency proof from that tree verifies; then remember it, durably, before answering. Checks
 * and the update run under one lock, so two submissions cannot roll the state back between them.
 * Blocking (it writes files): call it off the event loop.
 */
public final class Witness {

  private static final Logger LOG = LoggerFactory.getLogger(Witness.class);

  /** The root of the empty tree (RFC 9162 §2.1.1): the hash of nothing. */
  private static final Sha256Hash EMPTY_TREE = Sha256Hash.digest(new byte[0]);

  private final Map<String, NoteVerifier> logs;
  private final WitnessState state;
  private final Cosigner cosigner;
  private final Clock clock;
  private final Object lock = new Object();

  /**
   * @param logs the followed logs: origin to the key that signs its checkpoints
   */
  public Witness(Map<String, NoteVerifier> logs, java.nio.file.Path dataFolder, Cosigner cosigner, Clock clock) {
    this.logs = Map.copyOf(logs);
    this.state = new WitnessState(dataFolder);
    this.cosigner = requireNonNull(cosigner, "cosigner is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Cosigner cosigner() {
    return cosigner;
  }

  /** The latest tree cosigned for a followed log, if any. */
  public Optional<CosignedTree> latest(String origin) {
    synchronized (lock) {
      return state.latest(origin);
    }
  }

  /** Handles one {@code add-checkpoint} body. */
  Submission submit(byte[] body) {
    AddCheckpointRequest request;
    try {
      request = AddCheckpointRequest.parse(body);
    } catch (AuditFormatException e) {
      return Submission.badRequest(e.getMessage());
    }
    Checkpoint checkpoint = request.checkpoint();
    NoteVerifier logKey = logs.get(checkpoint.origin());
    if (logKey == null) {
      return Submission.unknownLog();
    }
    // Lines of other keys are ignored; a failing line of the log's own key is no signature of it.
    if (!request.note().verify(logKey).isValid()) {
      return Submission.notSignedByLog();
    }
    if (request.oldSize() > checkpoint.size()) {
      return Submission.badRequest("the old size " + request.oldSize() + " is above the checkpoint's size " + checkpoint.size());
    }
    synchronized (lock) {
      Optional<CosignedTree> latest = state.latest(checkpoint.origin());
      long cosignedSize = latest.map(CosignedTree::size).orElse(0L);
      if (request.oldSize() != cosignedSize) {
        return Submission.conflict(cosignedSize);
      }
      // Before any cosignature, the tree the witness knows is the empty one.
      Optional<Submission> refusal = inconsistency(request, latest.orElse(new CosignedTree(0, EMPTY_TREE)));
      if (refusal.isPresent()) {
        return refusal.get();
      }
      state.record(checkpoint.origin(), new CosignedTree(checkpoint.size(), checkpoint.rootHash()));
    }
    return Submission.cosigned(cosigner.cosign(request.note().textBytes(), clock.instant()).line());
  }

  // Empty when the checkpoint extends (or repeats) the tree last cosigned.
  private Optional<Submission> inconsistency(AddCheckpointRequest request, CosignedTree cosigned) {
    Checkpoint checkpoint = request.checkpoint();
    if (cosigned.size() == 0 && checkpoint.size() > 0) {
      return request.proof().isEmpty()
          ? Optional.empty()
          : Optional.of(Submission.badProof("the proof is empty from the old size 0"));
    }
    if (cosigned.size() == checkpoint.size()) {
      if (!cosigned.rootHash().equals(checkpoint.rootHash())) {
        // A second root for one size is a fork of the log: refused and left in the log as evidence.
        LOG.warn("fork of {}: a checkpoint of size {} with root {} after cosigning root {}; refused",
            checkpoint.origin(), checkpoint.size(), checkpoint.rootHash().base64(), cosigned.rootHash().base64());
        return Optional.of(Submission.conflict(cosigned.size()));
      }
      return request.proof().isEmpty()
          ? Optional.empty()
          : Optional.of(Submission.badProof("the proof between equal sizes is empty"));
    }
    List<byte[]> proof = new ArrayList<>();
    request.proof().forEach(hash -> proof.add(hash.bytes()));
    Verdict verdict = MerkleVerifier.verifyConsistency(cosigned.size(), checkpoint.size(), proof,
        cosigned.rootHash().bytes(), checkpoint.rootHash().bytes());
    if (!verdict.isValid()) {
      LOG.warn("{}: no consistency from size {} to {} ({}); refused", checkpoint.origin(), cosigned.size(), checkpoint.size(),
          verdict.detail());
      return Optional.of(Submission.badProof(verdict.detail()));
    }
    return Optional.empty();
  }
}
