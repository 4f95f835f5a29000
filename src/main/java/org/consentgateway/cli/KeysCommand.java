package org.consentgateway.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.crypto.KeySetGenerator;
import org.consentgateway.crypto.SigningKeyRotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway keys}: key material. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage key material.",
    subcommands = {KeysCommand.Generate.class, KeysCommand.Rotate.class})
final class KeysCommand {


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

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Make a new current token signing key; the old public key stays published until every token it "
          + "signed has expired. Restart the gateways to use the new key.")
  static final class Rotate implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
      Path keysDir = config.load().keysDir();
      String before = kid(keysDir);
      SigningKeyRotation.rotate(keysDir, Instant.now());
      spec.commandLine().getOut().println("rotated the signing key in " + keysDir + ": " + before + " retired, " + kid(keysDir)
          + " current; restart the gateways to sign with it");
      return 0;
    }

    private static String kid(Path keysDir) {
      return GatewaySigningKeys.of(GatewayKeys.load(keysDir).signingKeyPair(), java.util.List.of(), Instant.now(),
          java.time.Duration.ZERO).currentKeyId();
    }
  }
}
