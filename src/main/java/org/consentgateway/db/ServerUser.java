package org.consentgateway.db;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The operating-system user the PostgreSQL processes run as. PostgreSQL refuses to run as root, so
 * when the gateway is root the server runs as the unprivileged uid/gid {@value #UNPRIVILEGED_ID}
 * (via {@code setpriv}) and owns its files; otherwise it runs as the gateway's own user.
 */
final class ServerUser {

  /** {@code nobody}/{@code nogroup} on Debian, Ubuntu, Alpine and RHEL. */
  static final int UNPRIVILEGED_ID = 65534;

  private final int gatewayUid;

  private ServerUser(int gatewayUid) {
    this.gatewayUid = gatewayUid;
  }

  static ServerUser detect() {
    return new ServerUser(currentUid());
  }

  /** True when the gateway is root, so the server runs as {@value #UNPRIVILEGED_ID}. */
  boolean switchesUser() {
    return gatewayUid == 0;
  }

  /** The uid the server processes run as. */
  int serverUid() {
    return switchesUser() ? UNPRIVILEGED_ID : gatewayUid;
  }

  int gatewayUid() {
    return gatewayUid;
  }

  /** The command line that runs {@code command} as the server user. */
  List<String> command(List<String> command) {
    if (!switchesUser()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of(setpriv(),
        "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Hands {@code path} (not what is under it) to the server user; nothing to do unless root. */
  void chown(Path path) {
    if (switchesUser()) {
      setOwner(path);
    }
  }

  /** Hands {@code root} and everything under it to the server user; nothing to do unless root. */
  void chownRecursively(Path root) {
    if (!switchesUser()) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.forEach(ServerUser::setOwner);
    } catch (IOException | UncheckedIOException e) {
      throw new EmbeddedPostgresException("cannot hand " + root + " to uid " + UNPRIVILEGED_ID + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails, naming the folder, when the server user cannot enter {@code dir} or one of its parents
   * (search permission). Only root switches user, so only then can this fail.
   */
  void requireTraversable(Path dir) {
    firstBlocked(dir).ifPresent(blocked -> {
      throw cannotEnter(blocked, "");
    });
  }

  /**
   * The first folder on the real path of {@code dir}, from the root down, that the server user may
   * not enter; empty when it may enter them all, or when the gateway is not root.
   */
  Optional<BlockedFolder> firstBlocked(Path dir) {
    if (!switchesUser()) {
      return Optional.empty();
    }
    Path real = realPath(dir);
    List<Path> folders = new ArrayList<>(List.of(real.getRoot()));
    for (Path name : real) {
      folders.add(folders.get(folders.size() - 1).resolve(name));
    }
    return folders.stream().map(ServerUser::checkSearchable).flatMap(Optional::stream).findFirst();
  }

  /**
   * The error for a folder that keeps the server user out: what happened, and what to do.
   *
   * @param context more of what was tried, joined after the blocked folder (empty for nothing)
   */
  static EmbeddedPostgresException cannotEnter(BlockedFolder blocked, String context) {
    Path dir = blocked.folder();
    return new EmbeddedPostgresException("the embedded PostgreSQL must run as uid " + UNPRIVILEGED_ID
        + " because the gateway runs as root (PostgreSQL refuses to run as root), but " + blocked.describe() + context
        + ". Set GATEWAY_DATA_DIR to a folder under /var/lib or /tmp, or make " + dir
        + " traversable (chmod o+x " + dir + "), or set GATEWAY_DB_URL to use an external PostgreSQL");
  }

  /**
   * A folder the server user may not enter.
   *
   * @param folder the folder
   * @param mode its permission bits
   * @param ownerUid its owner
   */
  record BlockedFolder(Path folder, int mode, int ownerUid) {

    String describe() {
      return "uid " + UNPRIVILEGED_ID + " cannot enter " + folder + " (mode " + String.format("%04o", mode & 07777)
          + ", owner uid " + ownerUid + ")";
    }
  }

  private static Optional<BlockedFolder> checkSearchable(Path dir) {
    Map<String, Object> attributes;
    try {
      attributes = Files.readAttributes(dir, "unix:mode,uid,gid");
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // cannot tell; PostgreSQL will report it if it matters
    }
    int mode = (Integer) attributes.get("mode");
    int uid = (Integer) attributes.get("uid");
    int gid = (Integer) attributes.get("gid");
    // The kernel checks owner bits, else group bits, else other bits (setpriv --clear-groups: no extra groups).
    int searchBit = uid == UNPRIVILEGED_ID ? 0100 : gid == UNPRIVILEGED_ID ? 010 : 01;
    return (mode & searchBit) == 0 ? Optional.of(new BlockedFolder(dir, mode, uid)) : Optional.empty();
  }

  static Path realPath(Path dir) {
    try {
      return dir.toRealPath();
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot resolve " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void setOwner(Path path) {
    try {
      Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String setpriv() {
    return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin").split(File.pathSeparator))
        .map(dir -> Path.of(dir, "setpriv"))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst()
        .orElseThrow(() -> new EmbeddedPostgresException("the gateway runs as root and PostgreSQL refuses to run as root,"
            + " but setpriv (util-linux) is not installed to run it as uid " + UNPRIVILEGED_ID
            + "; install util-linux, run the gateway as an ordinary user, or set GATEWAY_DB_URL to use an external PostgreSQL"));
  }

  /** The effective uid: /proc on Linux, else the owner of a file this process creates. */
  private static int currentUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.substring(4).trim().split("\\s+")[1]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux; fall through
    }
    try {
      Path probe = Files.createTempFile("consent-gateway-uid", ".probe");
      try {
        return (Integer) Files.getAttribute(probe, "unix:uid");
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new EmbeddedPostgresException("cannot tell which user the gateway runs as: " + e.getMessage(), e);
    }
  }
}
