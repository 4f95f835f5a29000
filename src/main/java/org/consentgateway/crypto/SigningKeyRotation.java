package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Rotation of the gateway's token signing key. The current pair stays in
 * {@code gateway-signing.key.pem}/{@code .pub.pem}; each retired public key moves to
 * {@code gateway-signing.retired/<UTC time of retirement>.pub.pem}, so tokens it signed still
 * verify until they expire. The retired private key is deleted: nothing may sign with it again.
 *
 * <p>Blocking file work: command line and start-up only. Running gateways pick up a rotation
 * when they restart.
 */
public final class SigningKeyRotation {

  public static final String RETIRED_FOLDER = "gateway-signing.retired";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final String SUFFIX = ".pub.pem";

  /** A public key that signed tokens until {@code retiredAt}. */
  public record RetiredKey(PublicKey key, Instant retiredAt) {
    public RetiredKey {
      requireNonNull(key, "key is null");
      requireNonNull(retiredAt, "retiredAt is null");
    }
  }

  private SigningKeyRotation() {}

  /**
   * Makes a new current signing key in {@code keysDir} and retires the old one at {@code now}.
   * Each step leaves a usable folder: the old public key is kept before the new pair replaces it.
   */
  public static void rotate(Path keysDir, Instant now) {
    Path currentPrivate = keysDir.resolve(KeyParty.GATEWAY_SIGNING.privateKeyFileName());
    Path currentPublic = keysDir.resolve(KeyParty.GATEWAY_SIGNING.publicKeyFileName());
    PublicKey oldPublic = PemFiles.readPublicKey(currentPublic);
    PemFiles.readPrivateKey(currentPrivate);
    Path retired = keysDir.resolve(RETIRED_FOLDER);
    try {
      Files.createDirectories(retired);
      Path retiredFile = retired.resolve(STAMP.format(now) + SUFFIX);
      if (Files.exists(retiredFile)) {
        throw new KeyFileException(retiredFile, "already exists: rotate at most once a second");
      }
      PemFiles.writePublicKey(retiredFile, oldPublic);
      KeyPair fresh = KeyType.EC_P256.generateKeyPair();
      Path newPrivate = keysDir.resolve(currentPrivate.getFileName() + ".new");
      Path newPublic = keysDir.resolve(currentPublic.getFileName() + ".new");
      Files.deleteIfExists(newPrivate);
      Files.deleteIfExists(newPublic);
      PemFiles.writePrivateKey(newPrivate, fresh.getPrivate());
      PemFiles.writePublicKey(newPublic, fresh.getPublic());
      // Public first: a crash between the two moves leaves a mismatched pair that loading refuses
      // loudly, rather than a new private key whose public half nobody publishes.
      Files.move(newPublic, currentPublic, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.move(newPrivate, currentPrivate, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KeyFileException(keysDir, "rotation failed: " + e.getMessage(), e);
    }
  }

  /** The retired keys in {@code keysDir}, oldest first; none when the folder does not exist. */
  public static List<RetiredKey> retired(Path keysDir) {
    Path folder = keysDir.resolve(RETIRED_FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<RetiredKey> keys = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
        String name = file.getFileName().toString();
        Instant retiredAt;
        try {
          retiredAt = Instant.from(STAMP.parse(name.substring(0, name.length() - SUFFIX.length())));
        } catch (DateTimeParseException e) {
          throw new KeyFileException(file, "name must be the UTC time of retirement, like 20261122T140500Z.pub.pem");
        }
        PublicKey key = PemFiles.readPublicKey(file);
        if (!KeyType.EC_P256.matches(key)) {
          throw new KeyFileException(file, "must hold an EC P-256 public key");
        }
        keys.add(new RetiredKey(key, retiredAt));
      }
    } catch (IOException e) {
      throw new KeyFileException(folder, "cannot list: " + e.getMessage(), e);
    }
    keys.sort(Comparator.comparing(RetiredKey::retiredAt));
    return List.copyOf(keys);
  }
}
