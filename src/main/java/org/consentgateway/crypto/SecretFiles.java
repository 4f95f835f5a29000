package org.consentgateway.crypto;

import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two secret files of a key folder.
 *
 * <ul>
 *   <li>{@code pseudonym.secret}: one line, the base64 (RFC 4648 §4) of 32 random bytes.
 *   <li>{@code data-encryption.secrets}: one key per line, {@code <keyId> <base64 of 32 bytes>};
 *       blank lines and lines starting with {@code #} are ignored. The last key is the current
 *       one; earlier ones remain so older rows still decrypt. Rotating means appending a line.
 * </ul>
 *
 * Error messages name the file and line, never the secret.
 */
final class SecretFiles {

  static final String PSEUDONYM_SECRET = "pseudonym.secret";
  static final String DATA_ENCRYPTION_SECRETS = "data-encryption.secrets";
  static final int SECRET_LENGTH = 32;

  private SecretFiles() {}

  static byte[] readPseudonymSecret(Path file) {
    List<String> lines = PemFiles.readText(file).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    if (lines.size() != 1) {
      throw new KeyFileException(file, "must hold exactly one line, the base64 of " + SECRET_LENGTH
          + " random bytes; found " + lines.size() + " non-blank lines");
    }
    return decode(file, "", lines.get(0));
  }

  static DataKeys readDataKeys(Path file) {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    String current = null;
    List<String> lines = PemFiles.readText(file).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "line " + (i + 1) + ": ";
      String[] fields = line.split("\\s+");
      if (fields.length != 2) {
        throw new KeyFileException(file, where + "expected '<keyId> <base64 of " + SECRET_LENGTH + " bytes>'");
      }
      String keyId = fields[0];
      if (!DataKeys.KEY_ID_FORMAT.matcher(keyId).matches()) {
        throw new KeyFileException(file, where + "key id must be 1-64 characters of A-Z a-z 0-9 . _ -");
      }
      if (keys.containsKey(keyId)) {
        throw new KeyFileException(file, where + "key id " + keyId + " appears twice");
      }
      keys.put(keyId, decode(file, where, fields[1]));
      current = keyId;
    }
    if (current == null) {
      throw new KeyFileException(file, "holds no keys (every line is blank or a comment)");
    }
    return new DataKeys(keys, current);
  }

  static String pseudonymSecretText(byte[] secret) {
    return Base64.getEncoder().encodeToString(secret) + "\n";
  }

  static String dataKeysText(DataKeys dataKeys) {
    StringBuilder text = new StringBuilder()
        .append("# AES-256-GCM data-encryption keys: <keyId> <base64 of 32 bytes>, one per line.\n")
        .append("# The LAST key encrypts new data; keep the earlier ones, rows written under them need them.\n")
        .append("# To rotate, append a line with a new key id and 32 fresh random bytes.\n");
    dataKeys.keys().forEach((keyId, key) ->
        text.append(keyId).append(' ').append(Base64.getEncoder().encodeToString(key)).append('\n'));
    return text.toString();
  }

  private static byte[] decode(Path file, String where, String base64) {
    byte[] secret;
    try {
      secret = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException(file, where + "not valid base64");
    }
    if (secret.length != SECRET_LENGTH) {
      throw new KeyFileException(file, where + "secret must be " + SECRET_LENGTH + " bytes, was " + secret.length);
    }
    return secret;
  }
}
