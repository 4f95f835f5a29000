package org.consentgateway.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;

/**
 * ES256 (P-256, SHA-256) sign and verify on the JDK's SunEC and on the native provider
 * {@link CryptoProvider} installs, interleaved in one run so the machine's noise falls on both.
 * Run by {@code bench/signatures.sh}; prints µs per operation (median of rounds) and the ratio.
 */
public final class SignatureBench {

  private static final int ROUNDS = 9;
  private static final int PER_ROUND = 2_000;
  private static final byte[] MESSAGE = ("eyJhbGciOiJFUzI1NiIsInR5cCI6ImNvbnNlbnQrand0In0.eyJpc3MiOiJodHRwOi8vbG9jYWxob3N0OjgwODAiLCJzdWIi"
      + "OiJzdWJqZWN0LXJlZiIsImF1ZCI6IjkxMzUwMTAwTTAwMDEwMFk0MyIsImp0aSI6IjEyMyJ9").getBytes(StandardCharsets.US_ASCII);

  private SignatureBench() {}

  /** {@code args}: the bench's work folder (unused). */
  public static void main(String[] args) throws Exception {
    Provider jdk = java.security.Security.getProvider("SunEC");
    Provider nativeProvider = AmazonCorrettoCryptoProvider.INSTANCE;
    if (AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() != null) {
      System.out.println("the native provider does not load here: " + AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError());
      return;
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", jdk);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    byte[] signature = sign(jdk, keys);

    double[][] verify = new double[2][ROUNDS];
    double[][] signs = new double[2][ROUNDS];
    Provider[] providers = {jdk, nativeProvider};
    for (int round = -2; round < ROUNDS; round++) { // two rounds of warm-up
      for (int p = 0; p < providers.length; p++) {
        double v = microsPerVerify(providers[p], keys, signature);
        double s = microsPerSign(providers[p], keys);
        if (round >= 0) {
          verify[p][round] = v;
          signs[p][round] = s;
        }
      }
    }
    System.out.printf(Locale.ROOT, "ES256 on %d cores, Java %s, median of %d rounds of %d%n", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), ROUNDS, PER_ROUND);
    System.out.printf(Locale.ROOT, "| provider | verify | sign |%n|---|---|---|%n");
    for (int p = 0; p < providers.length; p++) {
      System.out.printf(Locale.ROOT, "| %s | %.1f µs | %.1f µs |%n", providers[p].getName(), median(verify[p]), median(signs[p]));
    }
    System.out.printf(Locale.ROOT, "native is %.1f× faster to verify, %.1f× faster to sign%n", median(verify[0]) / median(verify[1]),
        median(signs[0]) / median(signs[1]));
  }

  private static byte[] sign(Provider provider, KeyPair keys) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA", provider);
    signer.initSign(keys.getPrivate());
    signer.update(MESSAGE);
    return signer.sign();
  }

  private static double microsPerVerify(Provider provider, KeyPair keys, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance("SHA256withECDSA", provider);
    long start = System.nanoTime();
    for (int i = 0; i < PER_ROUND; i++) {
      verifier.initVerify(keys.getPublic());
      verifier.update(MESSAGE);
      if (!verifier.verify(signature)) {
        throw new IllegalStateException("a good signature did not verify on " + provider.getName());
      }
    }
    return (System.nanoTime() - start) / 1e3 / PER_ROUND;
  }

  private static double microsPerSign(Provider provider, KeyPair keys) throws Exception {
    long start = System.nanoTime();
    for (int i = 0; i < PER_ROUND; i++) {
      sign(provider, keys);
    }
    return (System.nanoTime() - start) / 1e3 / PER_ROUND;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
