package org.consentgateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the server folder of a data folder (see {@link DataLayout}). Normally it is the data
 * folder itself. When the gateway is root the server runs as uid {@value ServerUser#UNPRIVILEGED_ID},
 * which cannot reach a data folder inside a private home such as {@code /root} (mode 0700): then
 * the server's files live in {@code <fallbackRoot>/<name>-<digest of the data folder's real path>},
 * by default under {@value #DEFAULT_FALLBACK_ROOT}. The name depends only on the real path, so every
 * process and every restart finds the same folder, and two data folders never share one (the folder
 * records whose it is in {@value #DATA_FOLDER_FILE}, checked on every use).
 *
 * <p>The choice sticks: once a cluster lives in the fallback folder, later runs use it even if the
 * data folder has become reachable, so the data is never left behind. A cluster already in an
 * unreachable data folder is not moved; the caller's traversal check then names the folder that
 * blocks. Runs that are not root always use the data folder, as before.
 *
 * <p>Blocking; callers hold the data folder's lock.
 */
final class ServerHome {

  private static final Logger LOG = LoggerFactory.getLogger(ServerHome.class);

  /** Where server folders go when root's server user cannot reach the data folder. */
  static final String DEFAULT_FALLBACK_ROOT = "/var/lib/consent-gateway";
  /** In a fallback folder: the real path of the data folder it belongs to. */
  static final String DATA_FOLDER_FILE = "data-folder";
  /** Hex digits of SHA-256 in a fallback folder's name: 128 bits, no collision in practice. */
  private static final int DIGEST_HEX_DIGITS = 32;
  private static final int NAME_MAX_LENGTH = 40;

  private ServerHome() {}

  /**
   * The layout to use for {@code dataDir}, which exists. Logs once when the server's files live
   * outside the data folder, saying where and why.
   *
   * @param fallbackRoot the folder that holds fallback server folders
   * @throws EmbeddedPostgresException naming the blocking folders, when neither place can be used
   */
  static DataLayout locate(Path dataDir, ServerUser user, Path fallbackRoot) {
    DataLayout inPlace = new DataLayout(dataDir, dataDir);
    if (!user.switchesUser()) {
      return inPlace;
    }
    Path realDataDir = ServerUser.realPath(dataDir);
    DataLayout fallback = new DataLayout(dataDir, fallbackRoot.resolve(folderName(realDataDir)));
    Optional<ServerUser.BlockedFolder> blocked = blockedInPlace(inPlace, user);
    boolean movedEarlier = new Cluster(fallback, user).isInitialised();
    if (!movedEarlier && (blocked.isEmpty() || new Cluster(inPlace, user).isInitialised())) {
      return inPlace;
    }
    if (movedEarlier) {
      requireBelongsTo(fallback.serverDir(), realDataDir);
    } else {
      prepareFallback(fallback.serverDir(), realDataDir, user, blocked.orElseThrow());
    }
    LOG.info("The embedded PostgreSQL of the data folder {} keeps its files in {}: {}", dataDir, fallback.serverDir(),
        blocked.map(folder -> "it runs as uid " + ServerUser.UNPRIVILEGED_ID + " (PostgreSQL refuses root), and "
            + folder.describe()).orElse("they were put there while uid " + ServerUser.UNPRIVILEGED_ID
            + " could not reach the data folder"));
    return fallback;
  }

  /**
   * {@code <last name of the data folder>-<first 128 bits of SHA-256 of its real path, in hex>}:
   * readable in a listing, and the same for every path that resolves to the same folder.
   */
  static String folderName(Path realDataDir) {
    Path last = realDataDir.getFileName();
    String name = last == null ? "root" : last.toString().replaceAll("[^A-Za-z0-9._-]", "_");
    if (name.length() > NAME_MAX_LENGTH) {
      name = name.substring(0, NAME_MAX_LENGTH);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(realDataDir.toString().getBytes(StandardCharsets.UTF_8));
      return name + "-" + HexFormat.of().formatHex(digest).substring(0, DIGEST_HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** The data folder, or the binaries already extracted in it, out of the server user's reach. */
  private static Optional<ServerUser.BlockedFolder> blockedInPlace(DataLayout inPlace, ServerUser user) {
    return user.firstBlocked(inPlace.dataDir())
        .or(() -> Files.isDirectory(inPlace.binariesRoot()) ? user.firstBlocked(inPlace.binariesRoot()) : Optional.empty());
  }

  private static void prepareFallback(Path serverDir, Path realDataDir, ServerUser user, ServerUser.BlockedFolder blocked) {
    try {
      PostgresBinaries.createTraversableDirectory(serverDir.getParent());
      PostgresBinaries.createTraversableDirectory(serverDir);
    } catch (IOException e) {
      throw ServerUser.cannotEnter(blocked, " on the way to the data folder " + realDataDir + ", and the folder it would use "
          + "instead, " + serverDir + ", cannot be created (" + e.getMessage() + ")");
    }
    user.firstBlocked(serverDir).ifPresent(fallbackBlocked -> {
      throw ServerUser.cannotEnter(blocked, " on the way to the data folder " + realDataDir + ", and the folder it would "
          + "use instead, " + serverDir + ", is out of reach too: " + fallbackBlocked.describe());
    });
    requireBelongsTo(serverDir, realDataDir);
  }

  /** Records the data folder in a fresh server folder; fails if the folder is another data folder's. */
  private static void requireBelongsTo(Path serverDir, Path realDataDir) {
    Path record = serverDir.resolve(DATA_FOLDER_FILE);
    try {
      if (Files.exists(record)) {
        String owner = Files.readString(record, StandardCharsets.UTF_8).strip();
        if (!owner.equals(realDataDir.toString())) {
          throw new EmbeddedPostgresException(serverDir + " holds the embedded PostgreSQL of the data folder " + owner
              + ", not of " + realDataDir + "; it is never shared. Move it away, or set GATEWAY_DATA_DIR to a folder that "
              + "uid " + ServerUser.UNPRIVILEGED_ID + " can reach");
        }
        return;
      }
      Path temporary = serverDir.resolve(DATA_FOLDER_FILE + ".tmp");
      Files.writeString(temporary, realDataDir + "\n", StandardCharsets.UTF_8);
      Files.move(temporary, record, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot record the data folder in " + record + ": " + e.getMessage(), e);
    }
  }
}
