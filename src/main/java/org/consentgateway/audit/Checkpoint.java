package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A C2SP tlog-checkpoint: the note text naming the log (origin), the tree size and the RFC 6962
 * root hash, then optional extension lines.
 *
 * <pre>
 * consent-gateway.local/audit
 * 1048576
 * rZ8BoNCF7ZRZ0b3p3hJGfLlT6L6Ar8JDvx8CtbJ6mwQ=
 * </pre>
 *
 * This log writes no extension lines (the spec does not recommend them, monitors cannot audit
 * them); parsed ones are kept so a checkpoint re-encodes byte for byte.
 *
 * @param origin the log's unique identity, e.g. {@code consent-gateway.local/audit}
 * @param size the number of leaves
 * @param rootHash MTH at that size
 * @param extensions extension lines, each non-empty, without newline
 */
public record Checkpoint(String origin, long size, Sha256Hash rootHash, List<String> extensions) {

  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

  public Checkpoint {
    requireLine(origin, "origin");
    if (size < 0) {
      throw new IllegalArgumentException("tree size must not be negative");
    }
    requireNonNull(rootHash, "rootHash is null");
    extensions = List.copyOf(extensions);
    extensions.forEach(line -> requireLine(line, "extension line"));
  }

  /** A checkpoint without extension lines. */
  public static Checkpoint of(String origin, long size, Sha256Hash rootHash) {
    return new Checkpoint(origin, size, rootHash, List.of());
  }

  /** The note text: {@code <origin>\n<size>\n<base64 root>\n} then extension lines. */
  public String body() {
    StringBuilder body = new StringBuilder()
        .append(origin).append('\n')
        .append(size).append('\n')
        .append(rootHash.base64()).append('\n');
    extensions.forEach(line -> body.append(line).append('\n'));
    return body.toString();
  }

  /** This checkpoint signed as a note. */
  public SignedNote sign(NoteSigner signer) {
    return SignedNote.sign(body(), signer);
  }

  /**
   * Parses a note text strictly: at least three non-empty lines, each ending in a newline; the
   * size in decimal without leading zeroes (and within a {@code long}); the root as canonical
   * base64 of 32 bytes. Throws {@link AuditFormatException}.
   */
  public static Checkpoint parse(String body) {
    requireNonNull(body, "body is null");
    if (!body.endsWith("\n")) {
      throw new AuditFormatException("a checkpoint ends in a newline");
    }
    List<String> lines = new ArrayList<>(Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1)));
    if (lines.size() < 3) {
      throw new AuditFormatException("a checkpoint has an origin, a size and a root hash line");
    }
    if (!DECIMAL.matcher(lines.get(1)).matches()) {
      throw new AuditFormatException("checkpoint size is not a decimal without leading zeroes");
    }
    long size;
    try {
      size = Long.parseLong(lines.get(1));
    } catch (NumberFormatException e) {
      throw new AuditFormatException("checkpoint size is too large");
    }
    Sha256Hash root = Sha256Hash.fromBase64(lines.get(2));
    try {
      return new Checkpoint(lines.get(0), size, root, lines.subList(3, lines.size()));
    } catch (IllegalArgumentException e) {
      throw new AuditFormatException("invalid checkpoint: " + e.getMessage(), e);
    }
  }

  /** The checkpoint in a signed note's text. */
  public static Checkpoint parse(SignedNote note) {
    return parse(note.text());
  }

  private static void requireLine(String line, String name) {
    requireNonNull(line, name + " is null");
    if (line.isEmpty() || line.chars().anyMatch(c -> c < 0x20)) {
      throw new IllegalArgumentException(name + " must be a non-empty line without control characters");
    }
  }
}
