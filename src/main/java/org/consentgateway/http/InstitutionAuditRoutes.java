package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.reply;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.audit.ActorProofs;
import org.consentgateway.audit.AuditRangeException;
import org.consentgateway.db.DatabaseFailure;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/queries/proofs/inclusion?index=} (docs/api.md "Institution"; AccessRules admit only
 * institutions): the inclusion proof of an audit entry the calling institution made (a query's
 * {@code auditIndex}), with the entry's bytes and the public checkpoint it proves against, so the
 * institution checks it offline. Any other index, another's entry or one past the log, is the same
 * 404; an entry of its own that no public checkpoint covers yet is 409 (ask again in a second).
 * Not audited, like the citizen's proofs: hashes and the caller's own entry only.
 */
public final class InstitutionAuditRoutes {

  public static final String INCLUSION_PATH = "/v1/queries/proofs/inclusion";

  private static final Logger LOG = LoggerFactory.getLogger(InstitutionAuditRoutes.class);
  private static final String NOT_YOURS = "You have no audit entry with this index.";

  private final ActorProofs proofs;

  public InstitutionAuditRoutes(ActorProofs proofs) {
    this.proofs = requireNonNull(proofs, "proofs is null");
  }

  public void mount(Router router) {
    router.get(INCLUSION_PATH).handler(this::inclusion);
  }

  private void inclusion(RoutingContext context) {
    Principal caller = Caller.of(context);
    if (caller == null || caller.role() != Role.INSTITUTION) {
      // The access rules admit only institutions here; this is a second lock on the same door.
      throw new ProblemException(ErrorCode.FORBIDDEN, "Only an institution has queries to prove.");
    }
    long index = AuditRoutes.parameter(context, "index");
    reply(context, 200, proofs.inclusion(caller.actor(), index)
        .map(found -> found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, NOT_YOURS)).toJson())
        .recover(failure -> Future.failedFuture(problem(failure))));
  }

  private static ProblemException problem(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem;
    }
    if (failure instanceof AuditRangeException) {
      return new ProblemException(ErrorCode.CONFLICT, "No signed checkpoint covers this entry yet; ask again in a second.");
    }
    if (DatabaseFailure.unavailable(failure)) {
      LOG.debug("an institution's inclusion proof could not be read: the database does not answer");
    } else {
      LOG.error("an institution's inclusion proof could not be read", failure);
    }
    return new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; nothing was disclosed.");
  }
}
