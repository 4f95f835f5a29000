package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter in a logger context of its own, on a clock the test moves. */
class LogFloodFilterTest {

  private final LoggerContext context = new LoggerContext();
  private final List<String> written = new ArrayList<>();
  private long now;

  @BeforeEach
  void configure() {
    LogFloodFilter filter = new LogFloodFilter(() -> now);
    filter.setExempt(" quiet.Watcher , ");
    filter.setContext(context);
    filter.start();
    context.addTurboFilter(filter);
    AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
      @Override
      protected void append(ILoggingEvent event) {
        written.add(event.getLevel() + " " + event.getFormattedMessage());
      }
    };
    appender.setContext(context);
    appender.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(appender);
  }

  @Test
  void aLineThatRepeatsIsWrittenFiveTimesAMinuteAndSaysWhatWasLeftOut() {
    Logger routes = context.getLogger("some.Routes");
    for (int i = 0; i < 20; i++) {
      routes.error("request {} failed", "r" + i);
    }
    now += Duration.ofSeconds(60).toNanos();
    routes.error("request {} failed", "r20");

    assertThat(written).containsExactly(
        "ERROR request r0 failed", "ERROR request r1 failed", "ERROR request r2 failed", "ERROR request r3 failed",
        "ERROR request r4 failed",
        "WARN 5 lines from some.Routes alike (ERROR \"request {} failed\") in 60 s: more are left out until the window ends",
        "INFO 15 more lines from some.Routes like the next were left out in the last 60 s",
        "ERROR request r20 failed");
  }

  @Test
  void eachLoggerLevelAndPatternHasItsOwnAllowance() {
    for (int i = 0; i < 5; i++) {
      context.getLogger("one").warn("a {}", i);
      context.getLogger("two").warn("a {}", i);
      context.getLogger("one").error("a {}", i);
      context.getLogger("one").warn("b {}", i);
    }

    assertThat(written).hasSize(20).noneMatch(line -> line.contains("left out"));
  }

  @Test
  void numbersBuiltIntoAMessageDoNotMakeItANewLine() {
    for (int i = 0; i < 6; i++) {
      context.getLogger("io.vertx.core.impl.BlockedThreadChecker").warn("Thread vert.x-eventloop-thread-" + i
          + " has been blocked for " + (2000 + i * 137) + " ms");
    }

    assertThat(written).hasSize(6).last().asString()
        .startsWith("WARN 5 lines from io.vertx.core.impl.BlockedThreadChecker alike (WARN \"Thread vert.x-eventloop-thread-5");
  }

  @Test
  void exemptLoggersAndLinesBelowInfoAreNeverLimited() {
    context.getLogger("chatty").setLevel(Level.DEBUG);
    for (int i = 0; i < 10; i++) {
      context.getLogger("quiet.Watcher").warn("the database does not answer");
      context.getLogger("quiet.Watcher.Inner").info("back");
      context.getLogger("chatty").debug("detail {}", i);
    }

    assertThat(written).hasSize(30).noneMatch(line -> line.contains("left out"));
  }

  @Test
  void theNoticeNamesThePatternNeverTheValues() {
    for (int i = 0; i < 6; i++) {
      context.getLogger("some.Routes").error("client {} refused", "value-from-a-client");
    }

    assertThat(written.get(5)).contains("\"client {} refused\"").doesNotContain("value-from-a-client");
  }

  @Test
  void productionAndTestLoggingLimitAlike() throws Exception {
    assertThat(turboFilter(Path.of("src/test/resources/logback-test.xml")))
        .isEqualTo(turboFilter(Path.of("src/main/resources/logback.xml")))
        .contains("LogFloodFilter");
  }

  private static String turboFilter(Path configuration) throws Exception {
    String xml = Files.readString(configuration);
    return xml.substring(xml.indexOf("<turboFilter"), xml.indexOf("</turboFilter>"));
  }
}
