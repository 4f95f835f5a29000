package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.AuditRangeException;
import org.consentgateway.audit.InquiryPage;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.SubjectProofs;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.query.InquiryHistory;
import org.consentgateway.value.Principal;

/**
 * "Who looked at my credit report": {@value #PATH} lists every query about the citizen, allowed
 * or refused, newest first, {@value #PAGE_SIZE} a page ({@code ?before=<index>} for older ones,
 * {@code ?after=<index>} for newer), each with an element {@code proof.js} binds to: it fetches the
 * entry's inclusion proof from {@value #PROOF_PATH} and the signed checkpoint, and checks both in
 * the browser against the verifier key and origin the page pins.
 *
 * <p>{@value #PROOF_PATH}{@code ?index=&size=} answers the proof as the API does ({@code
 * {"index", "size", "hashes"}}), for the citizen's own entries only: any other index is the same
 * 404 ({@link SubjectProofs}). Neither read is audited, as in the API: the history shows the
 * citizen entries about themself, a proof is hashes only.
 */
public final class InquiryPages {

  public static final String PATH = "/app/queries";
  public static final String PROOF_PATH = "/app/proofs/inclusion";
  /** The public signed checkpoint (the API's {@code /v1/audit/checkpoint}), same origin. */
  public static final String CHECKPOINT_URL = "/v1/audit/checkpoint";
  /** Queries on one page. */
  public static final int PAGE_SIZE = 20;

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final InquiryHistory history;
  private final SubjectProofs proofs;
  private final PurposeCatalog purposes;
  private final ProofPins pins;

  public InquiryPages(SignedIn signedIn, Pages pages, Responder responder, InquiryHistory history, SubjectProofs proofs,
      PurposeCatalog purposes, ProofPins pins) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.history = requireNonNull(history, "history is null");
    this.proofs = requireNonNull(proofs, "proofs is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
    this.pins = requireNonNull(pins, "pins is null");
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::show);
    router.get(PROOF_PATH).handler(signedIn.guard()).handler(this::proof);
  }

  /**
   * A page of the history, newest first, and whether it links to its neighbours: older entries
   * follow its last row, newer ones precede its first. An empty page links nowhere.
   */
  public record Paging(List<InquiryRow> rows, boolean older, boolean newer) {
    public Paging {
      rows = List.copyOf(rows);
      older &= !rows.isEmpty();
      newer &= !rows.isEmpty();
    }

    /** {@code ?before=} of the older page: the last row's index. */
    public long olderBefore() {
      return rows.get(rows.size() - 1).index();
    }

    /** {@code ?after=} of the newer page: the first row's index. */
    public long newerAfter() {
      return rows.get(0).index();
    }
  }

  private void show(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    Page page = pages.page(context, "queries.title", signedIn.csrfToken(context));
    Labels labels = new Labels(page.messages(), purposes);
    responder.respond(context, () -> paging(context, citizen.id(), labels), paging -> pages.render(context, 200,
        "dashboard/queries.jte", page, Map.of("paging", paging, "pins", pins)));
  }

  private Future<Paging> paging(RoutingContext context, String subjectRef, Labels labels) {
    boolean olderThan = context.request().getParam("before") != null;
    boolean newerThan = context.request().getParam("after") != null;
    if (olderThan && newerThan) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "A page is before an entry or after one, not both.");
    }
    if (newerThan) {
      // Reached from a newer page, so older entries follow this one.
      return history.newer(subjectRef, Paths.number(context, "after"), PAGE_SIZE)
          .map(found -> paging(found, labels, true, found.more()));
    }
    // Reached from a newer page when it names an entry to be older than; the first page has nothing newer.
    long before = olderThan ? Paths.number(context, "before") : InquiryStore.NO_BOUND;
    return history.page(subjectRef, before, PAGE_SIZE).map(found -> paging(found, labels, found.more(), olderThan));
  }

  private static Paging paging(InquiryPage page, Labels labels, boolean older, boolean newer) {
    return new Paging(page.inquiries().stream().map(inquiry -> InquiryRow.of(inquiry, labels)).toList(), older, newer);
  }

  private void proof(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    responder.respondJson(context, () -> proofs.inclusion(citizen.id(), Paths.number(context, "index"), Paths.number(context, "size"))
        .recover(failure -> Future.failedFuture(failure instanceof AuditRangeException
            // Only the tree size can be out of range for an entry of theirs, and the log's size is public.
            ? new ProblemException(ErrorCode.INVALID_REQUEST, "The tree size does not hold this entry.")
            : failure))
        .map(found -> found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "You have no audit entry with this index."))),
        proof -> pages.json(context, 200, proof.toJson()));
  }

  /** The proof element's URL for one entry, as {@code proof.js} fetches it (it adds {@code size}). */
  public static String proofUrl(long index) {
    return PROOF_PATH + "?index=" + index;
  }
}
