package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether the process an owner file names still owns the server: the same pid counts only with
 * the same start. The kernel's clock ticks since boot say it exactly, however the wall clock moved;
 * files without them compare wall-clock starts, allowing the second by which two JVMs' views differ.
 */
class ServerOwnerTest {

  @TempDir
  Path folder;

  private final long pid = ProcessHandle.current().pid();
  private final long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
  private final long startTicks = LiveProcess.startTicks(pid).orElseThrow();

  @Test
  void theOwnerClaimingIsLive() {
    Path file = folder.resolve("postgres.owner");
    ServerOwner.claim(file);

    assertThat(ServerOwner.live(file)).contains(pid);
  }

  @Test
  void theSameClockTickIsTheSameProcessHoweverFarTheWallClockMovedSince() throws Exception {
    // A JVM started before the clock was stepped by a minute sees this process start a minute off.
    Path file = Files.writeString(folder.resolve("postgres.owner"), pid + " " + (started - 60_000) + " " + startTicks + "\n");

    assertThat(ServerOwner.live(file)).contains(pid);
  }

  @Test
  void anotherClockTickIsAnotherProcessWithTheSamePid() throws Exception {
    Path file = Files.writeString(folder.resolve("postgres.owner"), pid + " " + started + " " + (startTicks - 1) + "\n");

    assertThat(ServerOwner.live(file)).isEmpty();
  }

  @Test
  void aStartSeenOneSecondApartIsTheSameProcess() throws Exception {
    // An owner file without clock ticks (written before they were kept). The kernel's boot time,
    // in whole seconds, moves by one when the clock is slewed across a second: another JVM then
    // sees this process start 1 s and a tick later.
    Path file = Files.writeString(folder.resolve("postgres.owner"), pid + " " + (started - 1_010) + "\n");

    assertThat(ServerOwner.live(file)).contains(pid);
  }

  @Test
  void aPidReusedByALaterProcessIsNotTheOwner() throws Exception {
    Path file = Files.writeString(folder.resolve("postgres.owner"), pid + " " + (started - 60_000) + "\n");

    assertThat(ServerOwner.live(file)).isEmpty();
  }
}
