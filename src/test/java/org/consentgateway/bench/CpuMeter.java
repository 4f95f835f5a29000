package org.consentgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time of named processes, from {@code /proc/<pid>/stat} (Linux: utime and stime). A process
 * marked as a postmaster counts with its backends, live and finished: a benchmark's database work is
 * theirs. Readings are in seconds, as a vector in the order the processes were named.
 */
public final class CpuMeter {

  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  private final List<Measured> processes;

  private CpuMeter(List<Measured> processes) {
    this.processes = List.copyOf(processes);
  }

  /** A process measured under {@code name}; with {@code postmaster}, its children too. */
  public record Measured(String name, long pid, boolean postmaster) {}

  public static CpuMeter of(Measured... processes) {
    return new CpuMeter(List.of(processes));
  }

  /** This JVM and the PostgreSQL whose data folder (PGDATA) is {@code pgdata}, named "JVM" and "PostgreSQL". */
  public static CpuMeter thisJvmAndPostgres(Path pgdata) {
    long postmaster;
    try {
      postmaster = Long.parseLong(Files.readAllLines(pgdata.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(new Measured("JVM", ProcessHandle.current().pid(), false), new Measured("PostgreSQL", postmaster, true));
  }

  /** CPU seconds used so far by each process, in order. */
  public double[] seconds() {
    double[] used = new double[processes.size()];
    for (int i = 0; i < used.length; i++) {
      Measured process = processes.get(i);
      long ticks = ticks(process.pid(), process.postmaster());
      if (process.postmaster()) {
        ticks += childrenTicks(process.pid());
      }
      used[i] = ticks / TICKS_PER_SECOND;
    }
    return used;
  }

  /** CPU seconds used by each process since {@code before} (an earlier {@link #seconds()}). */
  private double[] since(double[] before) {
    double[] now = seconds();
    double[] used = new double[now.length];
    for (int i = 0; i < now.length; i++) {
      used[i] = now[i] - before[i];
    }
    return used;
  }

  /**
   * "JVM 1.20 cores (35.1 µs an entry), PostgreSQL ...": what each used since {@code before}, over
   * {@code seconds} and {@code units}, each named {@code perUnit} ("an entry", "a call").
   */
  public String describe(double[] before, double seconds, long units, String perUnit) {
    double[] used = since(before);
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < used.length; i++) {
      parts.add(String.format("%s %.2f cores (%.1f µs %s)", processes.get(i).name(), used[i] / seconds, 1e6 * used[i] / units, perUnit));
    }
    return String.join(", ", parts);
  }

  private static long childrenTicks(long parent) {
    long total = 0;
    try (var all = Files.list(Path.of("/proc"))) {
      for (Path process : all.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
        String[] stat = stat(process.resolve("stat"));
        if (stat.length > 12 && stat[1].equals(Long.toString(parent))) {
          total += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }

  // With children: the finished ones' times too (cutime, cstime), which their parent collected.
  private static long ticks(long pid, boolean withFinishedChildren) {
    String[] stat = stat(Path.of("/proc", Long.toString(pid), "stat"));
    if (stat.length < 15) {
      return 0;
    }
    long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    return withFinishedChildren ? ticks + Long.parseLong(stat[13]) + Long.parseLong(stat[14]) : ticks;
  }

  // The fields after the command name (which may hold spaces, in parentheses): state, ppid, ...; utime is [11].
  private static String[] stat(Path file) {
    try {
      String line = Files.readString(file);
      return line.substring(line.lastIndexOf(')') + 2).split(" ");
    } catch (IOException e) {
      return new String[0]; // a process that ended meanwhile
    }
  }
}
