package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.consentgateway.crypto.KeyFileException;
import org.consentgateway.crypto.PemFiles;

/**
 * The public key a client (institution, regulator, operator) signs its {@code private_key_jwt}
 * assertions with (RFC 7523 §2.2). Only EC P-256 and RSA of at least {@value #MIN_RSA_BITS} bits
 * are accepted: the algorithms the token endpoint verifies (ES256, RS256/PS256) and nothing weaker.
 *
 * <p>The key is held as a bare public JWK: key type and key parameters only, with {@code kid} set
 * to its RFC 7638 thumbprint. Anything else a submitted JWK carried ({@code use}, {@code alg},
 * {@code x5c}, its own {@code kid}) is dropped, so what is stored is exactly what is verified.
 */
public record ClientKey(JWK jwk) {

  public static final int MIN_RSA_BITS = 2048;

  /** A key file is a few hundred bytes; anything this large is the wrong file. */
  private static final long MAX_FILE_BYTES = 64 * 1024;

  private static final String ACCEPTED = "the gateway accepts EC P-256 or RSA of at least " + MIN_RSA_BITS + " bits";

  public ClientKey {
    requireNonNull(jwk, "jwk is null");
    Optional<String> problem = problemWith(jwk);
    if (problem.isPresent()) {
      throw new IllegalArgumentException("the key " + problem.get());
    }
    jwk = bare(jwk);
  }

  /**
   * Parses a PEM SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}), a JWK JSON object, or
   * a JWK Set holding exactly one key.
   *
   * @param source names the text in error messages, e.g. the file it came from
   * @throws KeyFileException naming {@code source} when the text is not an acceptable public key
   */
  public static ClientKey parse(String text, String source) {
    requireNonNull(text, "text is null");
    requireNonNull(source, "source is null");
    String trimmed = text.strip();
    JWK jwk;
    if (trimmed.startsWith("{")) {
      jwk = parseJson(trimmed, source);
    } else if (trimmed.contains("-----BEGIN")) {
      jwk = parsePem(trimmed, source);
    } else {
      throw new KeyFileException(source,
          "is neither a PEM public key (-----BEGIN PUBLIC KEY-----) nor a JWK (a JSON object)");
    }
    Optional<String> problem = problemWith(jwk);
    if (problem.isPresent()) {
      throw new KeyFileException(source, problem.get());
    }
    return new ClientKey(jwk);
  }

  /** Reads a key file; see {@link #parse}. Blocking. */
  public static ClientKey read(Path file) {
    requireNonNull(file, "file is null");
    try {
      if (Files.isDirectory(file)) {
        throw new KeyFileException(file, "is a folder, not a key file");
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new KeyFileException(file, "is over " + MAX_FILE_BYTES / 1024 + " KiB; it is not a public key file");
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new KeyFileException(file, "missing");
    } catch (IOException e) {
      throw new KeyFileException(file, "not readable (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /** Reads back what {@link #toJson()} wrote, e.g. from the database. */
  public static ClientKey fromJson(String json) {
    requireNonNull(json, "json is null");
    return parse(json, "stored client key");
  }

  /** The RFC 7638 JWK thumbprint (SHA-256, base64url); also the key's {@code kid}. */
  public String thumbprint() {
    return jwk.getKeyID();
  }

  /** The public JWK as JSON, with {@code kid} = {@link #thumbprint()}. */
  public String toJson() {
    return jwk.toJSONString();
  }

  /** For people: {@code EC P-256} or {@code RSA 3072}. */
  public String type() {
    if (jwk instanceof ECKey ec) {
      return "EC " + ec.getCurve().getName();
    }
    return "RSA " + jwk.size();
  }

  @Override
  public String toString() {
    return "ClientKey[" + type() + ", " + thumbprint() + "]";
  }

  private static JWK parseJson(String json, String source) {
    try {
      Map<String, Object> object = JSONObjectUtils.parse(json);
      if (!object.containsKey("keys")) {
        return JWK.parse(object);
      }
      List<JWK> keys = JWKSet.parse(object).getKeys();
      if (keys.size() != 1) {
        throw new KeyFileException(source, "is a JWK Set of " + keys.size() + " keys; register exactly one key");
      }
      return keys.get(0);
    } catch (ParseException e) {
      throw new KeyFileException(source, "is not a valid JWK (" + e.getMessage() + ")", e);
    }
  }

  private static JWK parsePem(String pem, String source) {
    // Checked before parsing so the message tells the operator what to do instead of only what is wrong.
    if (pem.contains("PRIVATE KEY-----")) {
      throw new KeyFileException(source, "contains a private key; register only the public key "
          + "(openssl pkey -in KEY -pubout)");
    }
    PublicKey key = PemFiles.parsePublicKey(pem, source);
    if (key instanceof ECPublicKey ec) {
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      if (curve == null) {
        throw new KeyFileException(source, "is an EC key on an unknown curve; " + ACCEPTED);
      }
      return new ECKey.Builder(curve, ec).build();
    }
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    throw new KeyFileException(source, "is a key of type " + key.getAlgorithm() + "; " + ACCEPTED);
  }

  /** Why {@code jwk} may not be registered, if it may not. */
  private static Optional<String> problemWith(JWK jwk) {
    if (jwk instanceof ECKey ec) {
      if (ec.isPrivate()) {
        return Optional.of("contains a private key; register only the public key");
      }
      if (!Curve.P_256.equals(ec.getCurve())) {
        return Optional.of("is an EC key on curve " + ec.getCurve() + "; " + ACCEPTED);
      }
      return Optional.empty();
    }
    if (jwk instanceof RSAKey rsa) {
      if (rsa.isPrivate()) {
        return Optional.of("contains a private key; register only the public key");
      }
      if (rsa.size() < MIN_RSA_BITS) {
        return Optional.of("is an RSA key of " + rsa.size() + " bits; " + ACCEPTED);
      }
      return Optional.empty();
    }
    if ("oct".equals(jwk.getKeyType().getValue())) {
      // A shared secret: registering it would let the gateway, and anyone who reads the registry, sign as the client.
      return Optional.of("is a symmetric (oct) key, a shared secret; register the client's public key, " + ACCEPTED);
    }
    return Optional.of("is a key of type " + jwk.getKeyType() + "; " + ACCEPTED);
  }

  /** Key type and key parameters only, {@code kid} = RFC 7638 thumbprint. */
  private static JWK bare(JWK jwk) {
    JWK parameters = jwk instanceof ECKey ec
        ? new ECKey.Builder(ec.getCurve(), ec.getX(), ec.getY()).build()
        : new RSAKey.Builder(((RSAKey) jwk).getModulus(), ((RSAKey) jwk).getPublicExponent()).build();
    try {
      String thumbprint = parameters.computeThumbprint().toString();
      return parameters instanceof ECKey ec
          ? new ECKey.Builder(ec).keyID(thumbprint).build()
          : new RSAKey.Builder((RSAKey) parameters).keyID(thumbprint).build();
    } catch (JOSEException e) {
      throw new IllegalStateException("SHA-256 is not available for the JWK thumbprint", e);
    }
  }
}
