package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One signature line of a signed note: {@code — <key name> <base64(4-byte key id || signature)>}
 * (C2SP signed-note, "Signatures"; the dash is U+2014 EM DASH). The signature bytes are opaque
 * here, so lines of unknown keys and algorithms are kept as they are.
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

  /** U+2014 EM DASH and a space: the start of every signature line. */
  static final String PREFIX = "\u2014 ";

  public NoteSignature {
    if (!NoteKeys.isValidKeyName(keyName)) {
      throw new IllegalArgumentException("a key name is non-empty, without spaces or '+'");
    }
    requireNonNull(signature, "signature is null");
    if (signature.length == 0) {
      throw new IllegalArgumentException("signature is empty");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The line, ending in a newline. */
  public String line() {
    byte[] idAndSignature =
        ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return PREFIX + keyName + " " + StrictBase64.encode(idAndSignature) + "\n";
  }

  /** Parses one line without its newline; throws {@link AuditFormatException}. */
  static NoteSignature parseLine(String line) {
    if (!line.startsWith(PREFIX)) {
      throw new AuditFormatException("a signature line starts with an em dash and a space");
    }
    String rest = line.substring(PREFIX.length());
    int space = rest.indexOf(' ');
    if (space < 0) {
      throw new AuditFormatException("a signature line is '\u2014 <key name> <base64>'");
    }
    String name = rest.substring(0, space);
    if (!NoteKeys.isValidKeyName(name)) {
      throw new AuditFormatException("invalid key name in a signature line");
    }
    byte[] decoded = StrictBase64.decode(rest.substring(space + 1), "signature");
    if (decoded.length < 5) {
      throw new AuditFormatException("a signature holds a 4-byte key id and at least one byte");
    }
    ByteBuffer buffer = ByteBuffer.wrap(decoded);
    int keyId = buffer.getInt();
    return new NoteSignature(name, keyId, Arrays.copyOfRange(decoded, 4, decoded.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature other
        && keyName.equals(other.keyName)
        && keyId == other.keyId
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * keyName.hashCode() + keyId) + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return line().strip();
  }
}
