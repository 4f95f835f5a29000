package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.Purpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one use of a consent: the query's hot path, on the Vert.x SQL client. Never blocks.
 * Whether the consent may be used is decided by {@link ConsentTerms#refusalAt}, nowhere else.
 */
public final class ConsentUses {

  /** Days and months of the frequency limits are those of the subjects' and institutions' time zone. */
  public static final ZoneId LIMIT_ZONE = ZoneId.of("Asia/Shanghai");

  private static final Logger LOG = LoggerFactory.getLogger(ConsentUses.class);

  /** What a consent token says of the consent it names; the row must say the same. */
  public record Claimed(UUID consentId, String institutionUscc, String subjectRef, String purpose, Grade grade) {
    public Claimed {
      requireNonNull(consentId, "consentId is null");
      requireNonNull(institutionUscc, "institutionUscc is null");
      requireNonNull(subjectRef, "subjectRef is null");
      requireNonNull(purpose, "purpose is null");
      requireNonNull(grade, "grade is null");
    }
  }

  /** The consent's terms a granted use discloses under. */
  public record Use(Grade grade, int dataWindowMonths, int usesLeft) {}

  /** One round trip: lock, check, count, record and decrement (migration V11). */
  private static final String TAKE = "select institution_uscc, subject_ref, purpose, grade, uses_left, data_window_months, status, "
      + "not_before, expires_at, used_today, used_this_month, taken from take_consent_use($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";

  private final Pool pool;
  private final ConsentNotifications notifications;
  private final ConsentExpiry expiry;

  public ConsentUses(Pool pool, ConsentNotifications notifications, ConsentExpiry expiry) {
    this.pool = requireNonNull(pool, "pool is null");
    this.notifications = requireNonNull(notifications, "notifications is null");
    this.expiry = requireNonNull(expiry, "expiry is null");
  }

  /**
   * Takes one use of the consent {@code claimed} names, at {@code now}, in one round trip: the
   * database function {@code take_consent_use} (migration V11) locks the consent row, counts this
   * day's and month's uses and, only when nothing forbids it, records the use and decrements
   * {@code uses_left}, all in one statement. It returns the row as it was before; the refusal, if
   * any, is decided from that here, by {@link ConsentTerms#refusalAt}. With N uses left, at most N
   * concurrent callers succeed. Fails with a {@link ProblemException} naming the first broken rule.
   *
   * <p>A consent refused as past its end whose row still says ACTIVE or PAUSED (the sweeper has not
   * come by yet) is then written down as EXPIRED, once, by {@link ConsentExpiry}; whether that
   * works or not, the refusal stands as it was.
   */
  public Future<Use> take(Claimed claimed, Purpose purpose, Instant now) {
    // The database keeps microseconds: the function and the rule here compare the very same instant.
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    ZonedDateTime local = at.atZone(LIMIT_ZONE);
    Instant dayStart = local.truncatedTo(ChronoUnit.DAYS).toInstant();
    Instant monthStart = local.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant();
    Future<Use> taken = pool.preparedQuery(TAKE)
        .execute(Tuple.from(List.of(claimed.consentId(), claimed.institutionUscc(), claimed.subjectRef(), claimed.purpose(),
            claimed.grade().name(), time(at), time(dayStart), time(monthStart), purpose.usesPerDay(), purpose.usesPerMonth())))
        .map(rows -> {
          if (rows.size() == 0) {
            throw new ProblemException(ErrorCode.CONSENT_INVALID, "The consent this token names does not exist.");
          }
          return decide(rows.iterator().next(), claimed, purpose, at);
        });
    // The last use has committed: the institution's webhook hears of it (never failing the query).
    return taken.onSuccess(use -> {
      if (use.usesLeft() == 0) {
        notifications.enqueue(claimed.consentId(), claimed.institutionUscc(), ConsentNotifications.Event.EXHAUSTED);
      }
    }).recover(failure -> failure instanceof ProblemException refused && refused.code() == ErrorCode.CONSENT_EXPIRED
        ? writeDownLapse(claimed.consentId(), now).compose(done -> Future.failedFuture(refused))
        : Future.failedFuture(failure));
  }

  /**
   * The rules in their order, from the row as it was before the function: the same refusals as
   * ever. The function took a use exactly when none of them refuses; should the two ever disagree,
   * the query fails closed (an IllegalStateException: nothing is disclosed).
   */
  private static Use decide(Row row, Claimed claimed, Purpose purpose, Instant now) {
    boolean taken = row.getBoolean("taken");
    checkTerms(row, claimed, now, taken);
    Long today = row.getLong("used_today");
    Long month = row.getLong("used_this_month");
    if (today == null || month == null) {
      throw new IllegalStateException("take_consent_use did not count the uses of a consent the terms admit");
    }
    if (today >= purpose.usesPerDay()) {
      throw stillRefused(taken, new ProblemException(ErrorCode.CONSENT_EXHAUSTED,
          "The consent has been used " + today + " times today, the most purpose " + purpose.code() + " allows."));
    }
    if (month >= purpose.usesPerMonth()) {
      throw stillRefused(taken, new ProblemException(ErrorCode.CONSENT_EXHAUSTED,
          "The consent has been used " + month + " times this month, the most purpose " + purpose.code() + " allows."));
    }
    if (!taken) {
      throw new IllegalStateException("take_consent_use refused a use the consent's terms admit");
    }
    return new Use(Grade.valueOf(row.getString("grade")), row.getInteger("data_window_months"), row.getInteger("uses_left") - 1);
  }

  // A refusal here with a use taken means the function admitted what the rules refuse: still refused.
  private static RuntimeException stillRefused(boolean taken, ProblemException refusal) {
    if (taken) {
      LOG.error("take_consent_use took a use the consent's terms refuse ({}); the query is refused", refusal.code());
    }
    return refusal;
  }

  // After take's statement, which changed nothing, in a transaction of its own. For a row already EXPIRED the
  // UPDATE changes nothing and records nothing.
  private Future<Void> writeDownLapse(UUID consentId, Instant now) {
    return expiry.expireConsent(consentId, now).<Void>mapEmpty().recover(failure -> {
      LOG.warn("a lapse found by a query could not be written down yet: {}", failure.toString());
      return Future.succeededFuture();
    });
  }

  private static void checkTerms(Row row, Claimed claimed, Instant now, boolean taken) {
    // The row must be the consent the token describes; a mismatch means the token is not ours to trust.
    if (!row.getString("institution_uscc").equals(claimed.institutionUscc()) || !row.getString("subject_ref").equals(claimed.subjectRef())
        || !row.getString("purpose").equals(claimed.purpose()) || !row.getString("grade").equals(claimed.grade().name())) {
      throw stillRefused(taken, new ProblemException(ErrorCode.CONSENT_INVALID, "The token does not match the consent it names."));
    }
    // A status this gateway does not know is refused: valueOf throws, and the query answers 503.
    ConsentTerms terms = new ConsentTerms(ConsentStatus.valueOf(row.getString("status")),
        row.getOffsetDateTime("not_before").toInstant(), row.getOffsetDateTime("expires_at").toInstant(), row.getInteger("uses_left"));
    terms.refusalAt(now).ifPresent(refusal -> {
      throw stillRefused(taken, new ProblemException(refusal.code(), refusal.detail()));
    });
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
