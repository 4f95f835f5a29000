package org.consentgateway.consent;

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

  private final Pool pool;
  private final ConsentNotifications notifications;
  private final ConsentExpiry expiry;

  public ConsentUses(Pool pool, ConsentNotifications notifications, ConsentExpiry expiry) {
    this.pool = requireNonNull(pool, "pool is null");
    this.notifications = requireNonNull(notifications, "notifications is null");
    this.expiry = requireNonNull(expiry, "expiry is null");
  }

  /**
   * Takes one use of the consent {@code claimed} names, at {@code now}: in one transaction the
   * consent row is locked, its terms checked, this day's and month's uses counted against the
   * purpose's limits, and the use recorded and {@code uses_left} decremented. With N uses left, at
   * most N concurrent callers succeed. Fails with a {@link ProblemException} naming the first broken rule.
   *
   * <p>A consent refused as past its end whose row still says ACTIVE or PAUSED (the sweeper has not
   * come by yet) is then written down as EXPIRED, once, by {@link ConsentExpiry}; whether that
   * works or not, the refusal stands as it was.
   */
  public Future<Use> take(Claimed claimed, Purpose purpose, Instant now) {
    Future<Use> taken = pool.withTransaction(tx -> tx
        .preparedQuery("select institution_uscc, subject_ref, purpose, grade, uses_left, data_window_months, status, not_before, "
            + "expires_at from consents where id = $1 for update")
        .execute(Tuple.of(claimed.consentId()))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw new ProblemException(ErrorCode.CONSENT_INVALID, "The consent this token names does not exist.");
          }
          Row row = rows.iterator().next();
          checkTerms(row, claimed, now);
          return countUses(tx, claimed.consentId(), now).compose(used -> {
            if (used.today() >= purpose.usesPerDay()) {
              throw new ProblemException(ErrorCode.CONSENT_EXHAUSTED,
                  "The consent has been used " + used.today() + " times today, the most purpose " + purpose.code() + " allows.");
            }
            if (used.month() >= purpose.usesPerMonth()) {
              throw new ProblemException(ErrorCode.CONSENT_EXHAUSTED,
                  "The consent has been used " + used.month() + " times this month, the most purpose " + purpose.code() + " allows.");
            }
            int left = row.getInteger("uses_left") - 1;
            ConsentStatus after = left == 0 ? ConsentStatus.EXHAUSTED : ConsentStatus.ACTIVE;
            return tx.preparedQuery("insert into consent_uses (consent_id, used_at) values ($1, $2)")
                .execute(Tuple.of(claimed.consentId(), time(now)))
                .compose(inserted -> tx.preparedQuery("update consents set uses_left = $2, status = $3, updated_at = $4 where id = $1")
                    .execute(Tuple.of(claimed.consentId(), left, after.name(), time(now))))
                .map(updated -> new Use(Grade.valueOf(row.getString("grade")), row.getInteger("data_window_months"), left));
          });
        }));
    // The last use has committed: the institution's webhook hears of it (never failing the query).
    return taken.onSuccess(use -> {
      if (use.usesLeft() == 0) {
        notifications.enqueue(claimed.consentId(), claimed.institutionUscc(), ConsentNotifications.Event.EXHAUSTED);
      }
    }).recover(failure -> failure instanceof ProblemException refused && refused.code() == ErrorCode.CONSENT_EXPIRED
        ? writeDownLapse(claimed.consentId(), now).compose(done -> Future.failedFuture(refused))
        : Future.failedFuture(failure));
  }

  // After take's transaction has rolled back, in one of its own. For a row already EXPIRED the
  // UPDATE changes nothing and records nothing.
  private Future<Void> writeDownLapse(UUID consentId, Instant now) {
    return expiry.expireConsent(consentId, now).<Void>mapEmpty().recover(failure -> {
      LOG.warn("a lapse found by a query could not be written down yet: {}", failure.toString());
      return Future.succeededFuture();
    });
  }

  private static void checkTerms(Row row, Claimed claimed, Instant now) {
    // The row must be the consent the token describes; a mismatch means the token is not ours to trust.
    if (!row.getString("institution_uscc").equals(claimed.institutionUscc()) || !row.getString("subject_ref").equals(claimed.subjectRef())
        || !row.getString("purpose").equals(claimed.purpose()) || !row.getString("grade").equals(claimed.grade().name())) {
      throw new ProblemException(ErrorCode.CONSENT_INVALID, "The token does not match the consent it names.");
    }
    // A status this gateway does not know is refused: valueOf throws, and the query answers 503.
    ConsentTerms terms = new ConsentTerms(ConsentStatus.valueOf(row.getString("status")),
        row.getOffsetDateTime("not_before").toInstant(), row.getOffsetDateTime("expires_at").toInstant(), row.getInteger("uses_left"));
    terms.refusalAt(now).ifPresent(refusal -> {
      throw new ProblemException(refusal.code(), refusal.detail());
    });
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

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
