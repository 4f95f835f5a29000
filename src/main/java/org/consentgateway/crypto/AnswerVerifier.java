package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Verifies a signed answer of the gateway (docs/consents.md "Signed answers") from its status, its
 * headers and its body, against the gateway's JWKS: the {@code Content-Digest} is the body's, the
 * {@code sig1} signature covers status, digest, content type and the request's method and path,
 * its key is in the JWKS, and the signature is valid. Untrusted input yields a {@link Result},
 * never an exception.
 */
public final class AnswerVerifier {

  /** What every gateway signature must cover (any order). */
  static final List<String> REQUIRED =
      List.of("\"@status\"", "\"content-digest\"", "\"content-type\"", "\"@method\";req", "\"@path\";req");

  private final JWKSet keys;

  public AnswerVerifier(JWKSet keys) {
    this.keys = requireNonNull(keys, "keys is null");
  }

  /**
   * What a verification found: {@code problem} is empty when the answer verifies; then
   * {@code baseHash} is what the answer's audit entry must hold as {@code signatureBaseHash}.
   */
  public record Result(Optional<String> problem, String keyId, Instant created, byte[] base, String baseHashBase64) {
    static Result refused(String problem) {
      return new Result(Optional.of(problem), "", Instant.EPOCH, new byte[0], "");
    }

    public boolean verified() {
      return problem.isEmpty();
    }
  }

  /**
   * Verifies the answer to {@code method} {@code path}.
   *
   * @param headers the answer's header fields, names in any case
   */
  public Result verify(int status, Map<String, String> headers, byte[] body, String method, String path) {
    Map<String, String> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    fields.putAll(headers);
    String digest = fields.get(ContentDigest.HEADER);
    if (digest == null || !digest.trim().equals(ContentDigest.sha256(body))) {
      return Result.refused(digest == null ? "no Content-Digest" : "the body does not match its Content-Digest (sha-256)");
    }
    Optional<SignatureInput> input = Optional.ofNullable(fields.get(SignedResponse.SIGNATURE_INPUT))
        .flatMap(value -> SignatureInput.member(value, ResponseSignatureBase.LABEL));
    if (input.isEmpty()) {
      return Result.refused("no Signature-Input member " + ResponseSignatureBase.LABEL + " of the expected form");
    }
    if (!input.get().components().containsAll(REQUIRED)) {
      return Result.refused("the signature does not cover " + String.join(" ", REQUIRED));
    }
    Optional<String> keyId = input.get().stringParam("keyid");
    Optional<MessageAlgorithm> alg = input.get().stringParam("alg").flatMap(MessageAlgorithm::fromWireName);
    Optional<Long> created = input.get().integerParam("created");
    if (keyId.isEmpty() || alg.isEmpty() || created.isEmpty()) {
      return Result.refused("the signature lacks keyid, a known alg or created");
    }
    Optional<PublicKey> key = publicKey(keyId.get());
    if (key.isEmpty()) {
      return Result.refused("key " + keyId.get() + " is not in the JWKS");
    }
    Optional<byte[]> signature = signature(fields.get(SignedResponse.SIGNATURE));
    if (signature.isEmpty()) {
      return Result.refused("no Signature member " + ResponseSignatureBase.LABEL + " holding a byte sequence");
    }
    Optional<byte[]> base = base(input.get(), status, fields, method, path);
    if (base.isEmpty()) {
      return Result.refused("a covered component is missing from the answer");
    }
    if (!alg.get().verify(key.get(), base.get(), signature.get())) {
      return Result.refused("the signature is not valid for this answer under key " + keyId.get());
    }
    return new Result(Optional.empty(), keyId.get(), Instant.ofEpochSecond(created.get()), base.get(),
        Base64.getEncoder().encodeToString(ContentDigest.sha256Bytes(base.get())));
  }

  // RFC 9421 §2.5: one line per covered component, in the order listed, then @signature-params.
  private static Optional<byte[]> base(SignatureInput input, int status, Map<String, String> fields, String method, String path) {
    StringBuilder base = new StringBuilder();
    for (String component : input.components()) {
      String value = switch (component) {
        case "\"@status\"" -> Integer.toString(status);
        case "\"@method\";req" -> method;
        case "\"@path\";req" -> path;
        default -> component.endsWith(";req") || component.startsWith("\"@")
            ? null : Optional.ofNullable(fields.get(component.substring(1, component.length() - 1))).map(String::trim).orElse(null);
      };
      if (value == null) {
        return Optional.empty();
      }
      base.append(component).append(": ").append(value).append('\n');
    }
    base.append("\"@signature-params\": ").append(input.serialized());
    return Optional.of(base.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private Optional<PublicKey> publicKey(String keyId) {
    JWK jwk = keys.getKeyByKeyId(keyId);
    if (!(jwk instanceof ECKey ec)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ec.toECPublicKey());
    } catch (JOSEException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> signature(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String prefix = ResponseSignatureBase.LABEL + "=:";
    for (String member : header.split(",")) {
      String trimmed = member.trim();
      if (trimmed.startsWith(prefix) && trimmed.endsWith(":") && trimmed.length() > prefix.length()) {
        try {
          return Optional.of(Base64.getDecoder().decode(trimmed.substring(prefix.length(), trimmed.length() - 1)));
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
