package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a case file offline (docs/audit.md "Case files"): the checkpoint's signature with the
 * trusted key (one pinned by the person checking, which the case's own must then equal, or else
 * the case's), the checkpoint's origin and size against the manifest, and for every entry the
 * manifest lists: its file is there and decodes, its leaf hash recomputed from {@code leafInput},
 * its RFC 9162 inclusion proof against the checkpoint's root, the entry's bytes as a canonical audit
 * entry of that index, and its tlog-proof file. Nothing else in the zip is accepted.
 *
 * <p>Untrusted input never throws here (short of an I/O failure reading it): every problem is a
 * finding naming the entry, the checkpoint, the key or the case. Pure and blocking; bounded by
 * {@link CaseFormat}.
 */
public final class CaseVerifier {

  private CaseVerifier() {}

  /** Checks the zip {@code in} against {@code pinned}, the key the person checking trusts: the case must hold it. */
  public static CaseReport verify(InputStream in, NoteVerifier pinned) throws IOException {
    return check(in, requireNonNull(pinned, "pinned is null"));
  }

  /** Checks the zip {@code in} with the key it holds: shows the case is consistent with itself, no more. */
  public static CaseReport verifyWithItsOwnKey(InputStream in) throws IOException {
    return check(in, null);
  }

  /** {@code pinned} is null when none was given. */
  private static CaseReport check(InputStream in, NoteVerifier pinned) throws IOException {
    requireNonNull(in, "in is null");
    Map<String, byte[]> files;
    try {
      files = CaseZip.read(in);
    } catch (AuditFormatException e) {
      return CaseReport.refused(finding("case", e.getMessage()));
    }
    return check(files, pinned);
  }

  private static CaseReport check(Map<String, byte[]> files, NoteVerifier pinned) {
    for (String name : List.of(CaseFormat.MANIFEST, CaseFormat.CHECKPOINT, CaseFormat.VERIFIER_KEY)) {
      if (!files.containsKey(name)) {
        return refused(pinned, finding("case", name + " is missing"));
      }
    }
    CaseManifest manifest;
    NoteVerifier caseKey;
    try {
      manifest = CaseManifest.parse(files.get(CaseFormat.MANIFEST));
    } catch (AuditFormatException e) {
      return refused(pinned, finding("case", e.getMessage()));
    }
    try {
      caseKey = NoteVerifier.parse(utf8(files.get(CaseFormat.VERIFIER_KEY)).trim());
    } catch (AuditFormatException e) {
      return refused(pinned, finding("verifier key", "verifier-key.txt: " + e.getMessage()));
    }
    if (pinned != null && !pinned.equals(caseKey)) {
      return refused(pinned, finding("verifier key", "the case holds the key " + name(caseKey) + ", not the pinned key "
          + name(pinned) + ": its checkpoint is not vouched for by the key you trust"));
    }
    NoteVerifier trusted = pinned != null ? pinned : caseKey;
    String trustedName = name(trusted);
    boolean isPinned = pinned != null;
    SignedNote note;
    Checkpoint checkpoint;
    try {
      note = SignedNote.parse(files.get(CaseFormat.CHECKPOINT));
      checkpoint = Checkpoint.parse(note);
    } catch (AuditFormatException e) {
      return CaseReport.refused(trustedName, isPinned, List.of(finding("checkpoint", "checkpoint.txt: " + e.getMessage())));
    }
    Optional<String> problem = checkpointProblem(note, checkpoint, trusted, manifest);
    if (problem.isPresent()) {
      return CaseReport.refused(trustedName, isPinned, List.of(finding("checkpoint", problem.get())));
    }
    List<LogVerifier.Finding> failures = new ArrayList<>(unlisted(files, manifest));
    CaseEntryCheck check = new CaseEntryCheck(files, note, checkpoint, trusted);
    for (long index : manifest.indexes()) {
      check.problem(index).ifPresent(what -> failures.add(new LogVerifier.Finding("index " + index, index, what)));
    }
    if (!failures.isEmpty()) {
      return CaseReport.refused(trustedName, isPinned, failures);
    }
    List<Long> indexes = manifest.indexes();
    String held = indexes.size() == 1 ? "1 entry (index " + indexes.get(0) + ") is"
        : indexes.size() + " entries (indexes " + indexes.get(0) + ".." + indexes.get(indexes.size() - 1) + ") are";
    return new CaseReport(Optional.of(trustedName), isPinned, Optional.of(held + " in the log " + checkpoint.origin()
        + " as of the checkpoint of size " + checkpoint.size() + " signed by " + name(trusted)), List.of());
  }

  private static Optional<String> checkpointProblem(SignedNote note, Checkpoint checkpoint, NoteVerifier trusted,
      CaseManifest manifest) {
    Verdict signature = note.verify(trusted);
    if (!signature.isValid()) {
      return Optional.of("not signed by the trusted key " + name(trusted) + " (" + signature + ")");
    }
    if (!checkpoint.origin().equals(manifest.origin())) {
      return Optional.of("names the log " + checkpoint.origin() + ", but case.json names " + manifest.origin());
    }
    if (checkpoint.size() != manifest.checkpointSize()) {
      return Optional.of("is of size " + checkpoint.size() + ", but case.json says " + manifest.checkpointSize());
    }
    return Optional.empty();
  }

  /** Files the manifest does not list: an entry's is named by its index. */
  private static List<LogVerifier.Finding> unlisted(Map<String, byte[]> files, CaseManifest manifest) {
    Set<String> expected = new HashSet<>(manifest.files());
    expected.add(CaseFormat.MANIFEST);
    List<LogVerifier.Finding> findings = new ArrayList<>();
    for (String name : files.keySet()) {
      if (!expected.contains(name)) {
        findings.add(CaseFormat.indexOf(name)
            .map(index -> new LogVerifier.Finding("index " + index, index, name + " is in the case, but case.json does not list the entry"))
            .orElseGet(() -> finding("case", "unexpected file " + name)));
      }
    }
    return findings;
  }

  /** Refused before the checkpoint is read: the pinned key, if any, is the one trusted. */
  private static CaseReport refused(NoteVerifier pinned, LogVerifier.Finding finding) {
    return pinned == null ? CaseReport.refused(finding) : CaseReport.refused(name(pinned), true, List.of(finding));
  }

  static String name(NoteVerifier key) {
    return key.name() + "+" + NoteKeys.keyIdHex(key.keyId());
  }

  private static LogVerifier.Finding finding(String where, String what) {
    return new LogVerifier.Finding(where, -1, what);
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
