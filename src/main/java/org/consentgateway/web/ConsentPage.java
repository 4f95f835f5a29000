package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.consentgateway.consent.ConsentLifecycle;
import org.consentgateway.consent.ConsentLifecycle.Receipted;
import org.consentgateway.consent.ConsentRequest;
import org.consentgateway.consent.RequestStatus;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.Purpose;
import org.consentgateway.value.Principal;

/**
 * The consent screen: a PENDING request addressed to the signed-in citizen, shown from the
 * policies and the registry ({@link ConsentScreen}), answered with Approve or Reject; after
 * approval the signed receipt ({@link ReceiptView}). A request that is someone else's, or none,
 * is the 404 page; one already answered or expired is a page saying so.
 *
 * <p>Sensitive data (a grade the policies mark sensitive) is approved only with its own ticked
 * confirmation: checked here, so the page can say what is missing beside the box, and again by
 * the lifecycle. After an answer, the citizen is offered the way back to the institution only
 * through the target the consent capability builds ({@link #returnTarget}), never from a URL in
 * the form or the query.
 */
public final class ConsentPage {

  public static final String PATH = CitizenApp.PREFIX + "/consent-requests/:id";
  public static final String APPROVE_PATH = PATH + "/approve";
  public static final String REJECT_PATH = PATH + "/reject";
  /** The sensitive-data confirmation's checkbox; ticked, it sends {@value #CONFIRMED}. */
  public static final String CONFIRM_FIELD = "confirmSensitive";
  public static final String CONFIRMED = "yes";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final ConsentLifecycle lifecycle;
  private final PolicyBundle policies;
  private final Clock clock;

  public ConsentPage(SignedIn signedIn, Pages pages, Responder responder, ConsentLifecycle lifecycle, PolicyBundle policies, Clock clock) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    this.policies = requireNonNull(policies, "policies is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::show);
    router.post(APPROVE_PATH).handler(signedIn.guard()).handler(this::approve);
    router.post(REJECT_PATH).handler(signedIn.guard()).handler(this::reject);
  }

  private void show(RoutingContext context) {
    whilePending(context, request -> screen(context, request, false));
  }

  private void approve(RoutingContext context) {
    boolean confirmed = CONFIRMED.equals(context.request().getFormAttribute(CONFIRM_FIELD));
    whilePending(context, request -> {
      if (policies.plan(request.grade()).sensitive() && !confirmed) {
        // The same page again, with what is missing said at the top and beside the box. 200, as a
        // page a browser shows: the answer is in the page, and a 4xx would be a console error.
        return screen(context, request, true);
      }
      Principal citizen = signedIn.citizen(context);
      return lifecycle.approve(citizen, request.id(), confirmed)
          .compose(receipted -> approved(context, request, receipted))
          .recover(failure -> answeredMeanwhile(context, request.id(), failure));
    });
  }

  private void reject(RoutingContext context) {
    whilePending(context, request -> {
      return lifecycle.reject(signedIn.citizen(context), request.id())
          .compose(rejected -> answered(context, request, "consent.rejected.title", Outcome.of(request.institutionName(),
              pages.messages(context).text("consent.rejected.lead", request.institutionName()))))
          .recover(failure -> answeredMeanwhile(context, request.id(), failure));
    });
  }

  /**
   * Reads the citizen's request named by the path and hands it to {@code pending} while it can
   * still be answered; otherwise answers with the page that says why not. Whatever fails on the
   * way ends as an error page.
   */
  private void whilePending(RoutingContext context, Function<ConsentRequest, Future<Void>> pending) {
    Optional<UUID> id = PathIds.uuid(context);
    if (id.isEmpty()) {
      responder.notFound(context);
      return;
    }
    lifecycle.requestOf(signedIn.citizen(context), id.get())
        .compose(request -> request.statusAt(now()).awaitsAnswer() ? pending.apply(request) : closed(context, request))
        .onFailure(failure -> responder.showError(context, failure));
  }

  private Future<Void> screen(RoutingContext context, ConsentRequest request, boolean missingConfirmation) {
    Purpose purpose = policies.purposes().find(request.purpose())
        .orElseThrow(() -> new IllegalStateException("a stored request names a purpose the policies do not know"));
    ConsentScreen screen = ConsentScreen.of(request, purpose, policies.plan(request.grade()), pages.messages(context), now());
    pages.render(context, 200, "consent-request.jte",
        page(context, request, missingConfirmation ? "consent.title.error" : "consent.title"),
        Map.of("screen", screen, "missingConfirmation", missingConfirmation));
    return Future.succeededFuture();
  }

  /** Just approved: the receipt the approval returned. */
  private Future<Void> approved(RoutingContext context, ConsentRequest request, Receipted receipted) {
    Messages words = pages.messages(context);
    ReceiptView receipt = ReceiptView.of(receipted.receipt(), policies.purposes(), words);
    return answered(context, request, "consent.approved.title", Outcome.of(request.institutionName(), words.text(
        "consent.approved.lead", request.institutionName(), receipt.gradeName(), receipt.purposeLabel(), receipt.validUntil()))
        .withReceipt(receipt));
  }

  /** The page for a request that can no longer be answered: approved (with its receipt), rejected, or expired. */
  private Future<Void> closed(RoutingContext context, ConsentRequest request) {
    Messages words = pages.messages(context);
    RequestStatus status = request.statusAt(now());
    return switch (status) {
      case APPROVED -> lifecycle.receiptOf(signedIn.citizen(context), request.consentId().orElseThrow())
          .compose(receipt -> answered(context, request, "consent.answered.title", Outcome.of(request.institutionName(),
              words.text("consent.answered.APPROVED", answeredAt(request, words)))
              .withReceipt(ReceiptView.of(receipt, policies.purposes(), words))));
      case REJECTED -> answered(context, request, "consent.answered.title", Outcome.of(request.institutionName(),
          words.text("consent.answered.REJECTED", answeredAt(request, words), request.institutionName())));
      case EXPIRED -> answered(context, request, "consent.expired.title", Outcome.of(request.institutionName(),
          words.text("consent.answered.EXPIRED", DisplayTime.of(request.expiresAt(), words), request.institutionName())));
      case PENDING -> Future.failedFuture(new IllegalStateException("a pending request is shown, not closed"));
    };
  }

  /** The page after an answer, with the way back to the institution when the consent capability gives one. */
  private Future<Void> answered(RoutingContext context, ConsentRequest request, String titleKey, Outcome outcome) {
    return returnTarget(signedIn.citizen(context), request.id()).compose(target -> {
      pages.render(context, 200, "consent-answered.jte", page(context, request, titleKey),
          Map.of("outcome", target.map(outcome::returningTo).orElse(outcome)));
      return Future.succeededFuture();
    });
  }

  /** Every page of a request, also one sent in answer to its form, switches language to the request's own page. */
  private Page page(RoutingContext context, ConsentRequest request, String titleKey) {
    return pages.page(context, titleKey, signedIn.csrfToken(context), PATH.replace(":id", request.id().toString()));
  }

  private static String answeredAt(ConsentRequest request, Messages words) {
    return DisplayTime.of(request.answeredAt().orElseThrow(), words);
  }

  /** An answer refused because the request was answered meanwhile (in another tab): the page that says so. */
  private Future<Void> answeredMeanwhile(RoutingContext context, UUID id, Throwable failure) {
    if (failure instanceof ProblemException problem && problem.code() == ErrorCode.CONFLICT) {
      return lifecycle.requestOf(signedIn.citizen(context), id).compose(request -> closed(context, request));
    }
    return Future.failedFuture(failure);
  }

  /**
   * Where the citizen goes back to after answering request {@code id}: the target the consent
   * capability builds from the redirect URI the institution registered and named in the request,
   * with the request's {@code state} and the outcome; never a URL from the form or the query.
   * Empty when the request named none.
   */
  private Future<Optional<URI>> returnTarget(Principal citizen, UUID id) {
    return lifecycle.redirectAfterAnswer(citizen, id);
  }

  private Instant now() {
    return clock.instant();
  }
}
