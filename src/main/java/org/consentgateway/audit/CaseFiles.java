package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;

/**
 * Case files for regulators (docs/audit.md "Case files"): chosen entries, each with its inclusion
 * proof against the latest signed checkpoint, that checkpoint and the verifier key, in one zip that
 * {@link CaseVerifier} checks offline. Making one is itself an audited regulator read ({@code
 * audit.read}, the regulator as actor, the SHA-256 of the zip), committed before the zip is handed
 * over: the console and the API both get that by calling {@link #export}.
 *
 * <p>Thread-safe; never blocks an event loop: the reads are two queries (the entries, and the union
 * of the proofs' nodes), and the zip is built on a worker. A case is bounded ({@link
 * CaseFormat#MAX_ENTRIES}), so it is built in memory.
 */
public final class CaseFiles {

  /**
   * What one export made. {@code bytes} is the zip (not copied: a case is large; do not change it);
   * {@code fileName} is {@code case-<size>-<caseId>.zip}; {@code sha256} is the zip's hash, the
   * {@code responseHash} of the export's audit entry.
   */
  public record CaseFile(String caseId, String fileName, long checkpointSize, int entries, byte[] bytes, Sha256Hash sha256) {
    public CaseFile {
      requireNonNull(caseId, "caseId is null");
      requireNonNull(fileName, "fileName is null");
      requireNonNull(bytes, "bytes is null");
      requireNonNull(sha256, "sha256 is null");
    }
  }

  /**
   * The most cases made at once by one gateway: a case of the most entries is about 20 MB (two
   * files of about 1 KB each per entry; base64 hashes do not compress), held in memory twice while
   * it is built. More at once are refused with 503 rather than let memory grow with the callers.
   */
  public static final int MAX_AT_ONCE = 2;

  private static final SecureRandom RANDOM = new SecureRandom();
  private final AtomicInteger underWay = new AtomicInteger();

  private final Vertx vertx;
  private final AuditStore store;
  private final AuditLog log;
  private final NoteVerifier verifier;
  private final Clock clock;

  public CaseFiles(Vertx vertx, AuditStore store, AuditLog log, NoteVerifier verifier, Clock clock) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.store = requireNonNull(store, "store is null");
    this.log = requireNonNull(log, "log is null");
    this.verifier = requireNonNull(verifier, "verifier is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The case of the entries at {@code indexes} (1 to {@link CaseFormat#MAX_ENTRIES}, distinct, each
   * below the log's size), exported by {@code regulator}. Fails with {@link ProblemException}: 400
   * {@code invalid_request} for indexes outside those rules, 409 {@code conflict} when an entry is
   * newer than the latest signed checkpoint (try again after the next one), 503 {@code unavailable}
   * when the log cannot be read or the export cannot be recorded (then nothing is handed over), or
   * when {@link #MAX_AT_ONCE} cases are being made already.
   */
  public Future<CaseFile> export(List<Long> indexes, Principal regulator) {
    requireNonNull(regulator, "regulator is null");
    if (regulator.role() != Role.REGULATOR) {
      throw new IllegalArgumentException("only a regulator exports a case");
    }
    TreeSet<Long> sorted;
    try {
      sorted = checkedIndexes(indexes);
    } catch (ProblemException e) {
      return Future.failedFuture(e);
    }
    if (underWay.incrementAndGet() > MAX_AT_ONCE) {
      underWay.decrementAndGet();
      return Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE, "Other cases are being made; try again shortly."));
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return store.size().compose(size -> store.latestCheckpoint().map(latest -> {
          if (sorted.last() >= size) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST,
                "Index " + sorted.last() + " is not in the log (its size is " + size + ").");
          }
          return latest.filter(c -> c.size() > sorted.last()).orElseThrow(() -> new ProblemException(ErrorCode.CONFLICT,
              "Index " + sorted.last() + " is not yet covered by a signed checkpoint; try again in a few seconds."));
        }))
        .compose(checkpoint -> store.entriesAt(sorted).compose(entries -> store.nodes(
                AuditStore.nodesForInclusions(sorted, checkpoint.size()), checkpoint.size())
            // Computing thousands of proofs, hashing and deflating is worker work, not event-loop work.
            .compose(nodes -> vertx.executeBlocking(() -> build(checkpoint, sorted.size(), entries, nodes, now, regulator), false))))
        .compose(file -> log.append(AuditEvent.read(now, regulator.actor(), "case", file.sha256()))
            .map(appended -> file))
        .recover(CaseFiles::unavailable)
        .onComplete(done -> underWay.decrementAndGet());
  }

  private static TreeSet<Long> checkedIndexes(List<Long> indexes) {
    requireNonNull(indexes, "indexes is null");
    if (indexes.isEmpty() || indexes.size() > CaseFormat.MAX_ENTRIES) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "A case holds 1 to " + CaseFormat.MAX_ENTRIES + " entries.");
    }
    TreeSet<Long> sorted = new TreeSet<>();
    for (Long index : indexes) {
      if (index == null || index < 0) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "Indexes are whole numbers, 0 or more.");
      }
      if (!sorted.add(index)) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "Index " + index + " is listed twice.");
      }
    }
    return sorted;
  }

  private CaseFile build(StoredCheckpoint checkpoint, int expected, List<StoredEntry> entries, NodeHashes nodes, Instant now,
      Principal regulator) {
    if (entries.size() != expected) {
      throw new IllegalStateException("the log is missing an entry below its size");
    }
    String caseId = HexFormat.of().formatHex(randomBytes());
    CaseManifest manifest = new CaseManifest(caseId, Checkpoint.parse(checkpoint.signedNote()).origin(), checkpoint.size(), now,
        regulator.actor(), entries.stream().map(StoredEntry::index).toList());
    Map<Long, List<Sha256Hash>> proofs = new HashMap<>();
    entries.forEach(entry -> proofs.put(entry.index(), MerkleProofs.inclusionProof(entry.index(), checkpoint.size(), nodes)));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(CaseFormat.MANIFEST, manifest.toJson());
    files.put(CaseFormat.README, CaseReadme.text(manifest, verifier.verifierKey()).getBytes(StandardCharsets.UTF_8));
    files.put(CaseFormat.CHECKPOINT, checkpoint.note().getBytes(StandardCharsets.UTF_8));
    files.put(CaseFormat.VERIFIER_KEY, (verifier.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
    SignedNote note = checkpoint.signedNote();
    for (StoredEntry entry : entries) {
      files.put(CaseFormat.entryFile(entry.index()),
          new CaseEntry(entry.index(), entry.leafInput(), entry.leafHash(), proofs.get(entry.index())).toJson());
    }
    for (StoredEntry entry : entries) {
      files.put(CaseFormat.proofFile(entry.index()),
          TlogProof.of(entry.index(), proofs.get(entry.index()), note).encode().getBytes(StandardCharsets.UTF_8));
    }
    byte[] zip = CaseZip.write(files, now);
    return new CaseFile(caseId, "case-" + checkpoint.size() + "-" + caseId + ".zip", checkpoint.size(), entries.size(), zip,
        Sha256Hash.digest(zip));
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** A refusal passes as it is; anything else means the log could not be read or written: 503, nothing handed over. */
  private static <T> Future<T> unavailable(Throwable failure) {
    return Future.failedFuture(failure instanceof ProblemException problem ? problem
        : new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; no case was made."));
  }
}
