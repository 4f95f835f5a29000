package org.consentgateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** Process liveness that, unlike {@link ProcessHandle#isAlive()}, counts a zombie as dead. */
final class LiveProcess {

  /** proc(5) numbers the fields of {@code stat} from 1: the state is field 3, the start time field 22. */
  private static final int STATE_FIELD = 3;
  private static final int START_TIME_FIELD = 22;

  private LiveProcess() {}

  /**
   * The running process with this pid. A killed process stays a zombie until its parent reaps it
   * (some container init processes take their time); it holds no port and owns nothing.
   */
  static Optional<ProcessHandle> of(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> !isZombie(pid));
  }

  /** True when the process has exited and its parent has not reaped it yet. */
  static boolean isZombie(long pid) {
    return statFieldsAfterName(pid)
        .map(fields -> fields[0].equals("Z") || fields[0].equals("X"))
        .orElse(false); // no /proc (macOS): trust ProcessHandle
  }

  /**
   * When the process started, in clock ticks since boot, as the kernel keeps it: unlike a wall-clock
   * start time it reads the same from every process, however the clock has been set meanwhile.
   * Empty without /proc.
   */
  static OptionalLong startTicks(long pid) {
    return statFieldsAfterName(pid)
        .filter(fields -> fields.length > START_TIME_FIELD - STATE_FIELD)
        .map(fields -> parse(fields[START_TIME_FIELD - STATE_FIELD]))
        .orElse(OptionalLong.empty());
  }

  /** The fields of {@code /proc/<pid>/stat} from the state on: the command name before them may hold spaces. */
  private static Optional<String[]> statFieldsAfterName(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
      int afterName = stat.lastIndexOf(')');
      if (afterName < 0 || afterName + 2 >= stat.length()) {
        return Optional.empty();
      }
      return Optional.of(stat.substring(afterName + 2).trim().split(" "));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static OptionalLong parse(String field) {
    try {
      return OptionalLong.of(Long.parseLong(field));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
