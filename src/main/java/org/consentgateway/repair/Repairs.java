package org.consentgateway.repair;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.db.OverdueGauge;
import org.consentgateway.db.Transaction;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.InformationCategory;
import org.consentgateway.policy.PolicyBundle;
import org.consentgateway.policy.RepairRule;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.RecordChangeStore;
import org.consentgateway.value.Principal;

/**
 * The credit-repair decisions. A citizen applies to repair one of their own public records when
 * its category allows it and the earliest time after the behaviour ended has come (one pending
 * application per record); the record's data provider approves (the record is marked repaired,
 * its previous version kept in its history) or rejects it with a reason; the citizen may withdraw
 * it while pending. Another citizen's record or application, and another provider's application,
 * are answered as none (404). Every step's audit entry is appended inside the step's transaction,
 * before COMMIT: if the log cannot take it, nothing changes (503).
 */
public final class Repairs {

  /**
   * The day against which "too early" is decided: the gateway's day, as the query's display
   * periods and consent limits count it (China Standard Time).
   */
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** The longest decision note or rejection reason, in characters. */
  public static final int MAX_NOTE_LENGTH = 1000;

  private final RepairStore store;
  private final RecordChangeStore records;
  private final PolicyBundle policies;
  private final AuditLog audit;
  private final RepairConfig config;
  private final Clock clock;
  private final OverdueGauge overdue;

  public Repairs(RepairStore store, RecordChangeStore records, PolicyBundle policies, AuditLog audit, RepairConfig config, Clock clock,
      OverdueGauge overdue) {
    this.store = requireNonNull(store, "store is null");
    this.records = requireNonNull(records, "records is null");
    this.policies = requireNonNull(policies, "policies is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.overdue = requireNonNull(overdue, "overdue is null");
  }

  /**
   * Applies to repair the citizen's own public record {@code recordId}. Refused with {@code
   * repair_not_allowed} when the record is an account, its category allows no repair or it is
   * repaired already; {@code repair_too_early} (with {@code possibleFrom}) before the earliest
   * day; 409 while an application is pending; 404 for anyone else's record. The record's row is
   * locked first, so two applications for one record cannot both find none pending.
   */
  public Future<Repair> apply(Principal citizen, UUID recordId, Evidence evidence) {
    requireNonNull(evidence, "evidence is null");
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZONE);
    return store.sessions().inTransaction(tx -> records.lockOwnProvided(tx, recordId, citizen.id()).compose(provided -> {
      RepairRule rule = eligibility(provided, today).ruleOrRefusal();
      InformationCategory category = rule.category();
      if (evidence.attachmentBytes() > rule.maxAttachmentBytes()) {
        throw refused(ErrorCode.INVALID_REQUEST, "attachments must hold at most " + rule.maxAttachmentBytes() + " bytes together.");
      }
      return store.pendingOn(tx, recordId).compose(pending -> {
        if (pending) {
          throw refused(ErrorCode.CONFLICT, "This record already has a pending repair application.");
        }
        return tx.rejoin(audit.appendWithinChange(event(AuditAction.REPAIR_APPLIED, citizen.actor(), provided.record().subjectRef(), now)
            .reasonCode(category.name().toLowerCase(Locale.ROOT)).build()));
      }).compose(entry -> {
        Repair repair = new Repair(UUID.randomUUID(), provided.record().subjectRef(), recordId, provided.provider(), category,
            rule.outcome(), evidence, RepairStatus.PENDING, now, now.plus(config.dueAfter()), entry.index(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());
        return store.insert(tx, repair).map(repair);
      });
    }));
  }

  /**
   * Whether the citizen may apply to repair their own record {@code recordId} today, and under
   * which rule (for the page that offers it); 404 for anyone else's record.
   */
  public Future<Eligibility> eligibility(Principal citizen, UUID recordId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZONE);
    return store.sessions().reading(tx -> records.ownProvided(tx, recordId, citizen.id()))
        .map(provided -> eligibility(provided, today));
  }

  /** Whether a public record of the citizen's report ({@code repaired} already or not) may be repaired today. */
  public Eligibility eligibility(PublicRecord record, boolean repaired) {
    return Eligibility.of(record, repaired, policies, LocalDate.ofInstant(clock.instant(), ZONE));
  }

  private Eligibility eligibility(RecordChangeStore.Provided provided, LocalDate today) {
    return provided.publicRecord().map(record -> Eligibility.of(record, provided.repair().isPresent(), policies, today))
        .orElseGet(Eligibility::account);
  }

  /** The citizen's own applications, newest first. */
  public Future<List<Repair>> of(Principal citizen) {
    return store.ofSubject(citizen.id());
  }

  /** The applications the operator decides (its own records'), oldest due date first. */
  public Future<List<Repair>> forProvider(Principal operator) {
    return store.ofProvider(operator.id());
  }

  /** One application the operator decides (of its own records'); 404 for any other, as for a decision. */
  public Future<Repair> forProvider(Principal operator, UUID id) {
    return store.find(id).map(found -> found.filter(repair -> repair.provider().equals(operator.id()))
        .orElseThrow(() -> refused(ErrorCode.NOT_FOUND, "No such repair application.")));
  }

  /** The applications the operator decides in {@code status}, oldest due date first. */
  public Future<List<Repair>> forProvider(Principal operator, RepairStatus status) {
    return store.ofProvider(operator.id(), status);
  }

  /** Withdraws the citizen's own pending application; 404 for anyone else's, {@code repair_not_pending} once decided. */
  public Future<Repair> withdraw(Principal citizen, UUID id) {
    return decide(id, repair -> repair.subjectRef().equals(citizen.id()),
        new Decision(RepairStatus.WITHDRAWN, citizen.actor(), clock.instant(), Optional.empty()));
  }

  /**
   * Approves a pending application of one of the operator's own records: the record is marked
   * repaired (its previous version kept in its history, naming the repair) in the same
   * transaction, so every later query on any gateway sees it.
   */
  public Future<Repair> approve(Principal operator, UUID id) {
    return decide(id, repair -> repair.provider().equals(operator.id()),
        new Decision(RepairStatus.APPROVED, operator.actor(), clock.instant(), Optional.empty()));
  }

  /** {@link #approve(Principal, UUID)} with a note the citizen is shown. */
  public Future<Repair> approve(Principal operator, UUID id, String note) {
    String text = checkedNote("note", note);
    return decide(id, repair -> repair.provider().equals(operator.id()),
        new Decision(RepairStatus.APPROVED, operator.actor(), clock.instant(), Optional.of(text)));
  }

  /** Rejects a pending application of one of the operator's own records, with the reason the citizen is told. */
  public Future<Repair> reject(Principal operator, UUID id, String reason) {
    String text = checkedNote("reason", reason);
    return decide(id, repair -> repair.provider().equals(operator.id()),
        new Decision(RepairStatus.REJECTED, operator.actor(), clock.instant(), Optional.of(text)));
  }

  private Future<Repair> decide(UUID id, Predicate<Repair> mayDecide, Decision decision) {
    Instant now = decision.at();
    String actor = decision.actor();
    Future<Repair> decided = store.sessions().inTransaction(tx -> store.lock(tx, id).compose(found -> {
      Repair repair = found.filter(mayDecide).orElseThrow(() -> refused(ErrorCode.NOT_FOUND, "No such repair application."));
      boolean pending = switch (repair.status()) {
        case PENDING -> true;
        case APPROVED, REJECTED, WITHDRAWN -> false;
      };
      if (!pending) {
        throw refused(ErrorCode.REPAIR_NOT_PENDING, "The repair application is already " + repair.status() + ".");
      }
      return effect(tx, repair, decision.status(), actor, now)
          .compose(done -> tx.rejoin(audit.appendWithinChange(event(action(decision.status()), actor, repair.subjectRef(), now)
              .reasonCode(repair.category().name().toLowerCase(Locale.ROOT)).build())))
          .compose(entry -> {
            Repair closed = repair.decided(decision, entry.index());
            return store.decide(tx, closed).map(closed);
          });
    }));
    return decided.onSuccess(done -> overdue.refresh());
  }

  /** What the decision does to the record: an approval marks it repaired; a rejection or withdrawal nothing. */
  private Future<Void> effect(Transaction tx, Repair repair, RepairStatus decision, String actor, Instant now) {
    return switch (decision) {
      case APPROVED -> records.markRepaired(tx, repair.id(), repair.recordId(), repair.outcome(), actor, now);
      case REJECTED, WITHDRAWN -> Future.succeededFuture();
      case PENDING -> throw new IllegalStateException("a decision never leaves an application PENDING");
    };
  }

  private static AuditAction action(RepairStatus decision) {
    return switch (decision) {
      case APPROVED -> AuditAction.REPAIR_APPROVED;
      case REJECTED -> AuditAction.REPAIR_REJECTED;
      case WITHDRAWN -> AuditAction.REPAIR_WITHDRAWN;
      case PENDING -> throw new IllegalStateException("PENDING is no decision");
    };
  }

  // A repair's entries name who acted on whose data and the record's category, never the evidence, the note or the record.
  private static AuditEvent.Builder event(AuditAction action, String actor, String subjectRef, Instant now) {
    return AuditEvent.builder().time(now).action(action).actor(actor).subjectRef(subjectRef).outcome(AuditOutcome.RECORDED);
  }

  private static ProblemException refused(ErrorCode code, String detail) {
    return new ProblemException(code, detail);
  }

  private static String checkedNote(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be a non-empty string.");
    }
    String stripped = text.strip();
    if (stripped.codePointCount(0, stripped.length()) > MAX_NOTE_LENGTH) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be at most " + MAX_NOTE_LENGTH + " characters.");
    }
    return stripped;
  }

  /** The gauge {@code gateway.repairs.overdue} in {@code /metrics}, to pass to the constructor; started and stopped by the wiring. */
  public static OverdueGauge overdueGauge(Vertx vertx, RepairStore store, Clock clock, MeterRegistry metrics) {
    return new OverdueGauge(vertx, "gateway.repairs.overdue", "Pending repair applications past their due date", store::countOverdue, clock,
        metrics);
  }
}
