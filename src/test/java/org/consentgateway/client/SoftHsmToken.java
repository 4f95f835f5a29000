package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A private SoftHSM token in a folder of its own, holding two key pairs that keytool generated inside
 * it, each with a self-signed certificate: EC P-256 ({@link #EC_ALIAS}) and RSA 2048 ({@link #RSA_ALIAS}). SoftHSM finds its token folder
 * only through {@code SOFTHSM2_CONF} in the environment of the process that loads it, which a running
 * JVM cannot set for itself: so every program that touches the token (softhsm2-util, keytool, the
 * bank's JVM) is a child process given {@link #environment()}, and this JVM never loads the library.
 */
final class SoftHsmToken {

  /** Where Debian's {@code softhsm2} package puts the PKCS#11 library and the token tool. */
  static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
  static final Path UTIL = Path.of("/usr/bin/softhsm2-util");
  static final String EC_ALIAS = "bank-ec";
  static final String RSA_ALIAS = "bank-rsa";
  static final String PIN = "246810";
  private static final String SO_PIN = "13579111";

  private final Path conf;
  private final Path pkcs11Config;

  private SoftHsmToken(Path conf, Path pkcs11Config) {
    this.conf = conf;
    this.pkcs11Config = pkcs11Config;
  }

  /** Skips the calling test, naming the package to install, when SoftHSM is not on this machine. */
  static void assumeInstalled() {
    assumeInstalled(LIBRARY, UTIL);
  }

  static void assumeInstalled(Path library, Path util) {
    assumeTrue(Files.isRegularFile(library) && Files.isExecutable(util),
        "SoftHSM is not installed (" + library + " and " + util + "): the PKCS#11 tests are skipped; "
            + "install it with: apt-get install -y softhsm2");
  }

  /** Initialises a fresh token under {@code folder} and generates the key pairs in it. */
  static SoftHsmToken create(Path folder) throws Exception {
    Path tokens = Files.createDirectories(folder.resolve("tokens"));
    Path conf = folder.resolve("softhsm2.conf");
    Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
    Path pkcs11Config = folder.resolve("pkcs11.cfg");
    // The only initialised token is the first in SoftHSM's slot list (its slot ID is random).
    Files.writeString(pkcs11Config, "name = BankHsm\nlibrary = " + LIBRARY + "\nslotListIndex = 0\n");
    SoftHsmToken token = new SoftHsmToken(conf, pkcs11Config);
    token.run(List.of(UTIL.toString(), "--init-token", "--free", "--label", "bank", "--pin", PIN, "--so-pin", SO_PIN));
    token.keytool("-genkeypair", "-alias", EC_ALIAS, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=bank", "-validity", "30");
    token.keytool("-genkeypair", "-alias", RSA_ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=bank", "-validity", "30");
    return token;
  }

  /** The environment every process that uses the token needs. */
  Map<String, String> environment() {
    return Map.of("SOFTHSM2_CONF", conf.toString());
  }

  /** The SunPKCS11 configuration file ({@code Security.getProvider("SunPKCS11").configure(...)}). */
  Path pkcs11Config() {
    return pkcs11Config;
  }

  /** The public key of the pair under {@code alias}, read from its certificate in the token. */
  PublicKey publicKey(String alias) throws Exception {
    String pem = keytool("-exportcert", "-rfc", "-alias", alias);
    return CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).getPublicKey();
  }

  private String keytool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("-keystore", "NONE", "-storetype", "PKCS11", "-providerClass", "sun.security.pkcs11.SunPKCS11",
        "-providerArg", pkcs11Config.toString(), "-storepass", PIN));
    return run(command);
  }

  private String run(List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(command.get(0) + " " + command.get(1) + ": " + output).isZero();
    return output;
  }
}
