package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.replyEncoded;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditRangeException;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;

/**
 * A regulator's read of the log or of what is computed from it, audited: the answer's bytes are
 * hashed into an {@code audit.read} entry, which is committed before the bytes leave; if it
 * cannot be recorded, nothing is disclosed (503).
 */
final class RegulatorReads {

  private final AuditLog log;
  private final Clock clock;

  RegulatorReads(AuditLog log, Clock clock) {
    this.log = requireNonNull(log, "log is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Records the read (with the hash of exactly the bytes disclosed), waits for it to be durable, then answers with those bytes. */
  void disclose(RoutingContext context, Future<? extends JsonNode> body, String disclosed) {
    Principal reader = Caller.of(context);
    replyEncoded(context, 200, body.map(JsonRoutes::encode)
        .compose(json -> record(reader, disclosed, json).map(appended -> json))
        .recover(failure -> Future.failedFuture(failure instanceof AuditRangeException range
            ? new ProblemException(ErrorCode.INVALID_REQUEST, range.getMessage() + ".")
            : failure instanceof ProblemException problem ? problem : unavailable())));
  }

  /** Records that {@code reader} is about to receive {@code answer} (its exact bytes); completes once durable. */
  Future<Void> record(Principal reader, String disclosed, byte[] answer) {
    return log.append(AuditEvent.read(clock.instant(), reader.actor(), disclosed, Sha256Hash.digest(answer)))
        .mapEmpty();
  }

  static ProblemException unavailable() {
    return new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; nothing was disclosed.");
  }
}
