package org.consentgateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The owner file ({@code <pid> <start epoch millis> <start clock ticks>}): which process started or
 * adopted the embedded server and will stop it. A server whose owner is alive is only borrowed; a
 * server whose owner is gone (a killed gateway) is adopted by the next process that starts. The
 * start tells the owner from a later process that reuses its pid: in clock ticks since boot where
 * /proc has them (exact, whatever the wall clock did), else as a wall-clock instant.
 */
final class ServerOwner {

  /**
   * How far two processes' views of one process's start instant may differ. The JDK derives it from
   * the kernel's boot time, which each JVM reads once, in whole seconds, as the wall clock then put
   * it: a clock slewed or stepped since moves it. Only for owner files without clock ticks, or
   * systems without /proc. A reused pid started within 3 s of the dead owner is not a case to guard
   * against.
   */
  private static final long START_TIME_TOLERANCE_MILLIS = 3_000;

  private ServerOwner() {}

  /** Records this JVM as the process that will stop the server. */
  static void claim(Path ownerFile) {
    ProcessHandle self = ProcessHandle.current();
    long started = self.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    long startTicks = LiveProcess.startTicks(self.pid()).orElse(-1L);
    Path temporary = ownerFile.resolveSibling(ownerFile.getFileName() + ".tmp");
    try {
      Files.writeString(temporary, self.pid() + " " + started + " " + startTicks + "\n", StandardCharsets.UTF_8);
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
      long startTicks = fields.length > 2 ? Long.parseLong(fields[2]) : -1;
      // Same pid but another start: the owner died and its pid was reused.
      return LiveProcess.of(pid).filter(process -> sameStart(process, started, startTicks)).map(ProcessHandle::pid);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean sameStart(ProcessHandle process, long started, long startTicks) {
    OptionalLong ticks = LiveProcess.startTicks(process.pid());
    if (startTicks >= 0 && ticks.isPresent()) {
      return ticks.getAsLong() == startTicks;
    }
    return started < 0 || process.info().startInstant()
        .map(instant -> Math.abs(instant.toEpochMilli() - started) <= START_TIME_TOLERANCE_MILLIS)
        .orElse(true);
  }

  static void release(Path ownerFile) {
    try {
      Files.deleteIfExists(ownerFile);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot delete " + ownerFile + ": " + e.getMessage(), e);
    }
  }
}
