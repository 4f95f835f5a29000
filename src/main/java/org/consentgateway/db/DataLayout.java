package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the embedded server keeps its files inside the gateway's data folder.
 *
 * @param dataDir the gateway's data folder, absolute and normalised
 */
record DataLayout(Path dataDir) {

  DataLayout {
    requireNonNull(dataDir, "dataDir is null");
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** PGDATA: the cluster itself. */
  Path pgdata() {
    return dataDir.resolve("postgres");
  }

  /** Extracted server binaries, one folder per version. */
  Path binariesRoot() {
    return dataDir.resolve("postgres-binaries");
  }

  /** The generated password of the {@code gateway} role (mode 0600). */
  Path passwordFile() {
    return dataDir.resolve("postgres.password");
  }

  /** Which process will stop the running server: {@code <pid> <start epoch millis>}. */
  Path ownerFile() {
    return dataDir.resolve("postgres.owner");
  }

  /** Serialises start and stop decisions across processes. */
  Path lockFile() {
    return dataDir.resolve("postgres.lock");
  }

  /** The server's own log ({@code pg_ctl -l}). */
  Path logFile() {
    return dataDir.resolve("postgres.log");
  }
}
