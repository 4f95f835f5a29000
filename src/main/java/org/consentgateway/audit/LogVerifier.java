package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Verifies an audit log without trusting whoever serves it: signed checkpoints first (signature
 * with the regulator's verifier key, one origin, growing sizes), then every entry in order
 * (its index, canonical form, leaf hash, {@code prev} chain link), the Merkle root at each
 * checkpoint size, and the consistency proofs between successive checkpoints. Reports the first
 * bad index and what is wrong there.
 *
 * <p>Streaming: entries are fed one at a time, so an export of any length verifies in memory
 * proportional to the tree height. Not thread-safe: one verifier per run.
 */
public final class LogVerifier {

  /** One entry as published: the exact bytes that were hashed, and the hashes the server claims for it. */
  public record PublishedEntry(long index, byte[] leafInput, Optional<Sha256Hash> leafHash, Optional<Sha256Hash> chainHash) {
    public PublishedEntry {
      requireNonNull(leafInput, "leafInput is null");
      requireNonNull(leafHash, "leafHash is null");
      requireNonNull(chainHash, "chainHash is null");
    }
  }

  /** A consistency proof the server published between two checkpoint sizes. */
  public record PublishedConsistency(long from, long to, List<Sha256Hash> hashes) {
    public PublishedConsistency {
      hashes = List.copyOf(hashes);
    }
  }

  /** What is wrong, and where: an entry index, or a checkpoint. */
  public record Finding(String where, long index, String what) {
    @Override
    public String toString() {
      return where + ": " + what;
    }
  }

  /** The verdict of a run. */
  public record Report(long entries, int checkpoints, long latestCheckpointSize, Optional<Finding> failure) {
    public boolean valid() {
      return failure.isEmpty();
    }

    /** One line, for people and scripts. */
    public String verdict() {
      return failure.map(f -> "FAIL " + f)
          .orElse("OK: " + entries + " entries, " + checkpoints + " signed checkpoints (latest at size " + latestCheckpointSize
              + "), chain, tree and consistency verified");
    }
  }

  private final List<Checkpoint> checkpoints;
  private final java.util.Set<Long> checkpointSizes;
  /** Roots computed from the entries, at the checkpoint sizes only. */
  private final Map<Long, Sha256Hash> computedRoots = new HashMap<>();
  private Optional<Finding> failure;
  private long position;
  private Sha256Hash chain = ChainHash.genesis();
  private TreeFrontier frontier = TreeFrontier.empty();

  /**
   * A verifier for a log whose checkpoints may name any origin, as long as they all name the same one.
   *
   * @param notes the signed checkpoints, in any order
   * @param key the log's verifier key, obtained out of band (never from the server being checked)
   */
  public LogVerifier(List<String> notes, NoteVerifier key) {
    this(notes, key, origin -> true);
  }

  /**
   * A verifier for the log named {@code expectedOrigin}: a checkpoint naming another is a finding.
   *
   * @param notes the signed checkpoints, in any order
   * @param key the log's verifier key, obtained out of band (never from the server being checked)
   */
  public LogVerifier(List<String> notes, NoteVerifier key, String expectedOrigin) {
    this(notes, key, requireNonNull(expectedOrigin, "expectedOrigin is null")::equals);
  }

  private LogVerifier(List<String> notes, NoteVerifier key, Predicate<String> acceptedOrigin) {
    List<Checkpoint> verified = new ArrayList<>();
    Earliest problem = new Earliest();
    for (String text : notes) {
      try {
        SignedNote note = SignedNote.parse(text);
        Checkpoint checkpoint = Checkpoint.parse(note);
        Verdict signature = note.verify(key);
        if (!signature.isValid()) {
          problem.offer(checkpointFinding(checkpoint.size(), "not signed by the verifier key " + key.name()
              + " (" + signature.detail() + ")"));
        } else if (!acceptedOrigin.test(checkpoint.origin())) {
          problem.offer(checkpointFinding(checkpoint.size(), "origin is " + checkpoint.origin()));
        } else {
          verified.add(checkpoint);
        }
      } catch (AuditFormatException | IllegalArgumentException e) {
        problem.offer(new Finding("checkpoint", 0, "malformed signed checkpoint: " + e.getMessage()));
      }
    }
    verified.sort((a, b) -> Long.compare(a.size(), b.size()));
    for (int i = 1; i < verified.size() && problem.get().isEmpty(); i++) {
      if (!verified.get(i).origin().equals(verified.get(0).origin())) {
        problem.offer(checkpointFinding(verified.get(i).size(), "names another log (" + verified.get(i).origin() + ")"));
      }
    }
    this.checkpoints = List.copyOf(verified);
    this.checkpointSizes = verified.stream().map(Checkpoint::size).collect(java.util.stream.Collectors.toUnmodifiableSet());
    this.failure = problem.get();
  }

  /** Feeds the next entry; call in index order. Stops checking after the first failure. */
  public void accept(PublishedEntry published) {
    if (failure.isPresent()) {
      return;
    }
    Optional<Finding> problem = check(published);
    if (problem.isPresent()) {
      failure = problem;
      return;
    }
    position++;
  }

  private Optional<Finding> check(PublishedEntry published) {
    if (published.index() > position) {
      return here("missing: the log jumps from index " + (position - 1) + " to " + published.index());
    }
    if (published.index() < position) {
      return here("index " + published.index() + " appears again after " + (position - 1));
    }
    AuditEntry entry;
    try {
      entry = AuditEntry.parse(published.leafInput());
    } catch (AuditFormatException | IllegalArgumentException e) {
      return here("the entry is not a valid canonical audit entry (" + e.getMessage() + ")");
    }
    if (entry.index() != position) {
      return here("the entry says it is index " + entry.index() + " (entries moved or swapped)");
    }
    Sha256Hash leaf = LeafHash.of(published.leafInput());
    if (published.leafHash().isPresent() && !published.leafHash().get().equals(leaf)) {
      return here("leafInput does not hash to the published leafHash (the entry was altered)");
    }
    if (!entry.prev().equals(chain)) {
      return Optional.of(chainBreak());
    }
    chain = ChainHash.next(chain, leaf);
    if (published.chainHash().isPresent() && !published.chainHash().get().equals(chain)) {
      return here("the published chain hash differs from the recomputed one");
    }
    frontier = frontier.append(leaf).frontier();
    if (checkpointSizes.contains(frontier.size())) {
      computedRoots.put(frontier.size(), frontier.rootHash());
    }
    return Optional.empty();
  }

  private Optional<Finding> here(String what) {
    return Optional.of(new Finding("index " + position, position, what));
  }

  /** A broken link between p-1 and p: the earliest entry that can be bad is p-1, and an altered body is what breaks it. */
  private Finding chainBreak() {
    if (position == 0) {
      return new Finding("index 0", 0, "the first entry's prev is not 32 zero bytes");
    }
    long suspect = position - 1;
    return new Finding("index " + suspect, suspect, "the hash chain breaks between index " + suspect + " and " + position
        + ": entry " + suspect + " was altered (or entry " + position + "'s prev was)");
  }

  /** Checks the checkpoints against what the entries hashed to, and the published consistency proofs. */
  public Report finish(List<PublishedConsistency> proofs) {
    long verifiedUpTo = position;
    Earliest result = new Earliest();
    failure.ifPresent(result::offer);
    long lastMatching = 0;
    for (Checkpoint checkpoint : checkpoints) {
      if (checkpoint.size() > verifiedUpTo) {
        if (failure.isEmpty()) {
          result.offer(new Finding("index " + verifiedUpTo, verifiedUpTo, "the log ends at " + verifiedUpTo
              + " entries, but a checkpoint signed size " + checkpoint.size() + ": entries from here on are missing"));
        }
        break;
      }
      Sha256Hash computed = checkpoint.size() == 0 ? MerkleHash.emptyRoot() : computedRoots.get(checkpoint.size());
      if (!checkpoint.rootHash().equals(computed)) {
        result.offer(new Finding("index " + lastMatching, lastMatching, "the entries from here on do not match "
            + "the checkpoint signed at size " + checkpoint.size() + " (the last matching checkpoint covers indexes below "
            + lastMatching + ")"));
        break;
      }
      lastMatching = checkpoint.size();
    }
    consistency(proofs).ifPresent(result::offer);
    long latest = checkpoints.isEmpty() ? 0 : checkpoints.get(checkpoints.size() - 1).size();
    if (checkpoints.isEmpty() && result.get().isEmpty()) {
      result.offer(new Finding("checkpoint", 0, "no signed checkpoint: nothing vouches for this log"));
    }
    return new Report(position, checkpoints.size(), latest, result.get());
  }

  private Optional<Finding> consistency(List<PublishedConsistency> proofs) {
    Map<Long, Checkpoint> bySize = new HashMap<>();
    checkpoints.forEach(checkpoint -> bySize.put(checkpoint.size(), checkpoint));
    for (PublishedConsistency proof : proofs) {
      Checkpoint from = bySize.get(proof.from());
      Checkpoint to = bySize.get(proof.to());
      if (from == null || to == null || from.size() == 0) {
        continue;
      }
      Verdict verdict = MerkleVerifier.verifyConsistency(from.size(), to.size(),
          proof.hashes().stream().map(Sha256Hash::bytes).toList(), from.rootHash().bytes(), to.rootHash().bytes());
      if (!verdict.isValid()) {
        return Optional.of(checkpointFinding(to.size(), "not consistent with the checkpoint at size " + from.size()
            + " (" + verdict.detail() + ")"));
      }
    }
    return Optional.empty();
  }

  private static Finding checkpointFinding(long size, String what) {
    return new Finding("checkpoint at size " + size, size, what);
  }

  /** The finding at the lowest index offered so far; on a tie, the one offered first. */
  private static final class Earliest {
    private Finding finding;

    void offer(Finding candidate) {
      if (finding == null || candidate.index() < finding.index()) {
        finding = candidate;
      }
    }

    Optional<Finding> get() {
      return Optional.ofNullable(finding);
    }
  }
}
