package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the audit log on behalf of one data subject: their inquiry history, their consents'
 * lifecycle entries, and whether an entry is theirs. Each is a range or a point of the primary
 * key of {@code audit_subject_entries} (V8), plus one {@code audit_entries} primary-key lookup per
 * entry read; never a scan of the log. The institutions' names are not the log's to know: the
 * query capability adds them ({@code query.InquiryHistory}).
 *
 * <p>Thread-safe; never blocks.
 */
public final class InquiryStore {

  /** One past the largest index: "before" with no bound. */
  public static final long NO_BOUND = AuditEntry.MAX_INDEX + 1;

  // A range of audit_subject_entries' primary key, newest first; each entry then by its own key. The
  // entry is a correlated subquery, not a join: a join let the planner merge with a backward walk
  // of the whole log, which reaches a subject's older queries only after everything since.
  static final String INQUIRIES = """
      select s.idx, (select e.entry from audit_entries e where e.idx = s.idx) as entry
        from audit_subject_entries s
       where s.subject_ref = $1 and s.action in ('query.allowed', 'query.denied') and s.idx < $2
       order by s.idx desc limit $3""";
  // The same range walked the other way: the queries just after an index, oldest first.
  static final String NEWER_INQUIRIES = """
      select s.idx, (select e.entry from audit_entries e where e.idx = s.idx) as entry
        from audit_subject_entries s
       where s.subject_ref = $1 and s.action in ('query.allowed', 'query.denied') and s.idx > $2
       order by s.idx limit $3""";
  private static final String CONSENT_EVENTS =
      "select (select e.entry from audit_entries e where e.idx = s.idx) as entry from audit_subject_entries s "
          + "where s.subject_ref = $1 and s.action like 'consent.%' order by s.idx";
  private static final int EXPORT_PAGE = 500;
  private static final String IS_ABOUT = "select 1 from audit_subject_entries where subject_ref = $1 and idx = $2";

  private final Pool pool;

  public InquiryStore(Pool pool) {
    this.pool = requireNonNull(pool, "pool is null");
  }

  /**
   * The queries about {@code subjectRef} with index below {@code before}, newest first, at most
   * {@code limit}; {@link InquiryPage#more()} when at least one older one exists. Fails with
   * {@link AuditFormatException} if a stored entry does not parse.
   */
  public Future<InquiryPage> inquiries(String subjectRef, long before, int limit) {
    return page(INQUIRIES, subjectRef, before, limit);
  }

  /**
   * The queries about {@code subjectRef} with index above {@code after}, the {@code limit} oldest
   * of them, shown newest first like every page: the page before one that begins just after
   * {@code after}. {@link InquiryPage#more()} when at least one newer one exists.
   */
  public Future<InquiryPage> newerInquiries(String subjectRef, long after, int limit) {
    return page(NEWER_INQUIRIES, subjectRef, after, limit)
        .map(found -> {
          List<Inquiry> newestFirst = new ArrayList<>(found.inquiries());
          Collections.reverse(newestFirst);
          return new InquiryPage(newestFirst, found.more());
        });
  }

  private Future<InquiryPage> page(String sql, String subjectRef, long bound, int limit) {
    requireNonNull(subjectRef, "subjectRef is null");
    if (limit < 1 || bound < 0) {
      throw new IllegalArgumentException("need limit >= 1 and a bound >= 0, got " + limit + " and " + bound);
    }
    // One row more than asked tells whether there is a further page without a count.
    return pool.preparedQuery(sql).execute(Tuple.of(subjectRef, bound, limit + 1)).map(rows -> {
      List<Inquiry> inquiries = new ArrayList<>(rows.size());
      for (Row row : rows) {
        inquiries.add(new Inquiry(AuditEntry.parse(row.getBuffer(1).getBytes()), Optional.empty()));
      }
      boolean more = inquiries.size() > limit;
      return new InquiryPage(more ? inquiries.subList(0, limit) : inquiries, more);
    });
  }

  /**
   * Every inquiry about {@code subjectRef}, newest first, read page by page: the inquiry history
   * in a citizen's export.
   */
  public Future<List<Inquiry>> allInquiries(String subjectRef) {
    return allFrom(subjectRef, NO_BOUND, new ArrayList<>());
  }

  private Future<List<Inquiry>> allFrom(String subjectRef, long before, List<Inquiry> sofar) {
    return inquiries(subjectRef, before, EXPORT_PAGE).compose(page -> {
      sofar.addAll(page.inquiries());
      return page.more() ? allFrom(subjectRef, page.nextBefore(), sofar) : Future.succeededFuture(List.copyOf(sofar));
    });
  }

  /**
   * The consent lifecycle entries about {@code subjectRef} (requested, approved, rejected, paused,
   * resumed, revoked, expired), oldest first.
   */
  public Future<List<AuditEntry>> consentEvents(String subjectRef) {
    requireNonNull(subjectRef, "subjectRef is null");
    return pool.preparedQuery(CONSENT_EVENTS).execute(Tuple.of(subjectRef)).map(rows -> {
      List<AuditEntry> entries = new ArrayList<>(rows.size());
      for (Row row : rows) {
        entries.add(AuditEntry.parse(row.getBuffer(0).getBytes()));
      }
      return entries;
    });
  }

  /** Whether entry {@code index} is about {@code subjectRef}; false for an entry about nobody, or past the log. */
  public Future<Boolean> isAbout(long index, String subjectRef) {
    return pool.preparedQuery(IS_ABOUT).execute(Tuple.of(subjectRef, index)).map(rows -> rows.size() > 0);
  }
}
