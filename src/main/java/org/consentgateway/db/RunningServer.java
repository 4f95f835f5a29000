package org.consentgateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A server already running on PGDATA, found through {@code postmaster.pid} (line 1 the pid, line 4
 * the port).
 *
 * @param pid the postmaster's process id
 * @param port the port it listens on
 */
record RunningServer(long pid, int port) {

  /**
   * The server whose postmaster is alive, if any. A postmaster.pid naming a dead process (or a pid
   * since reused by another program) is stale: PostgreSQL replaces it on start.
   */
  static Optional<RunningServer> find(Path pgdata) {
    return recorded(pgdata).filter(RunningServer::isPostmasterAlive);
  }

  /**
   * True when the postmaster named in postmaster.pid has died but its parent has not reaped it yet.
   * PostgreSQL refuses to start over the lock file of a process that still exists, a zombie
   * included; deleting the file would also skip its check that no old backend still uses the
   * shared memory, so the only safe thing is to wait.
   */
  static boolean awaitsReaping(Path pgdata) {
    return recorded(pgdata)
        .filter(server -> ProcessHandle.of(server.pid()).isPresent() && LiveProcess.isZombie(server.pid()))
        .isPresent();
  }

  /** What postmaster.pid says, whether or not that process lives. */
  private static Optional<RunningServer> recorded(Path pgdata) {
    List<String> lines;
    try {
      lines = Files.readAllLines(pgdata.resolve("postmaster.pid"), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot read " + pgdata.resolve("postmaster.pid") + ": " + e.getMessage(), e);
    }
    if (lines.size() < 4) {
      return Optional.empty(); // a postmaster killed while writing it; PostgreSQL rewrites it
    }
    try {
      return Optional.of(new RunningServer(Long.parseLong(lines.get(0).trim()), Integer.parseInt(lines.get(3).trim())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private boolean isPostmasterAlive() {
    return LiveProcess.of(pid)
        // An unreadable command (another user's process) counts as the postmaster.
        .map(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(true))
        .orElse(false);
  }
}
