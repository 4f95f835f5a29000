package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The institution's private key, the one registered with the gateway, as a signer of client
 * assertions: EC P-256 signs ES256, RSA signs PS256. From a PKCS#8 PEM file, or from a
 * {@link KeyStore} entry: a PKCS12 file, or a hardware security module through the JDK's
 * SunPKCS11 provider, whose keys never leave the device (docs/integration.md).
 */
public final class ClientSigningKey {

  private final JWSSigner signer;
  private final JWSAlgorithm algorithm;

  private ClientSigningKey(JWSSigner signer, JWSAlgorithm algorithm) {
    this.signer = signer;
    this.algorithm = algorithm;
  }

  /** A key from a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----}), as {@code gateway} writes them. */
  public static ClientSigningKey fromPem(Path file) {
    requireNonNull(file, "file is null");
    try {
      return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new ClientKeyException("the key file cannot be read", e);
    }
  }

  /** A key from PKCS#8 PEM text. */
  public static ClientSigningKey fromPem(String pem) {
    requireNonNull(pem, "pem is null");
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new ClientKeyException("not a PKCS#8 PEM private key (BEGIN PRIVATE KEY); convert with openssl pkcs8 -topk8 -nocrypt", null);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new ClientKeyException("the PEM's base64 does not decode", e);
    }
    for (String type : new String[] {"EC", "RSA"}) {
      try {
        return of(KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der)));
      } catch (GeneralSecurityException notThisType) {
        // try the next
      }
    }
    throw new ClientKeyException("the PEM holds neither an EC nor an RSA private key", null);
  }

  /**
   * The private key of {@code alias} in {@code store}, already loaded: a PKCS12 file, or a PKCS#11
   * token ({@code KeyStore.getInstance("PKCS11", provider)} after
   * {@code Security.getProvider("SunPKCS11").configure(config)}), whose key signs inside the device.
   */
  public static ClientSigningKey fromKeyStore(KeyStore store, String alias, char[] password) {
    requireNonNull(store, "store is null");
    requireNonNull(alias, "alias is null");
    try {
      if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
        throw new ClientKeyException("the key store has no private key under that alias", null);
      }
      // A key that stays in an HSM may not expose its parameters; its certificate says what it is.
      Certificate certificate = store.getCertificate(alias);
      boolean ec = key instanceof ECKey || "EC".equals(key.getAlgorithm())
          || certificate != null && certificate.getPublicKey() instanceof ECKey;
      boolean rsa = key instanceof RSAKey || "RSA".equals(key.getAlgorithm());
      ClientSigningKey signing = ec ? ecdsa(key) : rsa ? new ClientSigningKey(new RSASSASigner(key), JWSAlgorithm.PS256) : of(key);
      signing.signInProviderOf(store);
      return signing;
    } catch (GeneralSecurityException e) {
      throw new ClientKeyException("the key cannot be taken from the key store (alias or password)", e);
    }
  }

  /** A key already at hand: EC P-256 or RSA. */
  public static ClientSigningKey of(PrivateKey key) {
    requireNonNull(key, "key is null");
    if (key instanceof ECKey) {
      return ecdsa(key);
    }
    if (key instanceof RSAKey) {
      return new ClientSigningKey(new RSASSASigner(key), JWSAlgorithm.PS256);
    }
    throw new ClientKeyException("the gateway takes EC P-256 or RSA keys, not " + key.getAlgorithm(), null);
  }

  private static ClientSigningKey ecdsa(PrivateKey key) {
    if (key instanceof ECKey ec && !Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
      throw new ClientKeyException("an EC key must be on P-256", null);
    }
    try {
      return new ClientSigningKey(new ECDSASigner(key, Curve.P_256), JWSAlgorithm.ES256);
    } catch (JOSEException e) {
      throw new ClientKeyException("the EC key cannot sign", e);
    }
  }

  /**
   * A PKCS#11 key signs only in the provider that holds it, and {@code configure(...)} makes that
   * provider without installing it, so the JDK's choice among installed providers finds none
   * ("No installed provider supports this key"): the signer is pointed at the key store's provider
   * when it offers the signature. A PKCS12 store's provider (SUN) signs nothing of these; the
   * installed providers sign its keys.
   */
  private void signInProviderOf(KeyStore store) {
    String signature = algorithm.equals(JWSAlgorithm.ES256) ? "SHA256withECDSA" : "RSASSA-PSS";
    if (store.getProvider().getService("Signature", signature) != null) {
      signer.getJCAContext().setProvider(store.getProvider());
    }
  }

  JWSSigner signer() {
    return signer;
  }

  /** ES256 or PS256. */
  public JWSAlgorithm algorithm() {
    return algorithm;
  }
}
