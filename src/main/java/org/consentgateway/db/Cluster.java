package org.consentgateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster in PGDATA and the password of its {@code gateway} role: created once with
 * {@code initdb}, reused on every later start. Callers hold the data folder's lock.
 */
final class Cluster {

  private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

  static final int PASSWORD_LENGTH = 32;
  private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  private static final String INIT_MARKER = "postgres.init-";
  private static final String PWFILE_MARKER = ".initdb-";

  /** Appended to postgresql.conf: loopback only, no Unix socket (no /var/run/postgresql needed), small. */
  private static final String SETTINGS = """

      # Consent Gateway embedded server (written once by EmbeddedPostgres)
      listen_addresses = '127.0.0.1'
      unix_socket_directories = ''
      max_connections = 100
      shared_buffers = 128MB
      logging_collector = off
      """;

  private final DataLayout layout;
  private final ServerUser user;

  Cluster(DataLayout layout, ServerUser user) {
    this.layout = layout;
    this.user = user;
  }

  boolean isInitialised() {
    return Files.isRegularFile(layout.pgdata().resolve("PG_VERSION"));
  }

  /**
   * Runs {@code initdb} into a temporary sibling of PGDATA and renames it, so a killed
   * {@code initdb} never leaves a half-made cluster behind. Writes the password file first.
   */
  void initialise(PostgresProcess postgres) {
    String password = generatePassword();
    Path staging = layout.serverDir().resolve(INIT_MARKER + UUID.randomUUID());
    Path pwfile = layout.serverDir().resolve(PWFILE_MARKER + UUID.randomUUID() + ".pw");
    try {
      deleteLeftovers();
      Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      user.chown(staging);
      writePrivateFile(pwfile, password);
      user.chown(pwfile);
      postgres.initdb(staging, pwfile);
      Files.writeString(staging.resolve("postgresql.conf"), SETTINGS, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      writePassword(password);
      Files.move(staging, layout.pgdata(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot initialise the PostgreSQL cluster in " + layout.pgdata() + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(pwfile);
      deleteQuietly(staging);
    }
    LOG.info("Initialised a PostgreSQL cluster in {}", layout.pgdata());
  }

  /**
   * Fails when the gateway is not root and PGDATA belongs to someone else (made by a run as root):
   * PostgreSQL only runs as the owner of its data, and only root can hand it over.
   */
  void requireNotForeign() {
    ownerUid().filter(owner -> !user.switchesUser() && owner != user.serverUid()).ifPresent(owner -> {
      throw new EmbeddedPostgresException(layout.pgdata() + " belongs to uid " + owner + " but the gateway runs as uid "
          + user.gatewayUid() + ", and PostgreSQL only runs as the owner of its data; run the gateway as root or as uid "
          + owner + ", or (as root) chown -R " + user.gatewayUid() + " " + layout.pgdata());
    });
  }

  /** As root, hands PGDATA to the server user (a cluster made by an earlier run that was not root). */
  void handToServerUser() {
    if (user.switchesUser() && ownerUid().filter(owner -> owner != user.serverUid()).isPresent()) {
      user.chownRecursively(layout.pgdata());
    }
  }

  private Optional<Integer> ownerUid() {
    try {
      return Optional.of((Integer) Files.getAttribute(layout.pgdata(), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty(); // absent, or cannot tell: PostgreSQL checks again and logs why
    }
  }

  String readPassword() {
    try {
      return Files.readString(layout.passwordFile(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot read the embedded database password from " + layout.passwordFile()
          + " (" + e.getMessage() + "); it is written when the cluster in " + layout.pgdata() + " is created", e);
    }
  }

  private void writePassword(String password) throws IOException {
    Path temporary = layout.passwordFile().resolveSibling(layout.passwordFile().getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    writePrivateFile(temporary, password + "\n");
    Files.move(temporary, layout.passwordFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Creates {@code file} with mode 0600 from the start, so the secret is never readable by others. */
  private static void writePrivateFile(Path file, String content) throws IOException {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private void deleteLeftovers() throws IOException {
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(layout.serverDir(),
        entry -> entry.getFileName().toString().startsWith(INIT_MARKER)
            || entry.getFileName().toString().startsWith(PWFILE_MARKER))) {
      for (Path leftover : leftovers) {
        PostgresBinaries.deleteRecursively(leftover);
      }
    }
  }

  static String generatePassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
    for (int i = 0; i < PASSWORD_LENGTH; i++) {
      password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
    }
    return password.toString();
  }

  private static void deleteQuietly(Path path) {
    try {
      PostgresBinaries.deleteRecursively(path);
    } catch (IOException e) {
      // a leftover is removed by the next initialisation
    }
  }
}
