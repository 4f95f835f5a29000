package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import org.consentgateway.crypto.ResponseSignatureBase;

/**
 * An answer as its audit entry binds it: the exact body to send and the signature base whose
 * SHA-256 is the entry's {@code signatureBaseHash}.
 */
public record BoundAnswer(byte[] body, ResponseSignatureBase base) {

  public BoundAnswer {
    requireNonNull(body, "body is null");
    requireNonNull(base, "base is null");
  }

  /** What the entry records. */
  public Sha256Hash baseHash() {
    return Sha256Hash.of(base.sha256());
  }
}
