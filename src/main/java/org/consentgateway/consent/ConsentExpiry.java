package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.consent.ConsentNotifications.Event;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.Grade;

/**
 * Writes down that consents and consent requests have passed their end (issue 6 "Expiry"): the
 * one place that marks the row EXPIRED, appends the audit entry ({@code consent.expired} or
 * {@code consent.request.expired}, actor {@value #SYSTEM_ACTOR}) and, for a consent, tells the
 * institution's webhook. Used by the {@link ExpirySweeper}, by the lifecycle's reads and changes,
 * and by the query path when it meets a lapse nobody has written down yet.
 *
 * <p>Two ways to the same rows. One lapse (a read or a change met it, or a query refused it) goes
 * through the lifecycle's {@link ConsentStore}: the row is locked, checked by {@link
 * ConsentTerms#lapsedAt} (a request by {@link ConsentRequest#statusAt}) and marked. The sweeper's
 * batches are one statement each: {@code UPDATE ... WHERE id IN (SELECT ... LIMIT n FOR UPDATE SKIP
 * LOCKED) RETURNING ...} marks a whole batch in one round trip, skips the rows another gateway's
 * sweep holds instead of waiting for them, and returns exactly the rows it changed, which are the
 * ones to audit. The batch's SQL repeats the rule
 * ({@code status} ACTIVE or PAUSED, or PENDING for requests, and {@code expires_at <= now}), which
 * is {@link ConsentTerms#statusAt} and {@link ConsentRequest#statusAt} in SQL.
 *
 * <p>Once only, across gateways: the single lapse checks the row under its lock; every batch
 * UPDATE repeats its condition and returns the rows it changed. A concurrent marking of the same row
 * waits for the row lock, then finds the status no longer live and changes nothing. Only the rows
 * actually changed are audited and announced.
 *
 * <p>No lapse without its entry: the audit append runs inside the marking transaction, after the
 * row change and before COMMIT. If the append fails, the transaction rolls back and the row stays as
 * it was, for the next sweep. What remains is the other window: the entry is committed, then the
 * state's COMMIT fails (the database goes away between the two). Then the log holds an expiry the
 * row does not show, and the next sweep marks the row and records it a second time.
 *
 * <p>The webhook event is enqueued after COMMIT, and never fails (see {@link ConsentNotifications}).
 * Request lapses have no webhook event: the event names a consent, and a request has none.
 */
public final class ConsentExpiry {

  /** The actor of the entries the gateway writes itself. */
  public static final String SYSTEM_ACTOR = "system:gateway";

  private static final String LAPSED_COLUMNS = "returning id, institution_uscc, subject_ref, purpose, grade";
  // ConsentStatus.live() decides which statuses can lapse; the SQL is written from it, never beside it.
  private static final String LIVE = Arrays.stream(ConsentStatus.values()).filter(ConsentStatus::live)
      .map(status -> "'" + status.name() + "'").collect(Collectors.joining(", ", "status in (", ")"));
  private static final String PENDING = "status = '" + RequestStatus.PENDING.name() + "'";

  /** A consent or request that this caller's change moved to EXPIRED. */
  record Lapsed(Kind kind, UUID id, String institutionUscc, String subjectRef, String purpose, Grade grade) {
    Lapsed {
      requireNonNull(kind, "kind is null");
      requireNonNull(id, "id is null");
      requireNonNull(institutionUscc, "institutionUscc is null");
      requireNonNull(subjectRef, "subjectRef is null");
      requireNonNull(purpose, "purpose is null");
      requireNonNull(grade, "grade is null");
    }
  }

  enum Kind { CONSENT, REQUEST }

  private final Pool pool;
  private final ConsentStore store;
  private final AuditLog audit;
  private final ConsentNotifications notifications;

  /** {@code pool} serves the sweeper's batches; {@code store} the lapses met one at a time. */
  public ConsentExpiry(Pool pool, ConsentStore store, AuditLog audit, ConsentNotifications notifications) {
    this.pool = requireNonNull(pool, "pool is null");
    this.store = requireNonNull(store, "store is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.notifications = requireNonNull(notifications, "notifications is null");
  }

  /**
   * Marks consent {@code id} EXPIRED if it is still live and past its end at {@code now}, in a
   * transaction of its own; true only for the one caller (on any gateway) that did. Fails with
   * {@code unavailable} when the entry could not be appended: then nothing changed.
   */
  public Future<Boolean> expireConsent(UUID id, Instant now) {
    return store.inTransaction(tx -> expireConsent(tx, id, now)).map(lapsed -> announced(lapsed) > 0);
  }

  /**
   * {@link #expireConsent(UUID, Instant)} inside the caller's transaction {@code tx}: the caller
   * commits, then calls {@link #announce} with what this returned: the consent, or nothing when
   * it was not (or no longer) a lapse to mark.
   */
  Future<List<Lapsed>> expireConsent(SqlClient tx, UUID id, Instant now) {
    return store.expireConsent(tx, id, now).compose(lapsed -> appended(lapsed, now).map(lapsed));
  }

  /** Marks request {@code id} EXPIRED if it is still PENDING past its answer window; as {@link #expireConsent(UUID, Instant)}. */
  Future<Boolean> expireRequest(UUID id, Instant now) {
    return store.inTransaction(tx -> store.expireRequest(tx, id, now).compose(lapsed -> appended(lapsed, now).map(lapsed)))
        .map(lapsed -> announced(lapsed) > 0);
  }

  /**
   * Marks up to {@code limit} live consents past their end, oldest end first, in one transaction;
   * the number marked. Rows another gateway's sweep holds are skipped ({@code skip locked}), not
   * waited for: that sweep marks them.
   */
  Future<Integer> expireDueConsents(Instant now, int limit) {
    return pool.withTransaction(tx -> swept(tx, Kind.CONSENT, "update consents set status = 'EXPIRED', updated_at = $1 "
            + "where id in (select id from consents where " + LIVE + " and expires_at <= $1 "
            + "order by expires_at limit $2 for update skip locked) and " + LIVE + " and expires_at <= $1 " + LAPSED_COLUMNS,
            Tuple.of(time(now), limit), now))
        .map(this::announced);
  }

  /** Marks up to {@code limit} PENDING requests past their answer window; as {@link #expireDueConsents}. */
  Future<Integer> expireDueRequests(Instant now, int limit) {
    return pool.withTransaction(tx -> swept(tx, Kind.REQUEST, "update consent_requests set status = 'EXPIRED' "
            + "where id in (select id from consent_requests where " + PENDING + " and expires_at <= $1 "
            + "order by expires_at limit $2 for update skip locked) and " + PENDING + " and expires_at <= $1 " + LAPSED_COLUMNS,
            Tuple.of(time(now), limit), now))
        .map(this::announced);
  }

  /** Tells the institution's webhook of a consent's lapse; call after the lapse has committed. Never fails. */
  void announce(Lapsed lapsed) {
    switch (lapsed.kind()) {
      case CONSENT -> notifications.enqueue(lapsed.id(), lapsed.institutionUscc(), Event.EXPIRED);
      case REQUEST -> {
        // No event: an event names a consent, and a request has none.
      }
    }
  }

  private int announced(List<Lapsed> lapsed) {
    lapsed.forEach(this::announce);
    return lapsed.size();
  }

  /** Runs the batch {@code update} in {@code tx}, then appends one entry per changed row. */
  private Future<List<Lapsed>> swept(SqlClient tx, Kind kind, String update, Tuple arguments, Instant now) {
    return tx.preparedQuery(update).execute(arguments).compose(rows -> {
      List<Lapsed> lapsed = lapsed(kind, rows);
      return appended(lapsed, now).map(lapsed);
    });
  }

  /** Appends one entry per lapse and waits for them all to commit; fails {@code unavailable} if any did not. */
  private Future<Void> appended(List<Lapsed> lapsed, Instant now) {
    List<Future<?>> appended = new ArrayList<>(lapsed.size());
    lapsed.forEach(one -> appended.add(audit.append(event(one, now))));
    // join, not all: the transaction ends only when every append has answered, so a rollback
    // never races entries that are still being written.
    return Future.join(appended).transform(done -> done.succeeded()
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; try again.")));
  }

  private static List<Lapsed> lapsed(Kind kind, RowSet<Row> rows) {
    List<Lapsed> lapsed = new ArrayList<>(rows.size());
    rows.forEach(row -> lapsed.add(new Lapsed(kind, row.getUUID("id"), row.getString("institution_uscc"),
        row.getString("subject_ref"), row.getString("purpose"), Grade.valueOf(row.getString("grade")))));
    return lapsed;
  }

  private static AuditEvent event(Lapsed lapsed, Instant now) {
    AuditEvent.Builder builder = AuditEvent.builder().time(now).actor(SYSTEM_ACTOR).subjectRef(lapsed.subjectRef())
        .purpose(lapsed.purpose()).grade(lapsed.grade().name()).outcome(AuditOutcome.RECORDED);
    return switch (lapsed.kind()) {
      case CONSENT -> builder.action(AuditAction.CONSENT_EXPIRED).consentId(lapsed.id().toString()).build();
      case REQUEST -> builder.action(AuditAction.CONSENT_REQUEST_EXPIRED).build();
    };
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
