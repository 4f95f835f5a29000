package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.consentgateway.policy.Grade;

/**
 * A row of {@code consents} (V5) as {@link ConsentStore} reads and writes it; it becomes a
 * {@link Consent} once the institution's name, which is the identity capability's and not in this
 * table, is known. Within a change the lifecycle decides on the row itself.
 */
record ConsentRow(UUID id, UUID requestId, String institutionUscc, String subjectRef, String purpose, Grade grade,
    int maxUses, int usesLeft, int dataWindowMonths, ConsentStatus status, Instant createdAt, Instant notBefore,
    Instant expiresAt, Instant updatedAt) implements ConsentStore.InstitutionRow<Consent> {

  /** The table's columns in the order {@link #of(Row, int)} reads them. */
  static final String COLUMNS = "id, request_id, institution_uscc, subject_ref, purpose, grade, max_uses, uses_left, "
      + "data_window_months, status, created_at, not_before, expires_at, updated_at";

  ConsentRow {
    requireNonNull(id, "id is null");
    requireNonNull(status, "status is null");
  }

  /** The row read from {@link #COLUMNS}, starting at column {@code first}. A status or grade this gateway does not know fails. */
  static ConsentRow of(Row row, int first) {
    int at = first;
    return new ConsentRow(row.getUUID(at++), row.getUUID(at++), row.getString(at++), row.getString(at++), row.getString(at++),
        Grade.valueOf(row.getString(at++)), row.getInteger(at++), row.getInteger(at++), row.getInteger(at++),
        ConsentStatus.valueOf(row.getString(at++)), row.getOffsetDateTime(at++).toInstant(),
        row.getOffsetDateTime(at++).toInstant(), row.getOffsetDateTime(at++).toInstant(), row.getOffsetDateTime(at).toInstant());
  }

  /** The consent the approval of {@code request} at {@code now} creates: ACTIVE from now, all its uses left. */
  static ConsentRow approving(ConsentRequestRow request, UUID id, Instant now) {
    return new ConsentRow(id, request.id(), request.institutionUscc(), request.subjectRef(), request.purpose(), request.grade(),
        request.maxUses(), request.maxUses(), request.dataWindowMonths(), ConsentStatus.ACTIVE, now, now,
        now.plus(Duration.ofDays(request.validDays())), now);
  }

  @Override
  public Consent named(String institutionName) {
    return new Consent(id, requestId, institutionUscc, institutionName, subjectRef, purpose, grade, maxUses, usesLeft,
        dataWindowMonths, status, createdAt, notBefore, expiresAt, updatedAt);
  }

  /** What decides whether this consent may be used, and whether it has lapsed. */
  ConsentTerms terms() {
    return new ConsentTerms(status, notBefore, expiresAt, usesLeft);
  }

  /** Whether the row still says ACTIVE or PAUSED although the consent's period has ended at {@code now}. */
  boolean lapsedAt(Instant now) {
    return terms().lapsedAt(now);
  }

  /** This consent in {@code newStatus}, changed at {@code at}. */
  ConsentRow with(ConsentStatus newStatus, Instant at) {
    return new ConsentRow(id, requestId, institutionUscc, subjectRef, purpose, grade, maxUses, usesLeft, dataWindowMonths,
        newStatus, createdAt, notBefore, expiresAt, at);
  }

  /** What is recorded of the consent's lapse once it is marked EXPIRED. */
  ConsentExpiry.Lapsed lapse() {
    return new ConsentExpiry.Lapsed(ConsentExpiry.Kind.CONSENT, id, institutionUscc, subjectRef, purpose, grade);
  }
}
