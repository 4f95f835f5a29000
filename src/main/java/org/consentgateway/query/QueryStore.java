package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.consent.ConsentExpiry;
import org.consentgateway.consent.ConsentNotifications;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.http.ErrorCode;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.Purpose;
import org.consentgateway.records.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query's database work, on the Vert.x pool: taking one use of a consent, and reading the
 * subject's credit file with their notes on it (through {@link RecordStore}). Never blocks.
 */
final class QueryStore {

  /** Days and months of the frequency limits are those of the subjects' and institutions' time zone. */
  static final ZoneId LIMIT_ZONE = ZoneId.of("Asia/Shanghai");

  private static final Logger LOG = LoggerFactory.getLogger(QueryStore.class);

  /** The consent's terms a granted use discloses under. */
  record Use(Grade grade, int dataWindowMonths, int usesLeft) {}

  private final Pool pool;
  private final ConsentNotifications notifications;
  private final RecordStore records;
  private final ConsentExpiry expiry;

  QueryStore(Pool pool, RecordCipher cipher, ConsentNotifications notifications, ConsentExpiry expiry) {
    this.pool = requireNonNull(pool, "pool is null");
    this.notifications = requireNonNull(notifications, "notifications is null");
    this.expiry = requireNonNull(expiry, "expiry is null");
    this.records = new RecordStore(pool, cipher);
  }

  /** The subject's credit file with their notes on its records; empty when the gateway holds no file. */
  Future<Optional<RecordStore.NotedFile>> notedFile(String subjectRef) {
    return records.notedFile(subjectRef);
  }

  /**
   * Takes one use of the consent the token names, at {@code now}: in one transaction the consent
   * row is locked, its live state checked, this day's and month's uses counted against the
   * purpose's limits, and the use recorded and {@code uses_left} decremented. With N uses left, at
   * most N concurrent callers succeed. Fails with a {@link QueryRefusal} naming the first broken rule.
   *
   * <p>A consent refused as past its end whose row still says ACTIVE or PAUSED (the sweeper has not
   * come by yet) is then written down as EXPIRED, once, by {@link ConsentExpiry}; whether that
   * works or not, the refusal stands as it was.
   */
  Future<Use> takeUse(ConsentClaims claims, String institutionUscc, Purpose purpose, Instant now) {
    Future<Use> taken = pool.withTransaction(tx -> tx
        .preparedQuery("select institution_uscc, subject_ref, purpose, grade, uses_left, data_window_months, status, not_before, "
            + "expires_at from consents where id = $1 for update")
        .execute(Tuple.of(claims.consentId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw refused(ErrorCode.CONSENT_INVALID, "The consent this token names does not exist.", claims);
          }
          Row row = rows.iterator().next();
          checkLiveState(row, claims, institutionUscc, now);
          return countUses(tx, claims.consentId(), now).compose(used -> {
            if (used.today() >= purpose.usesPerDay()) {
              throw refused(ErrorCode.CONSENT_EXHAUSTED,
                  "The consent has been used " + used.today() + " times today, the most purpose " + purpose.code() + " allows.", claims);
            }
            if (used.month() >= purpose.usesPerMonth()) {
              throw refused(ErrorCode.CONSENT_EXHAUSTED,
                  "The consent has been used " + used.month() + " times this month, the most purpose " + purpose.code() + " allows.",
                  claims);
            }
            int left = row.getInteger("uses_left") - 1;
            return tx.preparedQuery("insert into consent_uses (consent_id, used_at) values ($1, $2)")
                .execute(Tuple.of(claims.consentId(), time(now)))
                .compose(inserted -> tx.preparedQuery("update consents set uses_left = $2, status = $3, updated_at = $4 where id = $1")
                    .execute(Tuple.of(claims.consentId(), left, left == 0 ? "EXHAUSTED" : "ACTIVE", time(now))))
                .map(updated -> new Use(Grade.valueOf(row.getString("grade")), row.getInteger("data_window_months"), left));
          });
        }));
    // The last use has committed: the institution's webhook hears of it (never failing the query).
    return taken.onSuccess(use -> {
      if (use.usesLeft() == 0) {
        notifications.enqueue(claims.consentId(), institutionUscc, ConsentNotifications.Event.EXHAUSTED);
      }
    }).recover(failure -> failure instanceof QueryRefusal refusal && refusal.code() == ErrorCode.CONSENT_EXPIRED
        ? writeDownLapse(claims.consentId(), now).compose(done -> Future.failedFuture(refusal))
        : Future.failedFuture(failure));
  }

  // After takeUse's transaction has rolled back, in one of its own. For a row already EXPIRED the
  // UPDATE changes nothing and records nothing.
  private Future<Void> writeDownLapse(UUID consentId, Instant now) {
    return expiry.expireConsent(consentId, now).<Void>mapEmpty().recover(failure -> {
      LOG.warn("a lapse found by a query could not be written down yet: {}", failure.toString());
      return Future.succeededFuture();
    });
  }

  private static void checkLiveState(Row row, ConsentClaims claims, String institutionUscc, Instant now) {
    // The row must be the consent the token describes; a mismatch means the token is not ours to trust.
    if (!row.getString("institution_uscc").equals(institutionUscc) || !row.getString("subject_ref").equals(claims.subjectRef())
        || !row.getString("purpose").equals(claims.purpose()) || !row.getString("grade").equals(claims.grade().name())) {
      throw refused(ErrorCode.CONSENT_INVALID, "The token does not match the consent it names.", claims);
    }
    String status = row.getString("status");
    switch (status) {
      case "REVOKED" -> throw refused(ErrorCode.CONSENT_REVOKED, "The citizen has revoked this consent.", claims);
      case "PAUSED" -> throw refused(ErrorCode.CONSENT_REVOKED, "The citizen has paused this consent.", claims);
      case "EXPIRED" -> throw refused(ErrorCode.CONSENT_EXPIRED, "The consent has expired.", claims);
      default -> { }
    }
    if (!now.isBefore(row.getOffsetDateTime("expires_at").toInstant())) {
      throw refused(ErrorCode.CONSENT_EXPIRED, "The consent expired at " + row.getOffsetDateTime("expires_at").toInstant() + ".", claims);
    }
    if (now.isBefore(row.getOffsetDateTime("not_before").toInstant())) {
      throw refused(ErrorCode.CONSENT_INVALID, "The consent is not valid yet.", claims);
    }
    if ("EXHAUSTED".equals(status) || row.getInteger("uses_left") <= 0) {
      throw refused(ErrorCode.CONSENT_EXHAUSTED, "The consent has no uses left.", claims);
    }
  }

  private record Counted(long today, long month) {}

  private static Future<Counted> countUses(SqlConnection tx, UUID consentId, Instant now) {
    ZonedDateTime local = now.atZone(LIMIT_ZONE);
    Instant dayStart = local.truncatedTo(ChronoUnit.DAYS).toInstant();
    Instant monthStart = local.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    return tx.preparedQuery("select count(*) filter (where used_at >= $2) as today, count(*) filter (where used_at >= $3) as month "
            + "from consent_uses where consent_id = $1")
        .execute(Tuple.of(consentId, time(dayStart), time(monthStart)))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Counted(row.getLong("today"), row.getLong("month"));
        });
  }

  private static QueryRefusal refused(ErrorCode code, String detail, ConsentClaims claims) {
    return new QueryRefusal(code, detail, Optional.of(claims));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
