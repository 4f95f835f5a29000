package org.consentgateway.wiring;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Marker;

/**
 * Keeps a failure that repeats from filling the log: of the lines one logger writes with one
 * message pattern at one level, at most {@code burst} per {@code window} pass (a stack trace with
 * them); the first one left out says so, and the first one after the window says how many were.
 * During a database outage every request fails the same way, and the operator needs to read that
 * it does, not thousands of times.
 *
 * <p>Lines below INFO, and loggers listed in {@code exempt} (those that limit themselves, such as
 * the database health watcher), pass untouched. Keys are the code's message patterns, never the
 * arguments, so the notices repeat no value a line carried; digits count as one, so a library's
 * message with a port or a duration built into it is one line however the numbers change. Configured in logback.xml:
 *
 * <pre>{@code <turboFilter class="org.consentgateway.wiring.LogFloodFilter"><burst>5</burst>
 *   <windowSeconds>60</windowSeconds><exempt>org.consentgateway.db.DatabaseHealth</exempt></turboFilter>}</pre>
 */
public final class LogFloodFilter extends TurboFilter {

  public static final int DEFAULT_BURST = 5;
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
  /** Patterns are the code's, so few; a logger building its messages by concatenation could still make many. */
  private static final int MAX_KEYS = 10_000;
  private static final int MAX_PATTERN_CHARS = 160;
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final LongSupplier nanoTime;
  private final Map<Key, Window> windows = new ConcurrentHashMap<>();
  private int burst = DEFAULT_BURST;
  private long windowNanos = DEFAULT_WINDOW.toNanos();
  private List<String> exempt = List.of();

  /** As logback builds it: the system's monotonic clock. */
  public LogFloodFilter() {
    this(System::nanoTime);
  }

  /** With a clock of the caller's (tests move their own). */
  public LogFloodFilter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  public void setBurst(int burst) {
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
    this.burst = burst;
  }

  public void setWindowSeconds(int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("windowSeconds must be at least 1, was " + seconds);
    }
    this.windowNanos = Duration.ofSeconds(seconds).toNanos();
  }

  /** Comma-separated logger names (a name covers the loggers under it) that are never limited. */
  public void setExempt(String loggerNames) {
    this.exempt = Arrays.stream(loggerNames.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList();
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    // isEnabledFor would call this filter again; the effective level does not.
    if (format == null || !level.isGreaterOrEqual(Level.INFO) || !level.isGreaterOrEqual(logger.getEffectiveLevel())
        || isExempt(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    if (windows.size() > MAX_KEYS) {
      windows.clear();
    }
    // Numbers a library concatenated into its message (a port, a thread, milliseconds) make no new line.
    String pattern = DIGITS.matcher(format).replaceAll("#");
    Window window = windows.computeIfAbsent(new Key(logger.getName(), level, pattern), key -> new Window());
    Admission admission = window.admit(nanoTime.getAsLong(), burst, windowNanos);
    Logger notices = logger.getLoggerContext().getLogger(LogFloodFilter.class);
    long windowSeconds = Duration.ofNanos(windowNanos).toSeconds();
    return switch (admission.verdict()) {
      case PASS -> {
        if (admission.leftOut() > 0) {
          notices.info("{} more lines from {} like the next were left out in the last {} s", admission.leftOut(),
              logger.getName(), windowSeconds);
        }
        yield FilterReply.NEUTRAL;
      }
      case FIRST_LEFT_OUT -> {
        // A warning when warnings or errors are left out; lines of information are only noted.
        String notice = "{} lines from {} alike ({} \"{}\") in {} s: more are left out until the window ends";
        Object[] arguments = {burst, logger.getName(), level, abbreviated(format), windowSeconds};
        if (level.isGreaterOrEqual(Level.WARN)) {
          notices.warn(notice, arguments);
        } else {
          notices.info(notice, arguments);
        }
        yield FilterReply.DENY;
      }
      case LEFT_OUT -> FilterReply.DENY;
    };
  }

  private static String abbreviated(String format) {
    String line = format.lines().findFirst().orElse("");
    return line.length() <= MAX_PATTERN_CHARS ? line : line.substring(0, MAX_PATTERN_CHARS) + "...";
  }

  private boolean isExempt(String loggerName) {
    if (loggerName.equals(LogFloodFilter.class.getName())) {
      return true; // its own notices, which the limit of each key already bounds
    }
    for (String name : exempt) {
      if (loggerName.equals(name) || loggerName.startsWith(name + ".")) {
        return true;
      }
    }
    return false;
  }

  private record Key(String logger, Level level, String format) {}

  private enum Verdict { PASS, FIRST_LEFT_OUT, LEFT_OUT }

  /** @param leftOut lines left out in the window that just ended, reported once with the first that passes */
  private record Admission(Verdict verdict, long leftOut) {}

  /** One key's current window. */
  private static final class Window {
    private long startNanos;
    private boolean started;
    private int passed;
    private long leftOut;

    synchronized Admission admit(long now, int burst, long windowNanos) {
      long carried = 0;
      if (!started || now - startNanos >= windowNanos) {
        carried = leftOut;
        started = true;
        startNanos = now;
        passed = 0;
        leftOut = 0;
      }
      if (passed < burst) {
        passed++;
        return new Admission(Verdict.PASS, carried);
      }
      leftOut++;
      return new Admission(leftOut == 1 ? Verdict.FIRST_LEFT_OUT : Verdict.LEFT_OUT, carried);
    }
  }
}
