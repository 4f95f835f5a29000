package org.consentgateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.consentgateway.audit.AuditFormatException;
import org.consentgateway.audit.CaseReport;
import org.consentgateway.audit.CaseVerifier;
import org.consentgateway.audit.NoteVerifier;

/**
 * {@code gateway audit verify --case FILE.zip [--verifier-key KEY]}: checks a case file offline and
 * says which key it trusted, then {@code OK: ...} or one {@code FAIL ...} line per problem.
 */
final class CaseCheck {

  private CaseCheck() {}

  /** Exit 0 when the case holds, 1 when it does not; {@code pinnedKey} is null when none was given. */
  static int run(Path caseFile, String pinnedKey, PrintWriter out) throws IOException {
    NoteVerifier pinned;
    try {
      pinned = pinnedKey != null ? AuditCommand.verifierKey(pinnedKey) : null;
    } catch (AuditFormatException e) {
      out.println("FAIL verifier key: --verifier-key: " + e.getMessage());
      out.flush();
      return 1;
    }
    CaseReport report;
    try (InputStream in = Files.newInputStream(caseFile)) {
      report = pinned != null ? CaseVerifier.verify(in, pinned) : CaseVerifier.verifyWithItsOwnKey(in);
    } catch (NoSuchFileException e) {
      out.println("FAIL case: " + caseFile + " does not exist");
      out.flush();
      return 1;
    }
    report.trustedKey().ifPresent(key -> out.println("key: " + key + (report.pinned()
        ? " (pinned with --verifier-key)"
        : " (the case's own key: this shows the case is consistent, not that the log signed it; pin the log's key with "
            + "--verifier-key)")));
    report.verdict().forEach(out::println);
    out.flush();
    return report.valid() ? 0 : 1;
  }
}
