package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a verified RFC 9421 signature of an answer proves: the gateway's key {@code keyId} signed,
 * at {@code created}, this status, body ({@code Content-Digest}), type, method and path; and the
 * base64 SHA-256 of the signature base, which the answer's audit entry holds as
 * {@code signatureBaseHash} (docs/consents.md "Signed answers").
 */
public record AnswerSignature(String keyId, String algorithm, Instant created, String signatureBaseHash) {

  public AnswerSignature {
    requireNonNull(keyId, "keyId is null");
    requireNonNull(algorithm, "algorithm is null");
    requireNonNull(created, "created is null");
    requireNonNull(signatureBaseHash, "signatureBaseHash is null");
  }
}
