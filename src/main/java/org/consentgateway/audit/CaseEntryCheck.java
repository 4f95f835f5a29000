package org.consentgateway.audit;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * The checks of one entry of a case against its verified checkpoint, in the order that names the
 * cause best: the file is there and decodes; {@code leafInput} hashes to the leaf hash given (else
 * the entry was altered); the inclusion proof leads from that leaf to the signed root; the bytes
 * are a canonical audit entry that says it is this index; the tlog-proof file holds the same proof
 * and checkpoint, and verifies on its own.
 */
final class CaseEntryCheck {

  private final Map<String, byte[]> files;
  private final SignedNote note;
  private final Checkpoint checkpoint;
  private final NoteVerifier trusted;

  CaseEntryCheck(Map<String, byte[]> files, SignedNote note, Checkpoint checkpoint, NoteVerifier trusted) {
    this.files = files;
    this.note = note;
    this.checkpoint = checkpoint;
    this.trusted = trusted;
  }

  /** What is wrong with entry {@code index}, if anything. */
  Optional<String> problem(long index) {
    String entryFile = CaseFormat.entryFile(index);
    byte[] bytes = files.get(entryFile);
    if (bytes == null) {
      return Optional.of(entryFile + " is missing from the case");
    }
    CaseEntry entry;
    try {
      entry = CaseEntry.parse(bytes);
    } catch (AuditFormatException | IllegalArgumentException e) {
      return Optional.of(entryFile + ": " + e.getMessage());
    }
    if (entry.index() != index) {
      return Optional.of(entryFile + " says it is index " + entry.index());
    }
    byte[] leafInput = entry.leafInput();
    Sha256Hash leaf = LeafHash.of(leafInput);
    if (!leaf.equals(entry.leafHash())) {
      return Optional.of("leafInput does not hash to its leafHash (the entry was altered)");
    }
    Verdict inclusion = MerkleVerifier.verifyInclusion(index, checkpoint.size(), leaf.bytes(),
        entry.proof().stream().map(Sha256Hash::bytes).toList(), checkpoint.rootHash().bytes());
    if (!inclusion.isValid()) {
      return Optional.of("the inclusion proof does not lead to the checkpoint's root (" + inclusion + ")");
    }
    try {
      AuditEntry decoded = AuditEntry.parse(leafInput);
      if (decoded.index() != index) {
        return Optional.of("the entry's bytes say it is index " + decoded.index());
      }
    } catch (AuditFormatException | IllegalArgumentException e) {
      return Optional.of("leafInput is not a canonical audit entry (" + e.getMessage() + ")");
    }
    return tlogProofProblem(index, entry, leaf);
  }

  private Optional<String> tlogProofProblem(long index, CaseEntry entry, Sha256Hash leaf) {
    String proofFile = CaseFormat.proofFile(index);
    byte[] bytes = files.get(proofFile);
    if (bytes == null) {
      return Optional.of(proofFile + " is missing from the case");
    }
    TlogProof proof;
    try {
      proof = TlogProof.parse(strictUtf8(bytes));
    } catch (AuditFormatException | IllegalArgumentException | CharacterCodingException e) {
      return Optional.of(proofFile + " is not a tlog-proof (" + e.getMessage() + ")");
    }
    if (proof.index() != index || !proof.hashes().equals(entry.proof()) || !proof.checkpoint().encode().equals(note.encode())) {
      return Optional.of(proofFile + " does not hold the same index, proof and checkpoint as the entry");
    }
    Verdict verdict = proof.verify(leaf, trusted, checkpoint.origin());
    return verdict.isValid() ? Optional.empty() : Optional.of(proofFile + " does not verify (" + verdict + ")");
  }

  private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }
}
