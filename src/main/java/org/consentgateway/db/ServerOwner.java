package org.consentgateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The owner file ({@code <pid> <start epoch millis>}): which process started or adopted the
 * embedded server and will stop it. A server whose owner is alive is only borrowed; a server whose
 * owner is gone (a killed gateway) is adopted by the next process that starts.
 */
final class ServerOwner {

  /**
   * How far two processes' views of one process's start time may differ. The JDK derives it from
   * the kernel's boot time in whole seconds, which moves by one second when the wall clock is
   * slewed across a second's boundary: seen from two JVMs, one start may differ by 1 s plus a clock
   * tick. A reused pid started within 3 s of the dead owner is not a case to guard against.
   */
  private static final long START_TIME_TOLERANCE_MILLIS = 3_000;

  private ServerOwner() {}

  /** Records this JVM as the process that will stop the server. */
  static void claim(Path ownerFile) {
    ProcessHandle self = ProcessHandle.current();
    long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    Path temporary = ownerFile.resolveSibling(ownerFile.getFileName() + ".tmp");
    try {
      Files.writeString(temporary, self.pid() + " " + started + "\n", StandardCharsets.UTF_8);
      Files.move(temporary, ownerFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot write " + ownerFile + ": " + e.getMessage(), e);
    }
  }

  /** The live process (this JVM included) that will stop the server, if any. */
  static Optional<Long> live(Path ownerFile) {
    String[] fields;
    try {
      fields = Files.readString(ownerFile, StandardCharsets.UTF_8).trim().split("\\s+");
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(fields[0]);
      long started = fields.length > 1 ? Long.parseLong(fields[1]) : -1;
      return LiveProcess.of(pid)
          // Same pid but another start time: the owner died and its pid was reused.
          .filter(process -> started < 0 || process.info().startInstant()
              .map(instant -> Math.abs(instant.toEpochMilli() - started) <= START_TIME_TOLERANCE_MILLIS)
              .orElse(true))
          .map(ProcessHandle::pid);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void release(Path ownerFile) {
    try {
      Files.deleteIfExists(ownerFile);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot delete " + ownerFile + ": " + e.getMessage(), e);
    }
  }
}
