package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.util.function.LongFunction;
import org.consentgateway.crypto.ContentDigest;
import org.consentgateway.crypto.ResponseSignatureBase;
import org.consentgateway.crypto.SignatureParams;

/**
 * An answer whose signature the audit entry binds (docs/consents.md "Signed answers"). The body
 * cites its own entry's index, which the appender assigns inside the batch transaction; so the
 * appender calls {@link #at} with that index and records the SHA-256 of the answer's RFC 9421
 * signature base as the entry's {@code signatureBaseHash}. Only hashing happens there; the caller
 * signs the same base after the commit.
 *
 * @param status the answer's HTTP status
 * @param method the request's method, e.g. {@code POST}
 * @param path the request's path, e.g. {@code /v1/queries}
 * @param contentType the answer's {@code Content-Type}, exactly as sent
 * @param params when, with which key and algorithm the answer will be signed
 * @param body the exact body bytes of the answer citing a given entry index; pure and cheap
 */
public record AnswerToBind(
    int status, String method, String path, String contentType, SignatureParams params, LongFunction<byte[]> body) {

  public AnswerToBind {
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
    requireNonNull(contentType, "contentType is null");
    requireNonNull(params, "params is null");
    requireNonNull(body, "body is null");
  }

  /** The answer citing entry {@code index}: its bytes and its signature base. */
  public BoundAnswer at(long index) {
    byte[] bytes = body.apply(index);
    ResponseSignatureBase base =
        new ResponseSignatureBase(status, ContentDigest.sha256(bytes), contentType, method, path, params);
    return new BoundAnswer(bytes, base);
  }
}
