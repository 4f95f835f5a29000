package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.consentgateway.audit.AnswerToBind;
import org.consentgateway.audit.AppendedEntry;
import org.consentgateway.audit.BoundAnswer;
import org.consentgateway.crypto.MessageSigner;
import org.consentgateway.crypto.SignedResponse;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers that a bank or citizen can hold against the gateway (docs/consents.md "Signed answers"):
 * the body's audit entry records the SHA-256 of its RFC 9421 signature base, and once the entry is
 * committed the same base is signed with the gateway's current signing key. Only hashing runs in
 * the appender's transaction; the signature is made here, on the request's side.
 *
 * <p>Fails closed: an answer that cannot be signed is not disclosed (503 {@code unavailable}),
 * although its entry is in the log, as for a response lost on the wire.
 */
public final class SignedAnswers {

  /** The content type of every signed answer, as sent and as covered. */
  public static final String CONTENT_TYPE = "application/json";

  private static final Logger LOG = LoggerFactory.getLogger(SignedAnswers.class);
  private static final int OK = 200;

  private final MessageSigner signer;
  private final Clock clock;

  public SignedAnswers(MessageSigner signer, Clock clock) {
    this.signer = requireNonNull(signer, "signer is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The 200 answer {@code hashed} to {@code request}, for {@link org.consentgateway.audit.AuditLog#append(
   * org.consentgateway.audit.AuditEvent, AnswerToBind)}: its first member is {@code idMember}, and
   * {@code auditIndex} goes right after it, as {@link QueryService#numbered} places it.
   */
  AnswerToBind toBind(AnswerRequest request, ObjectNode hashed, String idMember) {
    NumberedBody body = NumberedBody.of(hashed, idMember);
    return new AnswerToBind(OK, request.method(), request.path(), CONTENT_TYPE, signer.params(clock.instant()), body::at);
  }

  /** The committed entry's answer, signed; 503 {@code unavailable} if it cannot be. */
  SignedResponse signed(AppendedEntry entry) {
    try {
      BoundAnswer answer = entry.answer().orElseThrow(() -> new IllegalStateException("the entry binds no answer"));
      return signer.sign(answer.body(), answer.base());
    } catch (RuntimeException e) {
      LOG.error("an answer could not be signed; nothing is disclosed", e);
      throw new ProblemException(ErrorCode.UNAVAILABLE, "The answer could not be signed; nothing was disclosed.");
    }
  }
}
