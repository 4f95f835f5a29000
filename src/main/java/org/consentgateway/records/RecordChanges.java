package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.db.Sessions;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;

/**
 * Changes to records outside the import: an operator's correction, a citizen's statement. Each
 * change and its audit entry share one Hibernate Reactive transaction: the entry is appended after
 * the rows are written and before COMMIT, so a change the log could not take is rolled back (503).
 * The one window left is a COMMIT that fails after the entry committed: the log then shows a
 * change the caller was told failed, never the other way round.
 */
public final class RecordChanges {

  /** The longest statement a citizen may attach to a record. */
  public static final int MAX_STATEMENT_LENGTH = 500;

  /** A correction written, and the index of its audit entry. */
  public record Correction(RecordStore.Corrected corrected, long auditIndex) {}

  /** A citizen's own record and their statement on it, empty when it carries none. */
  public record Annotated(RecordStore.Owned record, Optional<String> statement) {
    public Annotated {
      requireNonNull(record, "record is null");
      requireNonNull(statement, "statement is null");
    }
  }

  private final RecordStore store;
  private final RecordChangeStore changes;
  private final Sessions sessions;
  private final AuditLog audit;
  private final Clock clock;

  public RecordChanges(RecordStore store, RecordChangeStore changes, Sessions sessions, AuditLog audit, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.changes = requireNonNull(changes, "changes is null");
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public RecordStore store() {
    return store;
  }

  /** An operator's correction of record {@code id} outside any dispute ({@code PATCH /v1/records/{id}}, {@code records correct}). */
  public Future<Correction> correct(String actor, UUID id, JsonNode patch) {
    Instant now = clock.instant();
    return sessions.inTransaction(tx -> changes.correct(tx, id, patch, actor, now)
        .compose(corrected -> tx.rejoin(audit.appendWithinChange(corrected(actor, corrected, now)))
            .map(entry -> new Correction(corrected, entry.index()))));
  }

  /** The citizen's statement on one of their own records; replaces an earlier one. */
  public Future<Instant> putStatement(Principal citizen, UUID recordId, String statement) {
    String text = checkedStatement(statement);
    Instant now = clock.instant();
    return sessions.inTransaction(tx -> changes.findOwn(tx, recordId, citizen.id())
        .compose(record -> changes.putStatement(tx, record, text, now)
            .compose(written -> tx.rejoin(audit.appendWithinChange(statementEvent(AuditAction.STATEMENT_ATTACHED, citizen, record, now))))))
        .map(now);
  }

  /** One of the citizen's own records, with their statement on it; 404 for anyone else's, as for none. */
  public Future<Annotated> ownRecord(Principal citizen, UUID recordId) {
    return store.findOwn(store.pool(), recordId, citizen.id())
        .compose(record -> store.statements(record.subjectRef())
            .map(statements -> new Annotated(record, Optional.ofNullable(statements.get(recordId)))));
  }

  /** Removes the citizen's statement; 404 when the record is not theirs or carries none. */
  public Future<Void> removeStatement(Principal citizen, UUID recordId) {
    Instant now = clock.instant();
    return sessions.inTransaction(tx -> changes.findOwn(tx, recordId, citizen.id())
        .compose(record -> changes.removeStatement(tx, record).compose(removed -> {
          if (!removed) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "This record carries no statement.");
          }
          return tx.rejoin(audit.appendWithinChange(statementEvent(AuditAction.STATEMENT_REMOVED, citizen, record, now)));
        })))
        .mapEmpty();
  }

  /** Every version of any record, oldest first, as an operator reads it; 404 when there is no such record. */
  public Future<List<RecordStore.Version>> history(UUID recordId) {
    return store.find(store.pool(), recordId)
        .map(found -> found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No such record.")))
        .compose(store::history);
  }

  /** Every version of one of the citizen's own records, oldest first; 404 for anyone else's, as for none. */
  public Future<List<RecordStore.Version>> ownHistory(Principal citizen, UUID recordId) {
    return store.findOwn(store.pool(), recordId, citizen.id()).compose(store::history);
  }

  /** The entry of a correction: who changed which subject's record. Never the values. */
  public static AuditEvent corrected(String actor, RecordStore.Corrected corrected, Instant now) {
    return AuditEvent.builder().time(now).action(AuditAction.RECORD_CORRECTED).actor(actor)
        .subjectRef(corrected.record().subjectRef()).outcome(AuditOutcome.RECORDED).build();
  }

  private static AuditEvent statementEvent(AuditAction action, Principal citizen, RecordStore.Owned record, Instant now) {
    return AuditEvent.builder().time(now).action(action).actor(citizen.actor()).subjectRef(record.subjectRef())
        .outcome(AuditOutcome.RECORDED).build();
  }

  private static String checkedStatement(String statement) {
    if (statement == null || statement.isBlank()) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "statement must be a non-empty string.");
    }
    String text = statement.strip();
    if (text.codePointCount(0, text.length()) > MAX_STATEMENT_LENGTH) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "statement must be at most " + MAX_STATEMENT_LENGTH + " characters.");
    }
    return text;
  }
}
