package org.consentgateway.crypto;

import static java.util.Objects.requireNonNull;

/**
 * A response body with the headers that sign it (RFC 9421, RFC 9530): send exactly these bytes
 * with exactly these values, and the content type its base covered.
 */
public record SignedResponse(byte[] body, String contentType, String contentDigest, String signatureInput, String signature) {

  public static final String SIGNATURE_INPUT = "Signature-Input";
  public static final String SIGNATURE = "Signature";

  public SignedResponse {
    requireNonNull(body, "body is null");
    requireNonNull(contentType, "contentType is null");
    requireNonNull(contentDigest, "contentDigest is null");
    requireNonNull(signatureInput, "signatureInput is null");
    requireNonNull(signature, "signature is null");
  }
}
