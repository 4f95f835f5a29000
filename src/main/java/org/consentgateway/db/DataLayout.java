package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the embedded server keeps its files for one gateway data folder. The lock is always in
 * the data folder, so every process of that folder takes the same lock before it looks further;
 * the server's own files live in the server folder, which {@link ServerHome} chooses: the data
 * folder itself, or a folder of its own when the server user cannot reach the data folder.
 *
 * @param dataDir the gateway's data folder, absolute and normalised
 * @param serverDir the folder holding the cluster, binaries, password, log and owner file
 */
record DataLayout(Path dataDir, Path serverDir) {

  DataLayout {
    requireNonNull(dataDir, "dataDir is null");
    requireNonNull(serverDir, "serverDir is null");
    dataDir = dataDir.toAbsolutePath().normalize();
    serverDir = serverDir.toAbsolutePath().normalize();
  }

  /** Serialises start and stop decisions across processes (and the choice of the server folder). */
  static Path lockFile(Path dataDir) {
    return dataDir.toAbsolutePath().normalize().resolve("postgres.lock");
  }

  Path lockFile() {
    return lockFile(dataDir);
  }

  /** PGDATA: the cluster itself. */
  Path pgdata() {
    return serverDir.resolve("postgres");
  }

  /** Extracted server binaries, one folder per version. */
  Path binariesRoot() {
    return serverDir.resolve("postgres-binaries");
  }

  /** The generated password of the {@code gateway} role (mode 0600). */
  Path passwordFile() {
    return serverDir.resolve("postgres.password");
  }

  /** Which process will stop the running server: {@code <pid> <start epoch millis>}. */
  Path ownerFile() {
    return serverDir.resolve("postgres.owner");
  }

  /** The server's own log ({@code pg_ctl -l}). */
  Path logFile() {
    return serverDir.resolve("postgres.log");
  }
}
