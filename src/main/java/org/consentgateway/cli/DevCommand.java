package org.consentgateway.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.KeyParty;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.wiring.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gateway dev}: helpers for integrators trying the API by hand. */
@Command(name = "dev", mixinStandardHelpOptions = true, description = "Helpers for trying the API (see docs/authentication.md).",
    subcommands = {DevCommand.ClientAssertion.class, DevCommand.CitizenToken.class, DevCommand.SignChallenge.class,
        VerifyAnswerCommand.class})
final class DevCommand {


  @Command(name = "client-assertion", mixinStandardHelpOptions = true,
      description = "Print a fresh private_key_jwt client assertion (new jti each time, valid 2 minutes).")
  static final class ClientAssertion implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "An institution's USCC, or a regulator or operator id.")
    String clientId;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The client's private key (PKCS#8 PEM, EC P-256 or RSA).")
    Path key;

    @Option(names = "--aud", paramLabel = "URL", description = "Audience (default: the configured issuer, GATEWAY_ISSUER).")
    String audience;

    @Override
    public Integer call() {
      String aud = audience != null ? audience : config.load().http().issuer();
      spec.commandLine().getOut().println(DevTokens.clientAssertion(clientId, aud, PemFiles.readPrivateKey(key), Instant.now()));
      return 0;
    }
  }

  @Command(name = "sign-challenge", mixinStandardHelpOptions = true,
      description = "Print the answer to the regulator console's sign-in challenge: a JWS signed with the member's key (valid 2 minutes).")
  static final class SignChallenge implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "The regulator's or operator's id.")
    String clientId;

    @Option(names = "--key", required = true, paramLabel = "FILE",
        description = "The private key registered for that client (PKCS#8 PEM, EC P-256 or RSA).")
    Path key;

    @Option(names = "--challenge", required = true, paramLabel = "TEXT", description = "The challenge the sign-in page shows.")
    String challenge;

    @Option(names = "--aud", paramLabel = "URL", description = "Audience (default: the configured issuer's /console, GATEWAY_ISSUER).")
    String audience;

    @Override
    public Integer call() {
      String aud = audience != null ? audience : ChallengeAnswers.audience(config.load().http().issuer());
      spec.commandLine().getOut().println(ChallengeAnswers.sign(clientId, aud, challenge, PemFiles.readPrivateKey(key), Instant.now()));
      return 0;
    }
  }

  @Command(name = "citizen-token", mixinStandardHelpOptions = true,
      description = "Print a citizen token signed with the DEMO identity provider key. Refuses unless the demo keys are configured.")
  static final class CitizenToken implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--id-number", required = true, paramLabel = "ID", description = "The citizen's resident ID number (GB 11643).")
    String idNumber;

    @Option(names = "--minutes", defaultValue = "60", paramLabel = "N", description = "Lifetime in minutes (default: ${DEFAULT-VALUE}).")
    int minutes;

    @Override
    public Integer call() {
      GatewayConfig gatewayConfig = config.load();
      GatewayKeys keys = GatewayKeys.load(gatewayConfig.keysDir());
      IdentityConfig identity = gatewayConfig.identity();
      boolean demoProvider = identity.identityProviderKeys()
          .equals(gatewayConfig.keysDir().resolve(IdentityConfig.DEFAULT_IDP_KEY_FILE).toString());
      if (!keys.isDemo() || !demoProvider) {
        throw new IllegalStateException("refusing to mint a citizen token: the configured keys are not the demo keys "
            + "(citizen tokens come from the real identity provider)");
      }
      var signingKey = keys.privateKey(KeyParty.IDENTITY_PROVIDER)
          .orElseThrow(() -> new IllegalStateException("the demo key folder has no identity-provider.key.pem"));
      spec.commandLine().getOut().println(DevTokens.citizenToken(idNumber, identity.identityProviderIssuer(),
          identity.identityProviderAudience(), signingKey, Instant.now(), Duration.ofMinutes(minutes)));
      return 0;
    }
  }
}
