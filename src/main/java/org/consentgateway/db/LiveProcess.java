package org.consentgateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Process liveness that, unlike {@link ProcessHandle#isAlive()}, counts a zombie as dead. */
final class LiveProcess {

  private LiveProcess() {}

  /**
   * The running process with this pid. A killed process stays a zombie until its parent reaps it
   * (some container init processes take their time); it holds no port and owns nothing.
   */
  static Optional<ProcessHandle> of(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> !isZombie(pid));
  }

  /**
   * True when the process has exited and its parent has not reaped it yet. proc(5): the state is
   * the first field after the parenthesised command name.
   */
  static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      int afterName = stat.lastIndexOf(')');
      char state = afterName < 0 || afterName + 2 >= stat.length() ? '?' : stat.charAt(afterName + 2);
      return state == 'Z' || state == 'X';
    } catch (IOException e) {
      return false; // no /proc (macOS): trust ProcessHandle
    }
  }
}
