package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.consentgateway.policy.Grade;

/**
 * The consent tables (V5), on the Vert.x pool: never blocks. Each read joins the institution's
 * name, which the citizen is shown. Methods taking a {@link SqlClient} run inside the caller's
 * transaction ({@link #inTransaction}); "lock" reads take the row FOR UPDATE so two answers to one
 * request, or two changes to one consent, are serialised.
 */
public final class ConsentStore {

  private static final String REQUEST_COLUMNS = "r.id, r.institution_uscc, i.name as institution_name, r.subject_ref, r.purpose, "
      + "r.grade, r.valid_days, r.max_uses, r.data_window_months, r.status, r.created_at, r.expires_at, r.answered_at, r.consent_id "
      + "from consent_requests r join institutions i on i.uscc = r.institution_uscc ";
  private static final String CONSENT_COLUMNS = "c.id, c.request_id, c.institution_uscc, i.name as institution_name, c.subject_ref, "
      + "c.purpose, c.grade, c.max_uses, c.uses_left, c.data_window_months, c.status, c.created_at, c.not_before, c.expires_at, "
      + "c.updated_at from consents c join institutions i on i.uscc = c.institution_uscc ";

  private final Pool pool;
  private final ConsentNotifications notifications;

  public ConsentStore(Pool pool, ConsentNotifications notifications) {
    this.pool = requireNonNull(pool, "pool is null");
    this.notifications = requireNonNull(notifications, "notifications is null");
  }

  <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work);
  }

  Future<Void> insertRequest(SqlClient tx, ConsentRequest request) {
    return tx.preparedQuery("insert into consent_requests (id, institution_uscc, subject_ref, purpose, grade, valid_days, max_uses, "
            + "data_window_months, status, created_at, expires_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .execute(Tuple.from(List.of(request.id(), request.institutionUscc(), request.subjectRef(), request.purpose(),
            request.grade().name(), request.validDays(), request.maxUses(), request.dataWindowMonths(), request.status().name(),
            time(request.createdAt()), time(request.expiresAt()))))
        .mapEmpty();
  }

  Future<Optional<ConsentRequest>> findRequest(UUID id) {
    return pool.preparedQuery("select " + REQUEST_COLUMNS + "where r.id = $1").execute(Tuple.of(id))
        .map(rows -> first(rows, ConsentStore::request));
  }

  /** The citizen's request {@code id}, locked; empty when there is none or it is someone else's. */
  Future<Optional<ConsentRequest>> lockRequest(SqlClient tx, UUID id, String subjectRef) {
    return tx.preparedQuery("select " + REQUEST_COLUMNS + "where r.id = $1 and r.subject_ref = $2 for update of r")
        .execute(Tuple.of(id, subjectRef))
        .map(rows -> first(rows, ConsentStore::request));
  }

  Future<List<ConsentRequest>> requestsOf(String subjectRef) {
    return pool.preparedQuery("select " + REQUEST_COLUMNS + "where r.subject_ref = $1 order by r.created_at, r.id")
        .execute(Tuple.of(subjectRef))
        .map(rows -> all(rows, ConsentStore::request));
  }

  /** Records the answer; only a request still PENDING changes, so a late or second answer changes nothing. */
  Future<Boolean> answer(SqlClient tx, UUID id, RequestStatus status, Instant at, Optional<UUID> consentId) {
    return tx.preparedQuery("update consent_requests set status = $2, answered_at = $3, consent_id = $4 "
            + "where id = $1 and status = 'PENDING'")
        .execute(Tuple.of(id, status.name(), time(at), consentId.orElse(null)))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Void> insertConsent(SqlClient tx, Consent consent) {
    return tx.preparedQuery("insert into consents (id, request_id, institution_uscc, subject_ref, purpose, grade, max_uses, uses_left, "
            + "data_window_months, status, created_at, not_before, expires_at, updated_at) "
            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
        .execute(Tuple.from(List.of(consent.id(), consent.requestId(), consent.institutionUscc(), consent.subjectRef(),
            consent.purpose(), consent.grade().name(), consent.maxUses(), consent.usesLeft(), consent.dataWindowMonths(),
            consent.status().name(), time(consent.createdAt()), time(consent.notBefore()), time(consent.expiresAt()),
            time(consent.updatedAt()))))
        .mapEmpty();
  }

  Future<Optional<Consent>> findConsent(UUID id) {
    return pool.preparedQuery("select " + CONSENT_COLUMNS + "where c.id = $1").execute(Tuple.of(id))
        .map(rows -> first(rows, ConsentStore::consent));
  }

  /** The citizen's consent {@code id}, locked; empty when there is none or it is someone else's. */
  Future<Optional<Consent>> lockConsent(SqlClient tx, UUID id, String subjectRef) {
    return tx.preparedQuery("select " + CONSENT_COLUMNS + "where c.id = $1 and c.subject_ref = $2 for update of c")
        .execute(Tuple.of(id, subjectRef))
        .map(rows -> first(rows, ConsentStore::consent));
  }

  Future<List<Consent>> consentsOf(String subjectRef) {
    return pool.preparedQuery("select " + CONSENT_COLUMNS + "where c.subject_ref = $1 order by c.created_at, c.id")
        .execute(Tuple.of(subjectRef))
        .map(rows -> all(rows, ConsentStore::consent));
  }

  /** Hands the consent's event to the gateway's notifications (after the change has committed); never fails. */
  void notify(Consent consent, ConsentNotifications.Event event) {
    notifications.enqueue(consent.id(), consent.institutionUscc(), event);
  }

  Future<Void> updateStatus(SqlClient tx, Consent consent) {
    return tx.preparedQuery("update consents set status = $2, updated_at = $3 where id = $1")
        .execute(Tuple.of(consent.id(), consent.status().name(), time(consent.updatedAt())))
        .mapEmpty();
  }

  private static ConsentRequest request(Row row) {
    return new ConsentRequest(row.getUUID("id"), row.getString("institution_uscc"), row.getString("institution_name"),
        row.getString("subject_ref"), row.getString("purpose"), Grade.valueOf(row.getString("grade")),
        row.getInteger("valid_days"), row.getInteger("max_uses"), row.getInteger("data_window_months"),
        RequestStatus.valueOf(row.getString("status")), instant(row, "created_at"), instant(row, "expires_at"),
        Optional.ofNullable(row.getOffsetDateTime("answered_at")).map(OffsetDateTime::toInstant),
        Optional.ofNullable(row.getUUID("consent_id")));
  }

  private static Consent consent(Row row) {
    return new Consent(row.getUUID("id"), row.getUUID("request_id"), row.getString("institution_uscc"),
        row.getString("institution_name"), row.getString("subject_ref"), row.getString("purpose"),
        Grade.valueOf(row.getString("grade")), row.getInteger("max_uses"), row.getInteger("uses_left"),
        row.getInteger("data_window_months"), ConsentStatus.valueOf(row.getString("status")), instant(row, "created_at"),
        instant(row, "not_before"), instant(row, "expires_at"), instant(row, "updated_at"));
  }

  private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> mapper) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(mapper.apply(rows.iterator().next()));
  }

  private static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
    List<T> list = new ArrayList<>(rows.size());
    rows.forEach(row -> list.add(mapper.apply(row)));
    return List.copyOf(list);
  }

  private static Instant instant(Row row, String column) {
    return row.getOffsetDateTime(column).toInstant();
  }

  private static OffsetDateTime time(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
