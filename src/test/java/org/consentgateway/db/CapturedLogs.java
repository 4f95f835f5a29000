package org.consentgateway.db;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The lines one logger (and those under it) writes while this is open, as the level and the
 * formatted message. Logback's own appender chain, so what the filters of logback-test.xml drop
 * is not seen here either.
 */
public final class CapturedLogs implements AutoCloseable {

  private final Logger logger;
  private final AppenderBase<ILoggingEvent> appender;
  private final List<ILoggingEvent> events = new ArrayList<>();

  private CapturedLogs(String loggerName) {
    this.logger = (Logger) LoggerFactory.getLogger(loggerName);
    this.appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        synchronized (events) {
          events.add(event);
        }
      }
    };
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
  }

  /** Everything {@code type}'s logger writes. */
  public static CapturedLogs of(Class<?> type) {
    return new CapturedLogs(type.getName());
  }

  /** Everything every logger writes. */
  public static CapturedLogs all() {
    return new CapturedLogs(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  /** "LEVEL message" per line so far, in order. */
  public List<String> lines() {
    synchronized (events) {
      return events.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }
  }

  /** The lines at {@code level} so far. */
  public List<String> lines(Level level) {
    return lines().stream().filter(line -> line.startsWith(level + " ")).toList();
  }

  /** How many lines so far carry a stack trace. */
  public long stackTraces() {
    synchronized (events) {
      return events.stream().filter(event -> event.getThrowableProxy() != null).count();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
