package org.consentgateway.audit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The layout of a case file (docs/audit.md "Case files"): a zip holding {@code case.json} (the
 * manifest), {@code README.txt}, {@code checkpoint.txt} (the signed checkpoint, verbatim), {@code
 * verifier-key.txt}, and for each entry {@code entries/<index>.json} ({@code index}, {@code
 * leafInput}, {@code leafHash}, {@code proof}) and {@code proofs/<index>.tlog-proof} (the same proof
 * as a C2SP tlog-proof, for stock tools). The bounds keep a hostile zip from exhausting a verifier.
 */
public final class CaseFormat {

  /** The manifest's {@code format}: a verifier refuses any other. */
  public static final String VERSION = "consent-gateway-case/1";
  public static final String MANIFEST = "case.json";
  public static final String README = "README.txt";
  public static final String CHECKPOINT = "checkpoint.txt";
  public static final String VERIFIER_KEY = "verifier-key.txt";

  /** The most entries one case holds. */
  public static final int MAX_ENTRIES = 10_000;
  /** The most files a verifier reads from one zip: every entry's two, the four fixed ones, no more. */
  static final int MAX_FILES = 2 * MAX_ENTRIES + 4;
  /** The largest file a verifier unpacks; the manifest lists every index and file name, so it gets more. */
  static final int MAX_FILE_BYTES = 1 << 20;
  static final int MAX_MANIFEST_BYTES = 8 << 20;
  /** The most bytes a verifier unpacks from one zip, all files together. */
  static final long MAX_TOTAL_BYTES = 256L << 20;

  private static final Pattern ENTRY_FILE = Pattern.compile("entries/(0|[1-9][0-9]{0,15})\\.json");
  private static final Pattern PROOF_FILE = Pattern.compile("proofs/(0|[1-9][0-9]{0,15})\\.tlog-proof");

  private CaseFormat() {}

  /** {@code entries/<index>.json}. */
  public static String entryFile(long index) {
    return "entries/" + index + ".json";
  }

  /** {@code proofs/<index>.tlog-proof}. */
  public static String proofFile(long index) {
    return "proofs/" + index + ".tlog-proof";
  }

  /** The index a per-entry file name is about, if it is one. */
  static Optional<Long> indexOf(String fileName) {
    for (Pattern pattern : new Pattern[] {ENTRY_FILE, PROOF_FILE}) {
      Matcher matcher = pattern.matcher(fileName);
      if (matcher.matches()) {
        return Optional.of(Long.parseLong(matcher.group(1)));
      }
    }
    return Optional.empty();
  }
}
