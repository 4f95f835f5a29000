package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.policy.Grade;

/**
 * A row of {@code consent_requests} (V5, V9) as {@link ConsentStore} reads it; it becomes a
 * {@link ConsentRequest} once the institution's name, which is the identity capability's and not
 * in this table, is known. Within a change the lifecycle decides on the row itself.
 */
record ConsentRequestRow(UUID id, String institutionUscc, String subjectRef, String purpose, Grade grade, int validDays,
    int maxUses, int dataWindowMonths, RequestStatus status, Instant createdAt, Instant expiresAt,
    Optional<Instant> answeredAt, Optional<UUID> consentId, Optional<Redirect> redirect)
    implements ConsentStore.InstitutionRow<ConsentRequest> {

  /** The table's columns in the order {@link #of(Row, int)} reads them. */
  static final String COLUMNS = "id, institution_uscc, subject_ref, purpose, grade, valid_days, max_uses, data_window_months, "
      + "status, created_at, expires_at, answered_at, consent_id, redirect_uri, state";
  static final int COLUMN_COUNT = 15;

  ConsentRequestRow {
    requireNonNull(id, "id is null");
    requireNonNull(answeredAt, "answeredAt is null");
    requireNonNull(consentId, "consentId is null");
    requireNonNull(redirect, "redirect is null");
  }

  /** The row read from {@link #COLUMNS}, starting at column {@code first}. A status or grade this gateway does not know fails. */
  static ConsentRequestRow of(Row row, int first) {
    int at = first;
    UUID id = row.getUUID(at++);
    String institutionUscc = row.getString(at++);
    String subjectRef = row.getString(at++);
    String purpose = row.getString(at++);
    Grade grade = Grade.valueOf(row.getString(at++));
    int validDays = row.getInteger(at++);
    int maxUses = row.getInteger(at++);
    int dataWindowMonths = row.getInteger(at++);
    RequestStatus status = RequestStatus.valueOf(row.getString(at++));
    Instant createdAt = instant(row.getOffsetDateTime(at++));
    Instant expiresAt = instant(row.getOffsetDateTime(at++));
    Optional<Instant> answeredAt = Optional.ofNullable(row.getOffsetDateTime(at++)).map(OffsetDateTime::toInstant);
    Optional<UUID> consentId = Optional.ofNullable(row.getUUID(at++));
    String redirectUri = row.getString(at++);
    Optional<String> state = Optional.ofNullable(row.getString(at));
    return new ConsentRequestRow(id, institutionUscc, subjectRef, purpose, grade, validDays, maxUses, dataWindowMonths, status,
        createdAt, expiresAt, answeredAt, consentId, Optional.ofNullable(redirectUri).map(uri -> new Redirect(uri, state)));
  }

  /** The row of a new request. */
  static ConsentRequestRow of(ConsentRequest request) {
    return new ConsentRequestRow(request.id(), request.institutionUscc(), request.subjectRef(), request.purpose(),
        request.grade(), request.validDays(), request.maxUses(), request.dataWindowMonths(), request.status(),
        request.createdAt(), request.expiresAt(), request.answeredAt(), request.consentId(), request.redirect());
  }

  @Override
  public ConsentRequest named(String institutionName) {
    return new ConsentRequest(id, institutionUscc, institutionName, subjectRef, purpose, grade, validDays, maxUses,
        dataWindowMonths, status, createdAt, expiresAt, answeredAt, consentId, redirect);
  }

  /** The status as of {@code now} ({@link ConsentRequest#statusAt}). */
  RequestStatus statusAt(Instant now) {
    return ConsentRequest.statusAt(status, expiresAt, now);
  }

  /** Whether the row still says PENDING although the answer window has passed at {@code now}. */
  boolean lapsedAt(Instant now) {
    return status == RequestStatus.PENDING && statusAt(now) == RequestStatus.EXPIRED;
  }

  /** This PENDING row as rejected at {@code at}. */
  ConsentRequestRow rejected(Instant at) {
    return new ConsentRequestRow(id, institutionUscc, subjectRef, purpose, grade, validDays, maxUses, dataWindowMonths,
        RequestStatus.REJECTED, createdAt, expiresAt, Optional.of(at), Optional.empty(), redirect);
  }

  /** What is recorded of the request's lapse once it is marked EXPIRED. */
  ConsentExpiry.Lapsed lapse() {
    return new ConsentExpiry.Lapsed(ConsentExpiry.Kind.REQUEST, id, institutionUscc, subjectRef, purpose, grade);
  }

  private static Instant instant(OffsetDateTime time) {
    return time.toInstant();
  }
}
