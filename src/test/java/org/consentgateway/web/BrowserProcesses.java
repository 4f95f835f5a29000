package org.consentgateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A browser's fresh profile folder ({@code --user-data-dir}) and the processes that run on it:
 * what a browser must leave behind when it closes is neither.
 *
 * <p>The processes are found by their command lines, which name the profile: the browser and the
 * helpers it starts carry {@code --user-data-dir=<profile>} or a path inside it, and the
 * ChromeDriver that started the browser is the browser's parent.
 */
final class BrowserProcesses implements AutoCloseable {

  /** How long a process that was told to stop may take before it is killed. */
  private static final long EXIT_GRACE_SECONDS = 10;

  private final Path profile;

  private BrowserProcesses(Path profile) {
    this.profile = profile;
  }

  static BrowserProcesses withFreshProfile() {
    try {
      return new BrowserProcesses(Files.createTempDirectory("consent-gateway-chromium-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path profile() {
    return profile;
  }

  /** The ChromeDriver that started the browser, and every process now running on the profile or under that driver. */
  List<ProcessHandle> tree() {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    // Only a process this JVM started counts as the driver: a helper that was handed to init
    // must not make init, and with it the whole machine, part of the tree.
    List<ProcessHandle> started = ProcessHandle.current().descendants().toList();
    for (ProcessHandle process : started) {
      if (runsOnProfile(process)) {
        process.parent().filter(parent -> started.contains(parent) && !runsOnProfile(parent)).ifPresent(driver -> {
          tree.add(driver);
          driver.descendants().forEach(tree::add);
        });
      }
    }
    ProcessHandle.allProcesses().filter(this::runsOnProfile).forEach(tree::add);
    return List.copyOf(tree);
  }

  private boolean runsOnProfile(ProcessHandle process) {
    String location = profile.toString();
    return process.info().arguments().map(arguments -> Arrays.stream(arguments).anyMatch(argument -> argument.contains(location)))
        .orElse(false);
  }

  /**
   * Waits for each of {@code processes} to end once the driver has quit, killing any that has not
   * after a grace period. (Chromium's zygotes end with the browser but are reaped by init, which
   * on some machines takes a second or two; until then they count as alive.)
   */
  void awaitExit(List<ProcessHandle> processes) {
    for (ProcessHandle process : processes) {
      if (!exited(process)) {
        process.destroyForcibly();
        exited(process);
      }
    }
  }

  private static boolean exited(ProcessHandle process) {
    try {
      process.onExit().get(EXIT_GRACE_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Deletes the profile folder and everything in it. */
  @Override
  public void close() {
    if (!Files.exists(profile)) {
      return;
    }
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
