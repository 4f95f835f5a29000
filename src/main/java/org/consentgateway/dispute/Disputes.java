package org.consentgateway.dispute;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.db.OverdueGauge;
import org.consentgateway.db.Transaction;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.records.RecordChangeStore;
import org.consentgateway.records.RecordChanges;
import org.consentgateway.value.Principal;

/**
 * The dispute decisions. A citizen files one on their own record (one open dispute per record);
 * an operator resolves it: {@code CORRECTED} applies the correction to the record (its previous
 * version kept in the record's history) and closes the dispute in one transaction, {@code
 * REJECTED} closes it unchanged. Every step's audit entry is appended inside the step's
 * transaction, before COMMIT: if the log cannot take it, nothing changes (503).
 */
public final class Disputes {

  /** The longest reason or resolution note, in characters. */
  public static final int MAX_TEXT_LENGTH = 1000;

  /** How an operator resolves a dispute. */
  public record Resolution(DisputeStatus outcome, String note, Optional<JsonNode> correction) {
    public Resolution {
      requireNonNull(outcome, "outcome is null");
      requireNonNull(note, "note is null");
      requireNonNull(correction, "correction is null");
      // Every status decided here: one added later does not compile until it is, and OPEN is no outcome.
      boolean corrects = switch (outcome) {
        case OPEN -> throw new ProblemException(ErrorCode.INVALID_REQUEST, "outcome must be CORRECTED or REJECTED.");
        case CORRECTED -> true;
        case REJECTED -> false;
      };
      if (corrects && correction.isEmpty()) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "A CORRECTED dispute needs the correction to apply.");
      }
      if (!corrects && correction.isPresent()) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "A REJECTED dispute changes nothing: leave out correction.");
      }
      note = checkedText("note", note);
    }
  }

  private final DisputeStore store;
  private final RecordChangeStore records;
  private final AuditLog audit;
  private final DisputeConfig config;
  private final Clock clock;
  private final OverdueGauge overdue;

  public Disputes(DisputeStore store, RecordChangeStore records, AuditLog audit, DisputeConfig config, Clock clock,
      OverdueGauge overdue) {
    this.store = requireNonNull(store, "store is null");
    this.records = requireNonNull(records, "records is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.config = requireNonNull(config, "config is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.overdue = requireNonNull(overdue, "overdue is null");
  }

  /**
   * Files a dispute of the citizen's own record; 404 for anyone else's, 409 while one is open. The
   * record's row is locked first, so two filings of one record cannot both find it undisputed.
   */
  public Future<Dispute> file(Principal citizen, UUID recordId, String reason) {
    String text = checkedText("reason", reason);
    Instant now = clock.instant();
    return store.sessions().inTransaction(tx -> records.findOwn(tx, recordId, citizen.id())
        .compose(record -> records.lock(tx, record).compose(locked -> store.openOn(tx, recordId)).compose(open -> {
          if (open) {
            throw new ProblemException(ErrorCode.CONFLICT, "This record already has an open dispute.");
          }
          return tx.rejoin(audit.appendWithinChange(event(AuditAction.DISPUTE_FILED, citizen.actor(), record.subjectRef(), now).build()));
        }).compose(entry -> {
          Dispute dispute = new Dispute(UUID.randomUUID(), record.subjectRef(), recordId, record.kind(), text, DisputeStatus.OPEN,
              now, now.plus(config.dueAfter()), entry.index(), Optional.empty(), Optional.empty(), Optional.empty(),
              Optional.empty());
          return store.insert(tx, dispute).map(dispute);
        })));
  }

  /** The records of the subject that are under an open dispute: shown marked wherever they are disclosed. */
  public Future<List<UUID>> openRecordIds(String subjectRef) {
    return store.openRecordIds(subjectRef);
  }

  /** The citizen's own disputes, newest first. */
  public Future<List<Dispute>> of(Principal citizen) {
    return store.of(citizen.id());
  }

  /** Every dispute, oldest deadline first. */
  public Future<List<Dispute>> all() {
    return store.all();
  }

  /** The disputes in {@code status}, oldest deadline first. */
  public Future<List<Dispute>> withStatus(DisputeStatus status) {
    return store.withStatus(status);
  }

  /**
   * Resolves an open dispute; 404 when there is none, 409 when it is already resolved. A
   * correction is written in the same transaction, under the record's row lock, with its own
   * audit entry before the resolution's.
   */
  public Future<Dispute> resolve(Principal operator, UUID id, Resolution resolution) {
    Instant now = clock.instant();
    Future<Dispute> resolved = store.sessions().inTransaction(tx -> store.lock(tx, id).compose(found -> {
      Dispute dispute = found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No such dispute."));
      boolean open = switch (dispute.status()) {
        case OPEN -> true;
        case CORRECTED, REJECTED -> false;
      };
      if (!open) {
        throw new ProblemException(ErrorCode.CONFLICT, "The dispute is already " + dispute.status() + ".");
      }
      return applied(tx, operator, dispute, resolution, now)
          .compose(done -> tx.rejoin(audit.appendWithinChange(
              event(AuditAction.DISPUTE_RESOLVED, operator.actor(), dispute.subjectRef(), now)
                  .reasonCode(resolution.outcome().name().toLowerCase(Locale.ROOT)).build())))
          .compose(entry -> {
            Dispute closed = new Dispute(dispute.id(), dispute.subjectRef(), dispute.recordId(), dispute.recordKind(), dispute.reason(),
                resolution.outcome(), dispute.filedAt(), dispute.dueBy(), dispute.filedAuditIndex(), Optional.of(now),
                Optional.of(operator.actor()), Optional.of(resolution.note()), Optional.of(entry.index()));
            return store.resolve(tx, closed).map(closed);
          });
    }));
    return resolved.onSuccess(done -> overdue.refresh());
  }

  /** What the resolution does to the record: a CORRECTED one corrects it, audited; a REJECTED one nothing. */
  private Future<Void> applied(Transaction tx, Principal operator, Dispute dispute, Resolution resolution, Instant now) {
    return switch (resolution.outcome()) {
      case CORRECTED -> records.correctInDispute(tx, dispute.id(), dispute.recordId(), resolution.correction().orElseThrow(),
              operator.actor(), now)
          .compose(correction -> tx.rejoin(audit.appendWithinChange(RecordChanges.corrected(operator.actor(), correction, now))))
          .mapEmpty();
      case REJECTED -> Future.succeededFuture();
      case OPEN -> throw new IllegalStateException("a resolution never leaves a dispute OPEN");
    };
  }

  // A dispute's entries name who acted on whose data, never the reason, the note or the record's values.
  private static AuditEvent.Builder event(AuditAction action, String actor, String subjectRef, Instant now) {
    return AuditEvent.builder().time(now).action(action).actor(actor).subjectRef(subjectRef).outcome(AuditOutcome.RECORDED);
  }

  private static String checkedText(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be a non-empty string.");
    }
    String stripped = text.strip();
    if (stripped.codePointCount(0, stripped.length()) > MAX_TEXT_LENGTH) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be at most " + MAX_TEXT_LENGTH + " characters.");
    }
    return stripped;
  }

  /** The gauge {@code gateway.disputes.overdue} in {@code /metrics}, to pass to the constructor; started and stopped by the wiring. */
  public static OverdueGauge overdueGauge(Vertx vertx, DisputeStore store, Clock clock, MeterRegistry metrics) {
    return new OverdueGauge(vertx, "gateway.disputes.overdue", "Open disputes past their deadline", store::countOverdue, clock,
        metrics);
  }
}
