package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An offline proof bundle in the C2SP tlog-proof format (c2sp.org/tlog-proof, v1): that the entry
 * at {@code index} is in the tree of a signed checkpoint.
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * extra &lt;base64&gt;            (optional, unauthenticated)
 * index &lt;decimal&gt;
 * &lt;base64 hash&gt;               (the RFC 6962 inclusion proof, leaf's sibling first, one a line)
 * ...
 *                             (an empty line)
 * &lt;checkpoint signed note, verbatim&gt;
 * </pre>
 *
 * Files should be named {@code *.tlog-proof}.
 *
 * @param extra base64 of opaque extra data, if any; a verifier must not trust it
 * @param index the zero-based index of the entry
 * @param hashes the inclusion proof against the checkpoint's tree
 * @param checkpoint the log's signed checkpoint, possibly with witness cosignatures
 */
public record TlogProof(Optional<String> extra, long index, List<Sha256Hash> hashes, SignedNote checkpoint) {

  /** The first line of every v1 proof. */
  public static final String HEADER = "c2sp.org/tlog-proof@v1";

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

  public TlogProof {
    requireNonNull(extra, "extra is null");
    extra.ifPresent(text -> StrictBase64.decode(text, "extra data"));
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative");
    }
    hashes = List.copyOf(hashes);
    requireNonNull(checkpoint, "checkpoint is null");
  }

  /** A bundle without extra data. */
  public static TlogProof of(long index, List<Sha256Hash> hashes, SignedNote checkpoint) {
    return new TlogProof(Optional.empty(), index, hashes, checkpoint);
  }

  public String encode() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    extra.ifPresent(text -> out.append("extra ").append(text).append('\n'));
    out.append("index ").append(index).append('\n');
    hashes.forEach(hash -> out.append(hash.base64()).append('\n'));
    return out.append('\n').append(checkpoint.encode()).toString();
  }

  /** Parses a bundle strictly; throws {@link AuditFormatException}. */
  public static TlogProof parse(String text) {
    requireNonNull(text, "text is null");
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      throw new AuditFormatException("a tlog-proof has an empty line before its checkpoint");
    }
    String[] lines = text.substring(0, blank).split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      throw new AuditFormatException("a tlog-proof starts with " + HEADER);
    }
    int next = 1;
    Optional<String> extra = Optional.empty();
    if (next < lines.length && lines[next].startsWith("extra ")) {
      extra = Optional.of(lines[next].substring("extra ".length()));
      StrictBase64.decode(extra.get(), "extra data");
      next++;
    }
    if (next >= lines.length || !lines[next].startsWith("index ")
        || !DECIMAL.matcher(lines[next].substring("index ".length())).matches()) {
      throw new AuditFormatException("a tlog-proof has an 'index <decimal>' line");
    }
    long index = parseIndex(lines[next].substring("index ".length()));
    List<Sha256Hash> hashes = new ArrayList<>();
    for (int i = next + 1; i < lines.length; i++) {
      hashes.add(Sha256Hash.fromBase64(lines[i]));
    }
    return new TlogProof(extra, index, hashes, SignedNote.parse(text.substring(blank + 2)));
  }

  private static long parseIndex(String decimal) {
    try {
      return Long.parseLong(decimal);
    } catch (NumberFormatException e) {
      throw new AuditFormatException("tlog-proof index is too large");
    }
  }

  /**
   * Verifies the bundle for an entry with {@code leafHash}: the checkpoint is signed by {@code
   * verifier}, names {@code expectedOrigin}, and the proof leads from the leaf to its root.
   */
  public Verdict verify(Sha256Hash leafHash, NoteVerifier verifier, String expectedOrigin) {
    requireNonNull(leafHash, "leafHash is null");
    requireNonNull(expectedOrigin, "expectedOrigin is null");
    Verdict signature = checkpoint.verify(verifier);
    if (!signature.isValid()) {
      return signature;
    }
    Checkpoint signed;
    try {
      signed = Checkpoint.parse(checkpoint);
    } catch (AuditFormatException e) {
      return Verdict.invalid(VerifyFailure.MALFORMED, "the signed note is not a checkpoint: " + e.getMessage());
    }
    if (!signed.origin().equals(expectedOrigin)) {
      return Verdict.invalid(VerifyFailure.ORIGIN_MISMATCH, "checkpoint of another log: " + signed.origin());
    }
    return MerkleVerifier.verifyInclusion(
        index, signed.size(), leafHash.bytes(), hashes.stream().map(Sha256Hash::bytes).toList(),
        signed.rootHash().bytes());
  }
}
