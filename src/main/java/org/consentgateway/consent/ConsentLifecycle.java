package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
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
import org.consentgateway.consent.ConsentNotifications.Event;
import org.consentgateway.consent.ConsentTokens.ReceiptAction;
import org.consentgateway.crypto.Pseudonymizer;
import org.consentgateway.http.ErrorCode;
import org.consentgateway.http.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.Institution;
import org.consentgateway.identity.Principal;
import org.consentgateway.identity.UnifiedSocialCreditCode;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.Purpose;

/**
 * The lifecycle's decisions: what an institution may ask for, and what a citizen's answer does.
 * Every refusal is a {@link ProblemException} with the API's code; every state change that is a
 * lifecycle event is in the audit log before the answer leaves (if the log cannot take it: 503).
 */
final class ConsentLifecycle {

  /** What the citizen gets back from an approval or a revocation. */
  record Receipted(Consent consent, String receipt) {
    Receipted {
      requireNonNull(consent, "consent is null");
      requireNonNull(receipt, "receipt is null");
    }
  }

  /** A request as its institution sees it; an approved one carries a freshly signed consent token. */
  record RequestView(ConsentRequest request, Optional<String> consentToken) {
    RequestView {
      requireNonNull(request, "request is null");
      requireNonNull(consentToken, "consentToken is null");
    }
  }

  /** The actor of the entries the gateway writes itself: expiries. */
  static final String SYSTEM_ACTOR = "system:gateway";

  private final ConsentStore store;
  private final ClientRegistry registry;
  private final PolicyBundle policies;
  private final Pseudonymizer pseudonymizer;
  private final ConsentTokens tokens;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration answerWindow;

  ConsentLifecycle(ConsentStore store, ClientRegistry registry, PolicyBundle policies, Pseudonymizer pseudonymizer,
      ConsentTokens tokens, AuditLog audit, Clock clock, Duration answerWindow) {
    this.store = requireNonNull(store, "store is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.policies = requireNonNull(policies, "policies is null");
    this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.answerWindow = requireNonNull(answerWindow, "answerWindow is null");
  }

  /** Checks the request against the policies and the institution's registration (issue 5), stores and audits it. */
  Future<ConsentRequest> request(Principal caller, NewConsentRequest body) {
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
          RequestStatus.PENDING, now, now.plus(answerWindow), Optional.empty(), Optional.empty());
      return store.insertRequest(request)
          .compose(stored -> record(event(AuditAction.CONSENT_REQUESTED, caller, request.subjectRef(), request.purpose(), grade,
              Optional.empty(), now)))
          .map(request);
    });
  }

  /** The institution's own request; one past its answer window is marked EXPIRED on the way. */
  Future<RequestView> requestStatus(Principal caller, UUID id) {
    Instant now = now();
    return store.findRequest(id).compose(found -> {
      ConsentRequest request = found.filter(r -> r.institutionUscc().equals(caller.id())).orElseThrow(ConsentLifecycle::notFound);
      if (request.status() == RequestStatus.PENDING && request.statusAt(now) == RequestStatus.EXPIRED) {
        // Only the reader whose UPDATE changed the row audits the lapse, so it is recorded once.
        return store.expireRequest(id, now)
            .compose(expired -> expired
                ? record(systemEvent(AuditAction.CONSENT_EXPIRED, request.subjectRef(), request.purpose(), request.grade(),
                    Optional.empty(), now))
                : Future.<Void>succeededFuture())
            .map(recorded -> new RequestView(request, Optional.empty()));
      }
      if (request.consentId().isEmpty()) {
        return Future.succeededFuture(new RequestView(request, Optional.empty()));
      }
      return store.findConsent(request.consentId().get())
          .compose(consent -> registry.findInstitution(UnifiedSocialCreditCode.parse(caller.id()))
              .map(institution -> new RequestView(request, Optional.of(tokens.consentToken(consent.orElseThrow(),
                  institution.orElseThrow().key().thumbprint())))));
    });
  }

  Future<List<ConsentRequest>> requestsOf(Principal citizen) {
    return store.requestsOf(citizen.id());
  }

  /**
   * Creates the consent and marks the request APPROVED in one transaction. DETAIL on account data
   * is sensitive financial information: it needs the citizen's separate, explicit confirmation.
   */
  Future<Receipted> approve(Principal citizen, UUID id, boolean confirmSensitive) {
    Instant now = now();
    Future<Consent> approved = store.inTransaction(tx -> store.lockRequest(tx, id, citizen.id()).compose(found -> {
      ConsentRequest request = pending(found, now);
      if (policies.plan(request.grade()).sensitive() && !confirmSensitive) {
        throw invalid("Grade " + request.grade() + " discloses sensitive financial information: approve it with "
            + "\"confirmSensitive\": true.");
      }
      Consent consent = new Consent(UUID.randomUUID(), request.id(), request.institutionUscc(), request.institutionName(),
          request.subjectRef(), request.purpose(), request.grade(), request.maxUses(), request.maxUses(),
          request.dataWindowMonths(), ConsentStatus.ACTIVE, now, now, now.plus(Duration.ofDays(request.validDays())), now);
      return store.insertConsent(tx, consent)
          .compose(inserted -> store.answer(tx, id, RequestStatus.APPROVED, now, Optional.of(consent.id())))
          .map(changed -> answered(changed, consent));
    }));
    return approved.compose(consent -> record(event(AuditAction.CONSENT_APPROVED, citizen, consent, now))
        .map(recorded -> new Receipted(consent, tokens.receipt(consent, ReceiptAction.APPROVED))));
  }

  Future<ConsentRequest> reject(Principal citizen, UUID id) {
    Instant now = now();
    Future<ConsentRequest> rejected = store.inTransaction(tx -> store.lockRequest(tx, id, citizen.id()).compose(found -> {
      ConsentRequest request = pending(found, now);
      return store.answer(tx, id, RequestStatus.REJECTED, now, Optional.empty()).map(changed -> answered(changed, request));
    }));
    return rejected.compose(request -> record(event(AuditAction.CONSENT_REJECTED, citizen, request.subjectRef(),
            request.purpose(), request.grade(), Optional.empty(), now))
        .map(recorded -> request));
  }

  /** The citizen's consents; one read past its end is written down as EXPIRED (and audited) on the way. */
  Future<List<Consent>> consentsOf(Principal citizen) {
    Instant now = now();
    return store.consentsOf(citizen.id()).compose(consents -> Future.all(consents.stream()
            .filter(consent -> lapsed(consent, now))
            .map(consent -> expire(consent, now))
            .toList())
        .map(done -> consents));
  }

  /** Revocation is final and takes effect at once: the next query reads this row. */
  Future<Receipted> revoke(Principal citizen, UUID id) {
    Instant now = now();
    return change(citizen, id, now, ConsentStatus.REVOKED, ConsentStatus.ACTIVE, ConsentStatus.PAUSED)
        .onSuccess(consent -> store.notify(consent, Event.REVOKED))
        .compose(consent -> record(event(AuditAction.CONSENT_REVOKED, citizen, consent, now))
            .map(recorded -> new Receipted(consent, tokens.receipt(consent, ReceiptAction.REVOKED))));
  }

  Future<Consent> pause(Principal citizen, UUID id) {
    Instant now = now();
    return change(citizen, id, now, ConsentStatus.PAUSED, ConsentStatus.ACTIVE)
        .onSuccess(consent -> store.notify(consent, Event.PAUSED))
        .compose(consent -> record(event(AuditAction.CONSENT_PAUSED, citizen, consent, now)).map(consent));
  }

  Future<Consent> resume(Principal citizen, UUID id) {
    Instant now = now();
    return change(citizen, id, now, ConsentStatus.ACTIVE, ConsentStatus.PAUSED)
        .onSuccess(consent -> store.notify(consent, Event.RESUMED))
        .compose(consent -> record(event(AuditAction.CONSENT_RESUMED, citizen, consent, now)).map(consent));
  }

  /** What {@link #change} did in its transaction: moved the consent, or found it lapsed (and maybe wrote that down). */
  private record Changed(Consent consent, boolean lapsed, boolean expiredNow) {}

  /**
   * Moves the citizen's consent to {@code target} if it is now in one of {@code from}, else 409. A
   * consent found past its end is written down as EXPIRED (and audited, once) before the 409.
   */
  private Future<Consent> change(Principal citizen, UUID id, Instant now, ConsentStatus target, ConsentStatus... from) {
    Future<Changed> changed = store.inTransaction(tx -> store.lockConsent(tx, id, citizen.id()).compose(found -> {
      Consent consent = found.orElseThrow(ConsentLifecycle::notFound);
      if (lapsed(consent, now)) {
        return store.expireConsent(tx, consent.id(), now).map(expired -> new Changed(consent, true, expired));
      }
      ConsentStatus current = consent.statusAt(now);
      if (!List.of(from).contains(current)) {
        throw conflict(current, target);
      }
      Consent next = consent.with(target, now);
      return store.updateStatus(tx, next).map(updated -> new Changed(next, false, false));
    }));
    return changed.compose(result -> {
      if (!result.lapsed()) {
        return Future.succeededFuture(result.consent());
      }
      if (result.expiredNow()) {
        store.notify(result.consent(), Event.EXPIRED);
      }
      Future<Void> recorded = result.expiredNow() ? record(expiredEvent(result.consent(), now)) : Future.succeededFuture();
      return recorded.compose(done -> Future.failedFuture(conflict(ConsentStatus.EXPIRED, target)));
    });
  }

  /** A consent whose row still says ACTIVE or PAUSED but whose period has ended. */
  private static boolean lapsed(Consent consent, Instant now) {
    return consent.status().live() && consent.statusAt(now) == ConsentStatus.EXPIRED;
  }

  /** Writes the lapse down; only the reader whose UPDATE changed the row, on whichever gateway, audits it. */
  private Future<Void> expire(Consent consent, Instant now) {
    return store.expireConsent(consent.id(), now)
        .onSuccess(expired -> {
          if (expired) {
            store.notify(consent, Event.EXPIRED);
          }
        })
        .compose(expired -> expired ? record(expiredEvent(consent, now)) : Future.<Void>succeededFuture());
  }

  private static AuditEvent expiredEvent(Consent consent, Instant now) {
    return systemEvent(AuditAction.CONSENT_EXPIRED, consent.subjectRef(), consent.purpose(), consent.grade(),
        Optional.of(consent.id()), now);
  }

  private static ProblemException conflict(ConsentStatus current, ConsentStatus target) {
    return new ProblemException(ErrorCode.CONFLICT, "The consent is " + current + "; it cannot become " + target + ".");
  }

  private static ConsentRequest pending(Optional<ConsentRequest> found, Instant now) {
    ConsentRequest request = found.orElseThrow(ConsentLifecycle::notFound);
    RequestStatus status = request.statusAt(now);
    if (status != RequestStatus.PENDING) {
      throw new ProblemException(ErrorCode.CONFLICT, "The request is " + status + "; only a PENDING request can be answered.");
    }
    return request;
  }

  // The row is locked, so this cannot happen; if it ever does, failing rolls the transaction back.
  private static <T> T answered(boolean changed, T result) {
    if (!changed) {
      throw new ProblemException(ErrorCode.CONFLICT, "The request was answered meanwhile.");
    }
    return result;
  }

  private Future<Void> record(AuditEvent event) {
    return audit.append(event).<Void>mapEmpty().recover(failure -> Future.failedFuture(
        new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; try again.")));
  }

  private static AuditEvent event(AuditAction action, Principal actor, Consent consent, Instant now) {
    return event(action, actor, consent.subjectRef(), consent.purpose(), consent.grade(), Optional.of(consent.id()), now);
  }

  private static AuditEvent event(AuditAction action, Principal actor, String subjectRef, String purpose, Grade grade,
      Optional<UUID> consentId, Instant now) {
    return event(action, actor.actor(), subjectRef, purpose, grade, consentId, now);
  }

  private static AuditEvent systemEvent(AuditAction action, String subjectRef, String purpose, Grade grade,
      Optional<UUID> consentId, Instant now) {
    return event(action, SYSTEM_ACTOR, subjectRef, purpose, grade, consentId, now);
  }

  private static AuditEvent event(AuditAction action, String actor, String subjectRef, String purpose, Grade grade,
      Optional<UUID> consentId, Instant now) {
    AuditEvent.Builder builder = AuditEvent.builder().time(now).action(action).actor(actor).subjectRef(subjectRef)
        .purpose(purpose).grade(grade.name()).outcome(AuditOutcome.RECORDED);
    consentId.ifPresent(consent -> builder.consentId(consent.toString()));
    return builder.build();
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
