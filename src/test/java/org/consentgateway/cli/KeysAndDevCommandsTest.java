package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.crypto.SigningKeyRotation;
import org.consentgateway.identity.ChallengeAnswers;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.RegisteredClient;
import org.consentgateway.value.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gateway keys generate|rotate} and {@code gateway dev ...}, run as an operator runs them (in this JVM: {@link GatewayInProcess}). */
class KeysAndDevCommandsTest {

  @TempDir
  Path folder;

  @Test
  void generateThenRotateKeepsTheOldPublicKeyAndRefusesDemoOnlyHelpers() throws Exception {
    Path keys = folder.resolve("keys");
    GatewayInProcess gateway = new GatewayInProcess(folder).with("GATEWAY_KEYS_DIR", keys.toString());

    assertThat(gateway.run(60, "keys", "generate", "--out", keys.toString()).exitCode()).isZero();
    String before = currentKid(keys);
    GatewayProcess.Outcome rotated = gateway.run(60, "keys", "rotate");
    assertThat(rotated.exitCode()).as(rotated.output()).isZero();
    assertThat(rotated.output()).contains(before + " retired");

    assertThat(currentKid(keys)).isNotEqualTo(before);
    assertThat(SigningKeyRotation.retired(keys)).hasSize(1);
    assertThat(Files.exists(keys.resolve("gateway-signing.key.pem"))).isTrue();

    // Real keys: there is no demo identity provider to impersonate.
    GatewayProcess.Outcome refused = gateway.run(60, "dev", "citizen-token", "--id-number", "11010519491231002X");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.output()).contains("error: refusing to mint a citizen token");
  }

  @Test
  void withTheDemoKeysTheHelpersPrintTokens() throws Exception {
    GatewayInProcess gateway = new GatewayInProcess(folder).with("GATEWAY_ISSUER", "https://gateway.test");

    GatewayProcess.Outcome citizen = gateway.run(60, "dev", "citizen-token", "--id-number", "11010519491231002X");
    GatewayProcess.Outcome assertion = gateway.run(60, "dev", "client-assertion", "--client-id", "91350100M000100Y43",
        "--key", "keys-example/institution.key.pem");

    assertThat(citizen.exitCode()).as(citizen.output()).isZero();
    assertThat(SignedJWT.parse(lastLine(citizen)).getJWTClaimsSet().getStringClaim("idn")).isEqualTo("11010519491231002X");
    assertThat(assertion.exitCode()).as(assertion.output()).isZero();
    var claims = SignedJWT.parse(lastLine(assertion)).getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("91350100M000100Y43");
    assertThat(claims.getAudience()).containsExactly("https://gateway.test");
    assertThat(claims.getJWTID()).isNotBlank();
  }

  @Test
  void signChallengePrintsTheAnswerTheConsoleAccepts() throws Exception {
    GatewayInProcess gateway = new GatewayInProcess(folder).with("GATEWAY_ISSUER", "https://gateway.test");
    String challenge = "uW3p9Tq2xYk4Lr8sZa1Bc6De0Fg7Hi5Jk2Lm9No3Pq4";

    GatewayProcess.Outcome signed = gateway.run(60, "dev", "sign-challenge", "--client-id", "pboc-credit-reference",
        "--key", "keys-example/regulator.key.pem", "--challenge", challenge);

    assertThat(signed.exitCode()).as(signed.output()).isZero();
    RegisteredClient regulator = new RegisteredClient("pboc-credit-reference", Role.REGULATOR, "征信监管",
        ClientKey.read(Path.of("keys-example", "regulator.pub.pem")), true);
    ChallengeAnswers console = new ChallengeAnswers("https://gateway.test", java.time.Duration.ofSeconds(30),
        java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC());
    assertThat(console.check(lastLine(signed), challenge, regulator)).isEmpty();
    assertThat(SignedJWT.parse(lastLine(signed)).getJWTClaimsSet().getAudience()).containsExactly("https://gateway.test/console");
  }

  private static String currentKid(Path keys) {
    return GatewaySigningKeys.of(GatewayKeys.load(keys).signingKeyPair(), List.of(), Instant.now(), java.time.Duration.ZERO)
        .currentKeyId();
  }

  private static String lastLine(GatewayProcess.Outcome outcome) {
    List<String> lines = outcome.output().lines().filter(line -> !line.isBlank()).toList();
    return lines.get(lines.size() - 1).trim();
  }
}
