package org.consentgateway.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.SignalPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gateway policies}: the declarative access policies. */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "Check the access policies.",
    subcommands = {PoliciesCommand.Check.class})
final class PoliciesCommand {

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Validate a policy folder as the gateway does at start-up; print its policyVersion, or the file, "
          + "line and problem of the first error (exit 1).")
  static final class Check implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The policy folder (default: the configured one, GATEWAY_POLICIES_DIR).")
    Path folder;

    @Override
    public Integer call() {
      Path dir = Optional.ofNullable(folder).orElseGet(() -> config.load().policiesDir());
      PolicyBundle bundle = PolicyBundle.load(dir);
      SignalPolicy.load(dir);
      var out = spec.commandLine().getOut();
      out.println("policies in " + dir + " are valid: policyVersion " + bundle.version());
      out.println("  purposes: " + bundle.purposes().all().size());
      for (Grade grade : Grade.values()) {
        out.println("  " + grade + ": " + bundle.plan(grade).fieldPaths().size() + " fields" + (bundle.plan(grade).sensitive()
            ? " (sensitive: needs the citizen's explicit confirmation)" : ""));
      }
      out.println("  signals: " + (Files.exists(dir.resolve(SignalPolicy.FILE)) ? SignalPolicy.FILE : "the default thresholds"));
      out.flush();
      return 0;
    }
  }
}
