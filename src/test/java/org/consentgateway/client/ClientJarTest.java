package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The build's target/consent-gateway-client.jar (pom.xml, made at process-classes) holds the client
 * library and nothing else of ours, and stays small: with Nimbus beside it, it is all a bank needs.
 */
class ClientJarTest {

  private static final long MAX_BYTES = 1024 * 1024;

  @Test
  void theClientJarHoldsOnlyTheClientsClassesAndIsUnderOneMegabyte() throws Exception {
    // target/classes, where this build put the library's classes; the jar sits beside it.
    Path classes = Path.of(ConsentGatewayClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = classes.resolveSibling("consent-gateway-client.jar");
    assertThat(jar).exists();
    assertThat(Files.size(jar)).isLessThan(MAX_BYTES);

    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> names = file.stream().map(ZipEntry::getName).toList();
      assertThat(names).contains("org/consentgateway/client/ConsentGatewayClient.class",
          "org/consentgateway/client/BlockingConsentGatewayClient.class");
      assertThat(names).allSatisfy(name -> assertThat(name).matches(
          "META-INF/|META-INF/MANIFEST\\.MF|org/|org/consentgateway/|org/consentgateway/client/.*"));
      assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name")).isEqualTo("org.consentgateway.client");
    }
  }
}
