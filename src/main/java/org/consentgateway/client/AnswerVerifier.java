package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a signed answer (docs/consents.md "Signed answers"), in the documented order:
 * {@code Content-Digest} is the SHA-256 of the body received (RFC 9530); the {@code sig1} input
 * covers {@code @status}, {@code content-digest}, {@code content-type}, and the request's
 * {@code @method} and {@code @path} (RFC 9421 §2.4 {@code ;req}); {@code keyid} is in the JWKS;
 * the signature verifies over the rebuilt base (§2.5).
 */
final class AnswerVerifier {

  /** Exactly what the gateway covers, in its order; an answer covering less proves less and is refused. */
  static final String COVERED = "(\"@status\" \"content-digest\" \"content-type\" \"@method\";req \"@path\";req)";
  private static final Pattern INPUT = Pattern.compile(
      "sig1=(" + Pattern.quote(COVERED) + ";created=([0-9]{1,15});keyid=\"([^\"\\\\]{1,200})\";alg=\"([a-z0-9-]{1,40})\")");
  private static final Pattern SIGNATURE = Pattern.compile("sig1=:([A-Za-z0-9+/=]{1,200}):");
  private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

  private final JwksCache keys;

  AnswerVerifier(JwksCache keys) {
    this.keys = requireNonNull(keys, "keys is null");
  }

  /** Verifies the answer with {@code status}, {@code headers} and {@code body} to the request {@code method} {@code path}. */
  CompletableFuture<AnswerSignature> verify(int status, HttpHeaders headers, byte[] body, String method, String path) {
    String digest = "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    String sentDigest = headers.firstValue("Content-Digest").orElse("");
    if (!MessageDigest.isEqual(digest.getBytes(StandardCharsets.US_ASCII), sentDigest.getBytes(StandardCharsets.US_ASCII))) {
      return failed(VerificationFailure.BODY_DIGEST_MISMATCH, "the body's SHA-256 is not its Content-Digest: the body was changed");
    }
    Matcher input = INPUT.matcher(headers.firstValue("Signature-Input").orElse(""));
    Matcher signature = SIGNATURE.matcher(headers.firstValue("Signature").orElse(""));
    String contentType = headers.firstValue("Content-Type").orElse("");
    if (!input.matches() || !signature.matches() || contentType.isEmpty()) {
      return failed(VerificationFailure.SIGNATURE_INPUT_INVALID,
          "the answer is not signed as the gateway signs answers: sig1 over " + COVERED + " with created, keyid and alg");
    }
    String params = input.group(1);
    String keyId = input.group(3);
    String algorithm = input.group(4);
    // RFC 9421 §2.5: one line per covered component, then the signature parameters, no final newline.
    String base = "\"@status\": " + status + "\n\"content-digest\": " + sentDigest + "\n\"content-type\": " + contentType
        + "\n\"@method\";req: " + method + "\n\"@path\";req: " + path + "\n\"@signature-params\": " + params;
    byte[] baseBytes = base.getBytes(StandardCharsets.US_ASCII);
    byte[] signatureBytes = Base64.getDecoder().decode(signature.group(1));
    Instant created = Instant.ofEpochSecond(Long.parseLong(input.group(2)));
    return keys.key(keyId).thenApply(key -> {
      if (!verifies(algorithm, key, baseBytes, signatureBytes)) {
        throw new VerificationException(VerificationFailure.BAD_SIGNATURE,
            "the answer's signature does not verify with the gateway's key " + keyId);
      }
      return new AnswerSignature(keyId, algorithm, created, Base64.getEncoder().encodeToString(sha256(baseBytes)));
    });
  }

  private static boolean verifies(String algorithm, JWK key, byte[] base, byte[] signature) {
    try {
      Signature verifier;
      PublicKey publicKey;
      if ("ecdsa-p256-sha256".equals(algorithm) && key instanceof ECKey ec) {
        // RFC 9421 §3.3.4: r || s, not DER.
        verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        publicKey = ec.toECPublicKey();
      } else if ("ed25519".equals(algorithm) && key instanceof OctetKeyPair okp && "Ed25519".equals(okp.getCurve().getName())) {
        verifier = Signature.getInstance("Ed25519");
        publicKey = ed25519(okp.getDecodedX());
      } else {
        return false;
      }
      verifier.initVerify(publicKey);
      verifier.update(base);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | JOSEException | IllegalArgumentException e) {
      return false;
    }
  }

  static PublicKey ed25519(byte[] raw) throws GeneralSecurityException {
    if (raw.length != 32) {
      throw new GeneralSecurityException("an Ed25519 key is 32 bytes");
    }
    byte[] spki = new byte[ED25519_SPKI.length + raw.length];
    System.arraycopy(ED25519_SPKI, 0, spki, 0, ED25519_SPKI.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI.length, raw.length);
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static <T> CompletableFuture<T> failed(VerificationFailure failure, String message) {
    return CompletableFuture.failedFuture(new VerificationException(failure, message));
  }
}
