package org.consentgateway.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code gateway}: the one command for running and operating Consent Gateway. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    versionProvider = GatewayCommand.Version.class,
    description = "Consent Gateway: consent-based access to personal credit information.",
    subcommands = {ServeCommand.class, DemoCommand.class, KeysCommand.class, RecordsCommand.class, DbCommand.class, DevCommand.class, AuditCommand.class, WitnessCommand.class, PoliciesCommand.class,
        InstitutionsCommand.class, RegulatorsCommand.class, OperatorsCommand.class, CommandLine.HelpCommand.class})
public final class GatewayCommand {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code: 0 success, 1 failure, 2 bad usage. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line, failures reported as one line; tests set its output streams. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new GatewayCommand());
    commandLine.setExecutionExceptionHandler(GatewayCommand::reportFailure);
    return commandLine;
  }

  /** A failure is one clear line, not a stack trace: the messages of our exceptions are written for people. */
  private static int reportFailure(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println("error: " + messageOf(failure));
    err.flush();
    return 1;
  }

  private static String messageOf(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return message;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = GatewayCommand.class.getPackage().getImplementationVersion();
      return new String[] {"Consent Gateway " + (version == null ? "(development build)" : version)};
    }
  }
}
