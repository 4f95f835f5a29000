package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A signed checkpoint of the audit log that verified: a C2SP {@code tlog-checkpoint} (origin, tree
 * size, base64 root) in a C2SP {@code signed-note} carrying a valid signature of the trusted
 * verifier key. Lines of other keys (witnesses' cosignatures) are ignored; a line of the trusted
 * key that does not verify refuses the note.
 *
 * @param note the note as received
 */
public record Checkpoint(String origin, long size, byte[] rootHash, String note) {

  private static final Pattern SIZE = Pattern.compile("0|[1-9][0-9]{0,18}");
  private static final String SIGNATURE_LINE = "\u2014 ";

  public Checkpoint {
    requireNonNull(origin, "origin is null");
    requireNonNull(note, "note is null");
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** Verifies {@code note} with {@code key}; throws {@link VerificationException}. */
  static Checkpoint verify(String note, VerifierKey key) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0 || !note.endsWith("\n")) {
      throw invalid("a signed note is a text, an empty line and signature lines, each ending in a newline");
    }
    String text = note.substring(0, split + 1);
    boolean verified = false;
    for (String line : note.substring(split + 2, note.length() - 1).split("\n", -1)) {
      if (!line.startsWith(SIGNATURE_LINE)) {
        throw invalid("a signature line starts with an em dash and a space");
      }
      String[] parts = line.substring(SIGNATURE_LINE.length()).split(" ", -1);
      if (parts.length != 2) {
        throw invalid("a signature line is a key name and a base64 signature");
      }
      byte[] signature;
      try {
        signature = Base64.getDecoder().decode(parts[1]);
      } catch (IllegalArgumentException e) {
        throw invalid("a signature line's base64 does not decode");
      }
      if (!parts[0].equals(key.name()) || signature.length < 4 || keyId(signature) != key.keyId()) {
        continue; // another key's line, e.g. a witness's cosignature
      }
      if (signature.length != 4 + 64 || !ed25519Verifies(key, text, signature)) {
        throw new VerificationException(VerificationFailure.CHECKPOINT_SIGNATURE,
            "the signature of " + key + " on the checkpoint does not verify");
      }
      verified = true;
    }
    if (!verified) {
      throw new VerificationException(VerificationFailure.CHECKPOINT_SIGNATURE, "the checkpoint carries no signature of " + key);
    }
    return parse(text, note);
  }

  private static Checkpoint parse(String text, String note) {
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3 || lines[0].isEmpty() || !SIZE.matcher(lines[1]).matches()) {
      throw invalid("a checkpoint is an origin, a decimal size and a base64 root hash, one a line");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw invalid("the checkpoint's root hash is not base64");
    }
    if (root.length != 32) {
      throw invalid("the checkpoint's root hash is not 32 bytes");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root, note);
  }

  private static int keyId(byte[] signature) {
    return ((signature[0] & 0xff) << 24) | ((signature[1] & 0xff) << 16) | ((signature[2] & 0xff) << 8) | (signature[3] & 0xff);
  }

  private static boolean ed25519Verifies(VerifierKey key, String text, byte[] signature) {
    try {
      Signature ed25519 = Signature.getInstance("Ed25519");
      ed25519.initVerify(key.publicKey());
      ed25519.update(text.getBytes(StandardCharsets.UTF_8));
      return ed25519.verify(signature, 4, 64);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static VerificationException invalid(String message) {
    return new VerificationException(VerificationFailure.CHECKPOINT_INVALID, message);
  }
}
