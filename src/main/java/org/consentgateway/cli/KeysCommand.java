package org.consentgateway.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.consentgateway.crypto.KeySetGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gateway keys}: key material. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage key material.",
    subcommands = {KeysCommand.Generate.class})
final class KeysCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write a fresh, complete key set (private files mode 0600). Point GATEWAY_KEYS_DIR at it.")
  static final class Generate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the keys into (created if missing).")
    Path out;

    @Override
    public Integer call() {
      KeySetGenerator.generate(out);
      spec.commandLine().getOut().println("wrote a new key set to " + out.toAbsolutePath().normalize()
          + "; keep it secret and set GATEWAY_KEYS_DIR to use it");
      return 0;
    }
  }
}
