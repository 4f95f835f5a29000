package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a fresh, complete key folder in the layout {@link GatewayKeys#load} reads: a key pair for
 * every {@link KeyParty}, the pseudonym secret and one data-encryption key ({@value #FIRST_DATA_KEY_ID}).
 * Private keys and secrets are created with mode 0600 (where the file system has POSIX
 * permissions), public keys 0644, a new folder 0700. Existing key files are never overwritten.
 * It never writes the demo marker: a generated set is a real one.
 */
public final class KeySetGenerator {

  public static final String FIRST_DATA_KEY_ID = "k1";

  private KeySetGenerator() {}

  /**
   * Generates into {@code outDir}, creating it if needed.
   *
   * @throws KeyFileException naming the first key file that already exists (before anything is
   *     written) or the file that could not be written
   */
  public static void generate(Path outDir) {
    requireNonNull(outDir, "outDir is null");
    createFolder(outDir);
    refuseExisting(outDir);
    for (KeyParty party : KeyParty.values()) {
      KeyPair pair = party.keyType().generateKeyPair();
      PemFiles.writePrivateKey(outDir.resolve(party.privateKeyFileName()), pair.getPrivate());
      PemFiles.writePublicKey(outDir.resolve(party.publicKeyFileName()), pair.getPublic());
    }
    SecureRandom random = new SecureRandom();
    byte[] pseudonymSecret = randomSecret(random);
    byte[] dataKey = randomSecret(random);
    try {
      KeyFileWriter.writeSecret(outDir.resolve(GatewayKeys.PSEUDONYM_SECRET_FILE),
          SecretFiles.pseudonymSecretText(pseudonymSecret).getBytes(StandardCharsets.US_ASCII));
      KeyFileWriter.writeSecret(outDir.resolve(GatewayKeys.DATA_ENCRYPTION_SECRETS_FILE),
          SecretFiles.dataKeysText(DataKeys.of(FIRST_DATA_KEY_ID, dataKey)).getBytes(StandardCharsets.US_ASCII));
    } finally {
      Arrays.fill(pseudonymSecret, (byte) 0);
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /** The names of the files {@link #generate} writes. */
  public static List<String> fileNames() {
    List<String> names = new ArrayList<>();
    for (KeyParty party : KeyParty.values()) {
      names.add(party.privateKeyFileName());
      names.add(party.publicKeyFileName());
    }
    names.add(GatewayKeys.PSEUDONYM_SECRET_FILE);
    names.add(GatewayKeys.DATA_ENCRYPTION_SECRETS_FILE);
    return List.copyOf(names);
  }

  private static void createFolder(Path outDir) {
    if (Files.isDirectory(outDir)) {
      return;
    }
    if (Files.exists(outDir)) {
      throw new KeyFileException(outDir, "exists and is not a folder");
    }
    try {
      if (KeyFileWriter.supportsPosix(outDir.toAbsolutePath())) {
        Files.createDirectories(outDir, PosixFilePermissions.asFileAttribute(KeyFileWriter.OWNER_ONLY_FOLDER));
      } else {
        Files.createDirectories(outDir);
      }
    } catch (IOException e) {
      throw new KeyFileException(outDir, "cannot create the key folder: " + e.getMessage(), e);
    }
  }

  /** Checks every name first, so a refusal leaves the folder as it was. */
  private static void refuseExisting(Path outDir) {
    for (String name : fileNames()) {
      Path file = outDir.resolve(name);
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new KeyFileException(file, "already exists; refusing to overwrite a key file "
            + "(generate into an empty folder, or move the old keys away first)");
      }
    }
  }

  private static byte[] randomSecret(SecureRandom random) {
    byte[] secret = new byte[SecretFiles.SECRET_LENGTH];
    random.nextBytes(secret);
    return secret;
  }
}
