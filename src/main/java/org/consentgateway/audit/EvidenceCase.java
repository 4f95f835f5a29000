package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A case file (docs/audit.md "Case files") of one entry from evidence kept elsewhere: the entry's
 * bytes, its inclusion proof and the signed checkpoint the proof is against, as a complaint keeps
 * them. The same format {@link CaseFiles} exports and {@link CaseVerifier} checks offline; made
 * without reading the log (the evidence is fixed when kept), so it is not itself an audited read.
 * Small (one entry): built in memory on the caller's thread.
 */
public final class EvidenceCase {

  private static final SecureRandom RANDOM = new SecureRandom();

  private EvidenceCase() {}

  /**
   * The case of entry {@code index}, made by {@code exportedBy} (an audit actor) at {@code now}.
   * Throws {@link AuditFormatException} when {@code checkpointNote} is not a signed checkpoint.
   */
  public static CaseFiles.CaseFile of(long index, byte[] leafInput, List<Sha256Hash> proof, String checkpointNote,
      NoteVerifier verifier, String exportedBy, Instant now) {
    requireNonNull(leafInput, "leafInput is null");
    requireNonNull(verifier, "verifier is null");
    SignedNote note = SignedNote.parse(requireNonNull(checkpointNote, "checkpointNote is null"));
    Checkpoint checkpoint = Checkpoint.parse(note);
    Instant createdAt = requireNonNull(now, "now is null").truncatedTo(ChronoUnit.MILLIS);
    byte[] id = new byte[4];
    RANDOM.nextBytes(id);
    String caseId = HexFormat.of().formatHex(id);
    CaseManifest manifest = new CaseManifest(caseId, checkpoint.origin(), checkpoint.size(), createdAt, exportedBy, List.of(index));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(CaseFormat.MANIFEST, manifest.toJson());
    files.put(CaseFormat.README, CaseReadme.text(manifest, verifier.verifierKey()).getBytes(StandardCharsets.UTF_8));
    files.put(CaseFormat.CHECKPOINT, checkpointNote.getBytes(StandardCharsets.UTF_8));
    files.put(CaseFormat.VERIFIER_KEY, (verifier.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
    files.put(CaseFormat.entryFile(index), new CaseEntry(index, leafInput, LeafHash.of(leafInput), proof).toJson());
    files.put(CaseFormat.proofFile(index), TlogProof.of(index, proof, note).encode().getBytes(StandardCharsets.UTF_8));
    byte[] zip = CaseZip.write(files, createdAt);
    return new CaseFiles.CaseFile(caseId, "case-" + checkpoint.size() + "-" + caseId + ".zip", checkpoint.size(), 1, zip,
        Sha256Hash.digest(zip));
  }
}
