package org.consentgateway.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs a {@code gateway} command in the test's own JVM: the same command line, configuration and
 * exit code as {@link GatewayProcess}, without starting a JVM for each command (a child spends
 * seconds starting up, loading classes and Hibernate). For tests about what a command does, not
 * about the process (signals, a kill, a second server, the environment read at start-up): those
 * keep {@link GatewayProcess}.
 *
 * <p>A command reads its configuration from the real environment, which a test cannot set, so the
 * {@code GATEWAY_*} variables a test gives are written to a configuration file that the command is
 * pointed at with {@code --config} (appended last, so it reaches the subcommand that runs; a
 * subcommand without the option reads no configuration and gets none). Should
 * the test's own environment set a configuration variable, it would override that file, so the
 * command then runs in a child JVM whose environment holds only what the test gave, as before.
 */
final class GatewayInProcess {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** logback-test.xml's console pattern (a stack trace follows its line, as on a child's standard error). */
  private static final String CONSOLE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36} - %msg%n";

  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Path folder;
  private boolean logLines = true;

  GatewayInProcess(Path folder) {
    this.folder = folder;
    with("GATEWAY_KEYS_DIR", Path.of("keys-example").toAbsolutePath().toString());
  }

  /** Sets a configuration variable, as {@link GatewayProcess#with} does for a child's environment. */
  GatewayInProcess with(String variable, String value) {
    keyOf(variable);
    environment.put(variable, value);
    return this;
  }

  /**
   * Leaves log lines out of the output: for a test whose JVM also runs a gateway, whose lines are
   * not the command's (a child's output never held them) and could land in the middle of what the
   * command prints.
   */
  GatewayInProcess withoutLogLines() {
    logLines = false;
    return this;
  }

  /**
   * Runs a command to its end (at most {@code timeoutSeconds}, as {@link GatewayProcess#run}) and
   * returns its exit code and everything it printed: standard output, standard error and log lines.
   */
  GatewayProcess.Outcome run(long timeoutSeconds, String... arguments) throws IOException, InterruptedException {
    if (!overridingVariables(System.getenv()).isEmpty()) {
      GatewayProcess child = new GatewayProcess(folder);
      environment.forEach(child::with);
      return child.run(timeoutSeconds, arguments);
    }
    Map<String, String> settings = new TreeMap<>();
    environment.forEach((variable, value) -> settings.put(keyOf(variable), value));
    Path config = Files.createTempFile(folder, "gateway-", ".yaml");
    YAML.writeValue(config.toFile(), settings);

    CommandLine command = GatewayCommand.commandLine();
    List<String> commandLine = new ArrayList<>(List.of(arguments));
    if (readsConfiguration(command, arguments)) {
      commandLine.addAll(List.of("--config", config.toString()));
    }
    StringWriter printed = new StringWriter();
    PrintWriter both = new PrintWriter(printed, true);
    command.setOut(both);
    command.setErr(both);
    // Its own thread, so that a command that hangs fails the test as a child that hangs does.
    FutureTask<Integer> execution = new FutureTask<>(() -> command.execute(commandLine.toArray(String[]::new)));
    Thread thread = new Thread(execution, "gateway " + arguments[0]);
    thread.setDaemon(true); // a hung command must not keep the test JVM from ending
    try (LogLines ignored = logLines ? LogLines.into(both) : LogLines.none()) {
      thread.start();
      int exitCode = execution.get(timeoutSeconds, TimeUnit.SECONDS);
      both.flush();
      return new GatewayProcess.Outcome(exitCode, printed.toString());
    } catch (TimeoutException hung) {
      thread.interrupt();
      throw new AssertionError("gateway " + String.join(" ", arguments) + " did not finish in " + timeoutSeconds + " s:\n" + printed);
    } catch (ExecutionException e) {
      throw new AssertionError("gateway " + String.join(" ", arguments) + " failed outside picocli's handling", e.getCause());
    }
  }

  /** Whether the subcommand the arguments name takes {@code --config} (some, such as {@code keys generate}, read no configuration). */
  private static boolean readsConfiguration(CommandLine command, String... arguments) {
    CommandLine subcommand = command;
    for (String argument : arguments) {
      CommandLine next = subcommand.getSubcommands().get(argument);
      if (next == null) {
        break;
      }
      subcommand = next;
    }
    return subcommand.getCommandSpec().findOption("--config") != null;
  }

  /** The configuration variables set in {@code environment} (which would override the file). */
  static List<String> overridingVariables(Map<String, String> environment) {
    return ConfigKeys.ALL.stream().map(Settings::environmentVariable)
        .filter(variable -> Optional.ofNullable(environment.get(variable)).filter(value -> !value.isBlank()).isPresent())
        .sorted().toList();
  }

  private static String keyOf(String variable) {
    return ConfigKeys.ALL.stream().filter(key -> Settings.environmentVariable(key).equals(variable)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(variable + " is not a configuration variable"));
  }

  /**
   * While open, every log line is written to {@code out} too, laid out as a child's standard error
   * shows it: the output a test reads is all a child would have printed, log lines included.
   */
  private static final class LogLines implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final PatternLayout layout = new PatternLayout();
    private final AppenderBase<ILoggingEvent> appender;

    private LogLines(PrintWriter out) {
      if (out == null) {
        appender = null;
        return;
      }
      layout.setContext(root.getLoggerContext());
      layout.setPattern(CONSOLE_PATTERN);
      layout.start();
      appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          out.print(layout.doLayout(event));
        }
      };
      appender.setContext(root.getLoggerContext());
      appender.start();
      root.addAppender(appender);
    }

    static LogLines into(PrintWriter out) {
      return new LogLines(out);
    }

    /** Copies nothing. */
    static LogLines none() {
      return new LogLines(null);
    }

    @Override
    public void close() {
      if (appender == null) {
        return;
      }
      root.detachAppender(appender);
      appender.stop();
      layout.stop();
    }
  }
}
