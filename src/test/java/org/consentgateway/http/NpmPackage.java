package org.consentgateway.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A stock npm package the interop tests drive under Node (an RFC 9421 verifier, an OAuth client):
 * installed under {@code target/} once, pinned to its version; a test that needs it is skipped,
 * saying why, where node or npm is missing or the registry cannot be reached.
 *
 * @param spec the package and its exact version, {@code name@1.2.3}
 * @param prefix where it is installed, under target/
 */
public record NpmPackage(String spec, Path prefix) {

  /** The package's {@code node_modules} folder, installing it first if need be; skips the test when it cannot be had. */
  public Path modules(String what) throws IOException, InterruptedException {
    assumeTrue(runs("node", "--version") && runs("npm", "--version"), "node and npm are not installed: " + what + " is skipped");
    Path modules = prefix.resolve("node_modules");
    String name = spec.substring(0, spec.lastIndexOf('@'));
    if (!Files.exists(modules.resolve(name).resolve("package.json"))) {
      Files.createDirectories(prefix);
      Process install = new ProcessBuilder("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
          "--cache", prefix.resolve(".npm-cache").toString(), spec).redirectErrorStream(true).start();
      String output = new String(install.getInputStream().readAllBytes(), UTF_8);
      assumeTrue(install.waitFor(5, TimeUnit.MINUTES) && install.exitValue() == 0,
          "npm could not install " + spec + " (no registry?): " + output);
    }
    return modules.toAbsolutePath();
  }

  private static boolean runs(String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(1, TimeUnit.MINUTES) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
