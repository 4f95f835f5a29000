package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.consent.ConsentTokens.ReceiptAction;
import org.consentgateway.crypto.Pseudonymizer;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.Institution;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.Purpose;
import org.consentgateway.value.Principal;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle's decisions: what an institution may ask for, and what a citizen's answer does.
 * Every refusal is a {@link ProblemException} with the API's code.
 *
 * <p>No change without its audit entry (issue 5): each state change appends its entry inside its
 * own transaction, after the row change and before COMMIT, and waits for the entry to commit. If
 * the append fails, the transaction rolls back, nothing changed, and the caller gets 503
 * {@code unavailable}. The audit log writes through a pool of its own, so transactions waiting
 * here never hold the connections the appender needs. One window remains: the entry has
 * committed and then the state's COMMIT fails (the database lost between the two). The log then
 * records a change the database does not show, and the caller gets 503 for an action it may
 * retry. The other order (state first) could leave a change with no entry, which is worse.
 *
 * <p>Requests and consents are read and changed through {@link ConsentStore}, on the Vert.x SQL
 * client: each call is one transaction (or one statement, for a read). A citizen's change locks
 * the row first thing in its transaction (someone else's is 404, as if absent, and changes
 * nothing) and decides on what it holds now. The institution's name, which the answer shows, is
 * asked of the registry (its cache, nearly always) once the transaction has committed, so no
 * transaction waits on another capability; should that fail (the database lost just after
 * COMMIT, and the name not cached), the change stands and the caller gets 503, as when a COMMIT's
 * answer is lost.
 *
 * <p>Webhook events are enqueued after COMMIT and never fail the action.
 */
public final class ConsentLifecycle {

  /** How long a request waits for the citizen's answer before it expires (issue 5). */
  public static final Duration DEFAULT_ANSWER_WINDOW = Duration.ofDays(7);

  private static final Logger LOG = LoggerFactory.getLogger(ConsentLifecycle.class);

  /** What the citizen gets back from an approval or a revocation. */
  public record Receipted(Consent consent, String receipt) {
    public Receipted {
      requireNonNull(consent, "consent is null");
      requireNonNull(receipt, "receipt is null");
    }
  }

  /** A request as its institution sees it; an approved one carries a freshly signed consent token. */
  public record RequestView(ConsentRequest request, Optional<String> consentToken) {
    public RequestView {
      requireNonNull(request, "request is null");
      requireNonNull(consentToken, "consentToken is null");
    }
  }

  private final ConsentStore store;
  private final ClientRegistry registry;
  private final PolicyBundle policies;
  private final Pseudonymizer pseudonymizer;
  private final ConsentTokens tokens;
  private final AuditLog audit;
  private final ConsentExpiry expiry;
  private final ConsentNotifications notifications;
  private final Clock clock;
  private final Duration answerWindow;

  public ConsentLifecycle(ConsentStore store, ClientRegistry registry, PolicyBundle policies, Pseudonymizer pseudonymizer,
      ConsentTokens tokens, AuditLog audit, ConsentExpiry expiry, ConsentNotifications notifications, Clock clock,
      Duration answerWindow) {
    this.store = requireNonNull(store, "store is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.policies = requireNonNull(policies, "policies is null");
    this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.expiry = requireNonNull(expiry, "expiry is null");
    this.notifications = requireNonNull(notifications, "notifications is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.answerWindow = requireNonNull(answerWindow, "answerWindow is null");
  }

  /** Checks the request against the policies and the institution's registration (issue 5), stores and audits it. */
  public Future<ConsentRequest> request(Principal caller, NewConsentRequest body) {
    Purpose purpose = policies.purposes().find(body.purpose())
        .orElseThrow(() -> invalid("purpose is not a known purpose code."));
    Grade grade = Grade.named(body.grade()).orElseThrow(() -> invalid("grade must be BASIC, SUMMARY or DETAIL."));
    int window = body.dataWindowMonths().orElse(purpose.maxDataWindowMonths());
    within("validDays", body.validDays(), purpose.maxValidityDays());
    within("maxUses", body.maxUses(), purpose.maxUses());
    within("dataWindowMonths", window, purpose.maxDataWindowMonths());
    return registry.findInstitution(UnifiedSocialCreditCode.parse(caller.id())).compose(found -> {
      Institution institution = found.filter(Institution::active)
          .orElseThrow(() -> new ProblemException(ErrorCode.FORBIDDEN, "This institution is not active."));
      Optional<Redirect> redirect = redirect(body, institution);
      if (!institution.purposes().contains(purpose.code())) {
        throw new ProblemException(ErrorCode.PURPOSE_NOT_PERMITTED, "This institution is not registered for " + purpose.code() + ".");
      }
      if (!purpose.maxGrade().includes(grade) || !institution.maxGrade().includes(grade)) {
        throw new ProblemException(ErrorCode.GRADE_EXCEEDS_CONSENT, "Grade " + grade + " exceeds the maximum of the purpose ("
            + purpose.maxGrade() + ") or of this institution (" + institution.maxGrade() + ").");
      }
      Instant now = now();
      ConsentRequest request = new ConsentRequest(UUID.randomUUID(), institution.uscc().value(), institution.name(),
          pseudonymizer.subjectRef(body.subject()).value(), purpose.code(), grade, body.validDays(), body.maxUses(), window,
          RequestStatus.PENDING, now, now.plus(answerWindow), Optional.empty(), Optional.empty(), redirect);
      return store.inTransaction(tx -> store.insertRequest(tx, request)
          .compose(stored -> record(event(AuditAction.CONSENT_REQUESTED, caller, request, now))))
          .map(request);
    });
  }

  /**
   * The institution's own request; one past its answer window is written down as EXPIRED on the
   * way (once, by {@link ConsentExpiry}). The answer reads EXPIRED either way.
   */
  public Future<RequestView> requestStatus(Principal caller, UUID id) {
    Instant now = now();
    return store.findRequestWithConsent(id).compose(found -> {
      ConsentStore.RequestAndConsent seen = found.filter(read -> read.request().institutionUscc().equals(caller.id()))
          .orElseThrow(ConsentLifecycle::notFound);
      ConsentRequestRow request = seen.request();
      Future<Void> lapse = request.lapsedAt(now) ? writtenDown(expiry.expireRequest(id, now)) : Future.succeededFuture();
      return lapse.compose(done -> registry.findInstitution(UnifiedSocialCreditCode.parse(caller.id()))).map(registered -> {
        // The caller's own registration: it names the request and binds the token to the caller's key.
        Institution institution = registered.orElseThrow(() -> new IllegalStateException("a request's institution is not registered"));
        return new RequestView(request.named(institution.name()), request.consentId().map(consentId -> tokens.consentToken(
            seen.consent().filter(consent -> consent.id().equals(consentId))
                .orElseThrow(() -> new IllegalStateException("an approved request's consent is missing"))
                .named(institution.name()),
            institution.key().thumbprint())));
      });
    });
  }

  public Future<List<ConsentRequest>> requestsOf(Principal citizen) {
    return store.requestsOf(citizen.id());
  }

  /**
   * The citizen's request {@code id} as stored (its {@link ConsentRequest#statusAt} says whether it
   * can still be answered); 404 {@code not_found} when there is none or it is someone else's.
   */
  public Future<ConsentRequest> requestOf(Principal citizen, UUID id) {
    return ownRequest(citizen, id);
  }

  /**
   * Creates the consent and marks the request APPROVED in one transaction. DETAIL on account data
   * is sensitive financial information: it needs the citizen's separate, explicit confirmation.
   */
  public Future<Receipted> approve(Principal citizen, UUID id, boolean confirmSensitive) {
    Instant now = now();
    Future<ConsentRow> approved = store.inTransaction(tx -> store.lockRequest(tx, id).compose(found -> {
      ConsentRequestRow request = found.filter(row -> row.subjectRef().equals(citizen.id())).orElseThrow(ConsentLifecycle::notFound);
      awaitingAnswer(request.statusAt(now));
      if (policies.plan(request.grade()).sensitive() && !confirmSensitive) {
        throw invalid("Grade " + request.grade() + " discloses sensitive financial information: approve it with "
            + "\"confirmSensitive\": true.");
      }
      ConsentRow consent = ConsentRow.approving(request, UUID.randomUUID(), now);
      return store.approve(tx, consent)
          .compose(answered -> record(event(AuditAction.CONSENT_APPROVED, citizen, consent, now)))
          .map(consent);
    }));
    return approved.compose(store::named).map(consent -> new Receipted(consent, tokens.receipt(consent, ReceiptAction.APPROVED)));
  }

  /** Marks the citizen's request REJECTED; the answer is the request as rejected. */
  public Future<ConsentRequest> reject(Principal citizen, UUID id) {
    Instant now = now();
    return store.inTransaction(tx -> store.lockRequest(tx, id).compose(found -> {
      ConsentRequestRow request = found.filter(row -> row.subjectRef().equals(citizen.id())).orElseThrow(ConsentLifecycle::notFound);
      awaitingAnswer(request.statusAt(now));
      return store.reject(tx, id, now)
          .compose(answered -> record(event(AuditAction.CONSENT_REJECTED, citizen, request.subjectRef(), request.purpose(),
              request.grade(), now).build()))
          .map(request.rejected(now));
    })).compose(store::named);
  }

  /**
   * Where the citizen's browser goes after answering their request {@code id} (the consent page
   * redirects there): {@link ConsentRequest#redirectAfterAnswer()} of the request as stored now.
   * Empty when the request named no redirect URI or is not answered; 404 when it is not the
   * citizen's. Built only from the registered URI the request stored, never from the caller's input.
   */
  public Future<Optional<URI>> redirectAfterAnswer(Principal citizen, UUID id) {
    return ownRequest(citizen, id).map(ConsentRequest::redirectAfterAnswer);
  }

  /**
   * The citizen's consents; one read past its end is written down as EXPIRED (once, by {@link
   * ConsentExpiry}) on the way. The answer shows it EXPIRED either way.
   */
  public Future<List<Consent>> consentsOf(Principal citizen) {
    Instant now = now();
    return store.consentsOf(citizen.id()).compose(consents -> Future.join(consents.stream()
            .filter(consent -> consent.lapsedAt(now))
            .map(consent -> writtenDown(expiry.expireConsent(consent.id(), now)))
            .toList())
        .map(done -> consents));
  }

  /**
   * A receipt for the citizen's consent {@code id}, signed now: that they approved it, or, once
   * revoked, that they withdrew it; 404 when it is none of theirs. The receipt handed out with a
   * change is not stored, so a copy asked for later is signed afresh (its own {@code jti} and
   * {@code iat}) over the same consent, institution, purpose, grade and period.
   */
  public Future<String> receiptOf(Principal citizen, UUID id) {
    return ownConsent(citizen, id).map(consent -> tokens.receipt(consent, switch (consent.status()) {
      case ACTIVE, PAUSED, EXPIRED, EXHAUSTED -> ReceiptAction.APPROVED;
      case REVOKED -> ReceiptAction.REVOKED;
    }));
  }

  /** Revocation is final and takes effect at once: the next query reads this row. */
  public Future<Receipted> revoke(Principal citizen, UUID id) {
    return change(citizen, id, ConsentChange.REVOKE)
        .map(consent -> new Receipted(consent, tokens.receipt(consent, ReceiptAction.REVOKED)));
  }

  public Future<Consent> pause(Principal citizen, UUID id) {
    return change(citizen, id, ConsentChange.PAUSE);
  }

  public Future<Consent> resume(Principal citizen, UUID id) {
    return change(citizen, id, ConsentChange.RESUME);
  }

  /**
   * What {@link #change} did in its transaction: moved the consent, or found it {@code lapsed};
   * {@code writtenDown} names the lapse when this transaction marked it (another may have).
   */
  private record Changed(ConsentRow consent, boolean lapsed, List<ConsentExpiry.Lapsed> writtenDown) {}

  /**
   * Makes {@code change} to the citizen's consent if its status now allows it, and appends the
   * change's entry, in one transaction; else 409. A consent found past its end is written down as
   * EXPIRED (audited once, in the same transaction) before the 409. The institution's webhook hears
   * of the change after COMMIT.
   */
  private Future<Consent> change(Principal citizen, UUID id, ConsentChange change) {
    Instant now = now();
    Future<Changed> changed = store.inTransaction(tx -> store.lockConsent(tx, id).compose(found -> {
      ConsentRow consent = found.filter(row -> row.subjectRef().equals(citizen.id())).orElseThrow(ConsentLifecycle::notFound);
      if (consent.lapsedAt(now)) {
        return expiry.expireConsent(tx, consent.id(), now).map(written -> new Changed(consent, true, written));
      }
      ConsentStatus current = consent.terms().statusAt(now);
      if (!change.allowedFrom(current)) {
        throw conflict(current, change.target());
      }
      ConsentRow next = consent.with(change.target(), now);
      return store.updateStatus(tx, next)
          .compose(updated -> record(event(change.action(), citizen, next, now)))
          .map(recorded -> new Changed(next, false, List.of()));
    }));
    return changed.compose(result -> {
      result.writtenDown().forEach(expiry::announce);
      if (result.lapsed()) {
        return Future.failedFuture(conflict(ConsentStatus.EXPIRED, change.target()));
      }
      notifications.enqueue(result.consent().id(), result.consent().institutionUscc(), change.event());
      return store.named(result.consent());
    });
  }

  /** The citizen's request {@code id}; 404 when there is none or it is someone else's. */
  private Future<ConsentRequest> ownRequest(Principal citizen, UUID id) {
    return store.findRequest(id)
        .map(found -> found.filter(request -> request.subjectRef().equals(citizen.id())).orElseThrow(ConsentLifecycle::notFound))
        .compose(store::named);
  }

  /** The citizen's consent {@code id}; 404 when there is none or it is someone else's. */
  private Future<Consent> ownConsent(Principal citizen, UUID id) {
    return store.findConsent(id)
        .map(found -> found.filter(consent -> consent.subjectRef().equals(citizen.id())).orElseThrow(ConsentLifecycle::notFound))
        .compose(store::named);
  }

  /**
   * A read goes on when the lapse it found cannot be written down now (audit log or database
   * down): nothing changed, the answer still shows EXPIRED, and the sweeper writes it down later.
   */
  private static Future<Void> writtenDown(Future<Boolean> expired) {
    return expired.<Void>mapEmpty().recover(failure -> {
      LOG.warn("a lapse found on a read could not be written down yet: {}", failure.toString());
      return Future.succeededFuture();
    });
  }

  /**
   * The request's redirect, when it names one: the URI must be one the institution registered,
   * compared as exact strings. A refusal does not repeat the URI: it is the institution's text.
   */
  private static Optional<Redirect> redirect(NewConsentRequest body, Institution institution) {
    return body.redirectUri().map(uri -> {
      if (!institution.registeredRedirect(uri)) {
        throw invalid("redirectUri is not one of this institution's registered redirect URIs.");
      }
      return new Redirect(uri, body.state());
    });
  }

  private static ProblemException conflict(ConsentStatus current, ConsentStatus target) {
    return new ProblemException(ErrorCode.CONFLICT, "The consent is " + current + "; it cannot become " + target + ".");
  }

  /** Refuses with 409 unless the (locked) request's {@code status} now lets it be answered. */
  private static void awaitingAnswer(RequestStatus status) {
    if (!status.awaitsAnswer()) {
      throw new ProblemException(ErrorCode.CONFLICT, "The request is " + status + "; only a PENDING request can be answered.");
    }
  }

  /** Appends the change's entry inside its transaction (before COMMIT), and completes once the entry has committed. */
  private Future<Void> record(AuditEvent event) {
    return audit.appendWithinChange(event).mapEmpty();
  }

  private static AuditEvent event(AuditAction action, Principal actor, ConsentRow consent, Instant now) {
    return event(action, actor, consent.subjectRef(), consent.purpose(), consent.grade(), now)
        .consentId(consent.id().toString()).build();
  }

  private static AuditEvent event(AuditAction action, Principal actor, ConsentRequest request, Instant now) {
    return event(action, actor, request.subjectRef(), request.purpose(), request.grade(), now).build();
  }

  private static AuditEvent.Builder event(AuditAction action, Principal actor, String subjectRef, String purpose, Grade grade,
      Instant now) {
    return AuditEvent.builder().time(now).action(action).actor(actor.actor()).subjectRef(subjectRef)
        .purpose(purpose).grade(grade.name()).outcome(AuditOutcome.RECORDED);
  }

  private static void within(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw invalid(field + " must be between 1 and " + max + " for this purpose.");
    }
  }

  // Whole seconds: the tokens carry seconds (RFC 7519 NumericDate), so every view of a time agrees.
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static ProblemException notFound() {
    return new ProblemException(ErrorCode.NOT_FOUND, "No such consent request or consent.");
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ErrorCode.INVALID_REQUEST, detail);
  }
}
