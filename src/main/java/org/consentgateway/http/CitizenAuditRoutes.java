package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.reply;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.audit.AuditRangeException;
import org.consentgateway.audit.InquiryJson;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.SubjectProofs;
import org.consentgateway.db.DatabaseFailure;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.query.InquiryHistory;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A citizen's view of the audit log (docs/api.md "Citizen"; AccessRules admit only citizens to
 * {@code /v1/me/*}, and a citizen principal's id is their subjectRef):
 *
 * <ul>
 *   <li>{@code GET /v1/me/queries?limit=&before=}: every query about the caller, allowed or refused,
 *       newest first, a plain array; when older ones may follow, an RFC 8288 {@code Link} header
 *       with {@code rel="next"}. An institution's query names it ({@code "institution": {"uscc",
 *       "name"}}); the citizen's own report is {@code "actor": "SELF"} instead.
 *   <li>{@code GET /v1/me/audit/proofs/inclusion?index=&size=}: the regulator's inclusion proof,
 *       only for an entry about the caller. Any other index, someone else's, one with no subject,
 *       or past the log, is the same 404, so an answer reveals nothing about entries not theirs.
 * </ul>
 *
 * <p>Neither read is audited: the history shows the caller entries about themself, and a proof is
 * hashes only; auditing them would also grow the log on every look at it.
 */
public final class CitizenAuditRoutes {

  public static final String QUERIES_PATH = "/v1/me/queries";
  public static final String INCLUSION_PATH = "/v1/me/audit/proofs/inclusion";
  /** Inquiries in a page when the caller names no {@code limit}. */
  public static final int DEFAULT_LIMIT = 50;
  /** The most inquiries one page returns. */
  public static final int MAX_LIMIT = 200;

  private static final Logger LOG = LoggerFactory.getLogger(CitizenAuditRoutes.class);
  private static final String NOT_YOURS = "You have no audit entry with this index.";

  private final InquiryHistory history;
  private final SubjectProofs proofs;

  public CitizenAuditRoutes(InquiryHistory history, SubjectProofs proofs) {
    this.history = requireNonNull(history, "history is null");
    this.proofs = requireNonNull(proofs, "proofs is null");
  }

  public void mount(Router router) {
    router.get(QUERIES_PATH).handler(this::queries);
    router.get(INCLUSION_PATH).handler(this::inclusion);
  }

  private void queries(RoutingContext context) {
    String subjectRef = citizen(context);
    int limit = limit(context);
    long before = context.request().getParam("before") == null ? InquiryStore.NO_BOUND : AuditRoutes.parameter(context, "before");
    reply(context, 200, history.page(subjectRef, before, limit)
        .map(page -> {
          if (page.more()) {
            // RFC 8288 §3: the next page is the entries older than the last one shown.
            context.response().putHeader("Link",
                "<" + QUERIES_PATH + "?before=" + page.nextBefore() + "&limit=" + limit + ">; rel=\"next\"");
          }
          return InquiryJson.array(page.inquiries());
        })
        .recover(failure -> {
          logUnlessOutage("a citizen's inquiry history could not be read", failure);
          return Future.failedFuture(unavailable());
        }));
  }

  private void inclusion(RoutingContext context) {
    String subjectRef = citizen(context);
    long index = AuditRoutes.parameter(context, "index");
    long size = AuditRoutes.parameter(context, "size");
    reply(context, 200, proofs.inclusion(subjectRef, index, size)
        .map(found -> found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, NOT_YOURS)).toJson())
        .recover(failure -> Future.failedFuture(problem(failure))));
  }

  private static ProblemException problem(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem;
    }
    if (failure instanceof AuditRangeException range) {
      // Only the tree size can be out of range here, and the log's size is public (the checkpoint).
      return new ProblemException(ErrorCode.INVALID_REQUEST, range.getMessage() + ".");
    }
    logUnlessOutage("an inclusion proof for a citizen could not be read", failure);
    return unavailable();
  }

  // A database outage is one event, which db.DatabaseHealth reports; anything else is news.
  private static void logUnlessOutage(String what, Throwable failure) {
    if (DatabaseFailure.unavailable(failure)) {
      LOG.debug("{}: the database does not answer", what);
    } else {
      LOG.error(what, failure);
    }
  }

  private static String citizen(RoutingContext context) {
    Principal caller = Caller.of(context);
    if (caller == null || caller.role() != Role.CITIZEN) {
      // The access rules admit only citizens to /v1/me/*; this is a second lock on the same door.
      throw new ProblemException(ErrorCode.FORBIDDEN, "Only a citizen has an inquiry history.");
    }
    return caller.id();
  }

  private static int limit(RoutingContext context) {
    String text = context.request().getParam("limit");
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, "Query parameter limit must be a whole number from 1 to " + MAX_LIMIT + ".");
  }

  private static ProblemException unavailable() {
    return new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; nothing was disclosed.");
  }
}
