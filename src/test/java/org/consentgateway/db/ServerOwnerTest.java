package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether the process an owner file names still owns the server: the same pid counts only with
 * the same start, and "the same" allows the second by which two JVMs' views of it can differ.
 */
class ServerOwnerTest {

  @TempDir
  Path folder;

  private final long pid = ProcessHandle.current().pid();
  private final long started = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();

  @Test
  void theOwnerClaimingIsLive() {
    Path file = folder.resolve("postgres.owner");
    ServerOwner.claim(file);

    assertThat(ServerOwner.live(file)).contains(pid);
  }

  @Test
  void aStartSeenOneSecondApartIsTheSameProcess() throws Exception {
    // The kernel's boot time, in whole seconds, moves by one when the clock is slewed across a
    // second: another JVM then sees this process start 1 s and a tick later.
    Path file = Files.writeString(folder.resolve("postgres.owner"), pid + " " + (started - 1_010) + "\n");

    assertThat(ServerOwner.live(file)).contains(pid);
  }

  @Test
  void aPidReusedByALaterProcessIsNotTheOwner() throws Exception {
    Path file = Files.writeString(folder.resolve("postgres.owner"), pid + " " + (started - 60_000) + "\n");

    assertThat(ServerOwner.live(file)).isEmpty();
  }
}
