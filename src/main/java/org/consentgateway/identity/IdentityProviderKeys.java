package org.consentgateway.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import org.consentgateway.crypto.KeyFileException;

/**
 * Loads the identity provider's public keys from a JWKS file, a PEM public key file, or an
 * {@code https://} URL serving a JWKS. Blocking: start-up only.
 */
public final class IdentityProviderKeys {

  private static final int TIMEOUT_MILLIS = 5_000;
  private static final int SIZE_LIMIT_BYTES = 256 * 1024;

  private IdentityProviderKeys() {}

  public static JWKSet load(String source) {
    JWKSet keys;
    if (source.startsWith("https://") || source.startsWith("http://")) {
      try {
        keys = JWKSet.load(URI.create(source).toURL(), TIMEOUT_MILLIS, TIMEOUT_MILLIS, SIZE_LIMIT_BYTES);
      } catch (IOException | ParseException | IllegalArgumentException e) {
        throw new KeyFileException(source, "cannot load the identity provider's JWKS: " + e.getMessage(), e);
      }
    } else {
      keys = fromFile(Path.of(source));
    }
    List<JWK> publicKeys = keys.getKeys().stream().filter(key -> !key.isPrivate()).map(JWK::toPublicJWK).toList();
    if (publicKeys.isEmpty()) {
      throw new KeyFileException(source, "holds no public key of the identity provider");
    }
    return new JWKSet(publicKeys);
  }

  private static JWKSet fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KeyFileException(file, Files.exists(file) ? "not readable: " + e.getMessage() : "missing");
    }
    try {
      return text.trim().startsWith("{") ? JWKSet.parse(text) : new JWKSet(JWK.parseFromPEMEncodedObjects(text));
    } catch (ParseException | com.nimbusds.jose.JOSEException e) {
      throw new KeyFileException(file, "not a JWKS or PEM public key: " + e.getMessage(), e);
    }
  }
}
