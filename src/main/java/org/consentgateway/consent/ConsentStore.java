package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.ClientRegistry;

/**
 * The lifecycle's tables, {@code consent_requests} and {@code consents} (V5, V9), on the Vert.x SQL
 * client, as the query's use of a consent is: each call of the lifecycle is one transaction of a
 * few prepared statements, or one statement when it only reads. Rows are read as {@link
 * ConsentRequestRow} and {@link ConsentRow}. Never blocks.
 *
 * <p>The institution's name, which the citizen is shown, is the identity capability's: it is asked
 * of {@link ClientRegistry} ({@link #named}) once a transaction has ended, so no transaction here
 * holds its connection while it waits for another capability's.
 *
 * <p>Methods taking a {@link SqlClient} run inside the caller's transaction ({@link
 * #inTransaction}). "Lock" reads take the row {@code FOR UPDATE}, so two answers to one request, or
 * two changes to one consent, are serialised. Every change has reached the database when its future
 * completes: an audit entry appended next follows the change's rows, and a change the database
 * refuses fails before it.
 */
public final class ConsentStore {

  private static final String REQUEST_BY_ID = "select " + ConsentRequestRow.COLUMNS + " from consent_requests where id = $1";
  private static final String CONSENT_BY_ID = "select " + ConsentRow.COLUMNS + " from consents where id = $1";
  private static final String LOCK = " for update";
  /** The request and, once approved, the consent it created: the institution's view, in one statement. */
  private static final String REQUEST_WITH_CONSENT = "select " + prefixed("r", ConsentRequestRow.COLUMNS) + ", "
      + prefixed("c", ConsentRow.COLUMNS) + " from consent_requests r left join consents c on c.id = r.consent_id where r.id = $1";
  private static final String INSERT_REQUEST = "insert into consent_requests (" + ConsentRequestRow.COLUMNS
      + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
  /** The consent and its request's answer, in one statement; the request must still be PENDING. */
  private static final String APPROVE = "with consent as (insert into consents (" + ConsentRow.COLUMNS
      + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)) "
      + "update consent_requests set status = 'APPROVED', answered_at = $11, consent_id = $1 where id = $2 and status = 'PENDING'";
  private static final String REJECT = "update consent_requests set status = 'REJECTED', answered_at = $2 "
      + "where id = $1 and status = 'PENDING'";
  private static final String EXPIRE_REQUEST = "update consent_requests set status = 'EXPIRED' where id = $1";
  private static final String UPDATE_STATUS = "update consents set status = $2, updated_at = $3 where id = $1";

  private final Pool pool;
  private final ClientRegistry registry;

  public ConsentStore(Pool pool, ClientRegistry registry) {
    this.pool = requireNonNull(pool, "pool is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  /**
   * Runs {@code work} in one transaction on a connection of its own: it commits when the work's
   * future succeeds, and rolls back when it fails (the result then fails with the work's failure).
   *
   * <p>Unlike {@link Pool#withTransaction}, BEGIN is not waited for before the work starts: the
   * connection sends it and the work's first statement together and answers them in order, so the
   * first statement's answer comes after BEGIN's, and a transaction costs one round trip less. The
   * work's later steps (the audit entry) start only from that answer. BEGIN on a pooled connection
   * (never left inside a transaction) fails only when the connection does, and then the statements
   * sent behind it fail too, so the work fails before its audit entry; the call then fails.
   */
  <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.getConnection().compose(connection -> {
      Future<Transaction> begun = connection.begin();
      Future<T> done;
      try {
        done = work.apply(connection);
      } catch (RuntimeException e) {
        done = Future.failedFuture(e);
      }
      Future<T> worked = done;
      return worked.transform(result -> begun.transform(began -> {
        if (began.failed()) {
          return Future.<T>failedFuture(began.cause());
        }
        Transaction transaction = began.result();
        return result.succeeded()
            ? transaction.commit().map(result.result())
            : transaction.rollback().transform(rolledBack -> Future.<T>failedFuture(result.cause()));
      })).onComplete(ended -> connection.close());
    });
  }

  /** A row of an institution's request or consent: it becomes its record once the institution's name is known. */
  interface InstitutionRow<T> {
    String institutionUscc();

    T named(String institutionName);
  }

  /** A request and, once approved, its consent, as read in one statement. */
  record RequestAndConsent(ConsentRequestRow request, Optional<ConsentRow> consent) {}

  Future<Optional<ConsentRequestRow>> findRequest(UUID id) {
    return pool.preparedQuery(REQUEST_BY_ID).execute(Tuple.of(id)).map(rows -> first(rows, row -> ConsentRequestRow.of(row, 0)));
  }

  /** Request {@code id} and the consent its approval created, if any, in one round trip. */
  Future<Optional<RequestAndConsent>> findRequestWithConsent(UUID id) {
    return pool.preparedQuery(REQUEST_WITH_CONSENT).execute(Tuple.of(id)).map(rows -> first(rows, row -> {
      int consentColumns = ConsentRequestRow.COLUMN_COUNT;
      return new RequestAndConsent(ConsentRequestRow.of(row, 0),
          row.getUUID(consentColumns) == null ? Optional.empty() : Optional.of(ConsentRow.of(row, consentColumns)));
    }));
  }

  Future<List<ConsentRequest>> requestsOf(String subjectRef) {
    return ofSubject("select " + ConsentRequestRow.COLUMNS + " from consent_requests", subjectRef,
        row -> ConsentRequestRow.of(row, 0));
  }

  Future<Void> insertRequest(SqlClient tx, ConsentRequest request) {
    Redirect redirect = request.redirect().orElse(null);
    return tx.preparedQuery(INSERT_REQUEST).execute(Tuple.from(new Object[] {request.id(), request.institutionUscc(),
            request.subjectRef(), request.purpose(), request.grade().name(), request.validDays(), request.maxUses(),
            request.dataWindowMonths(), request.status().name(), time(request.createdAt()), time(request.expiresAt()),
            request.answeredAt().map(ConsentStore::time).orElse(null), request.consentId().orElse(null),
            redirect == null ? null : redirect.uri(), redirect == null ? null : redirect.state().orElse(null)}))
        .mapEmpty();
  }

  /** Request {@code id} as it is now, locked; empty when there is none. */
  Future<Optional<ConsentRequestRow>> lockRequest(SqlClient tx, UUID id) {
    return tx.preparedQuery(REQUEST_BY_ID + LOCK).execute(Tuple.of(id)).map(rows -> first(rows, row -> ConsentRequestRow.of(row, 0)));
  }

  /** Creates {@code consent} and marks its locked, PENDING request APPROVED at the consent's creation. */
  Future<Void> approve(SqlClient tx, ConsentRow consent) {
    return tx.preparedQuery(APPROVE).execute(Tuple.from(new Object[] {consent.id(), consent.requestId(), consent.institutionUscc(),
            consent.subjectRef(), consent.purpose(), consent.grade().name(), consent.maxUses(), consent.usesLeft(),
            consent.dataWindowMonths(), consent.status().name(), time(consent.createdAt()), time(consent.notBefore()),
            time(consent.expiresAt()), time(consent.updatedAt())}))
        .map(ConsentStore::answered);
  }

  /** Marks the locked, PENDING request {@code id} REJECTED at {@code at}. */
  Future<Void> reject(SqlClient tx, UUID id, Instant at) {
    return tx.preparedQuery(REJECT).execute(Tuple.of(id, time(at))).map(ConsentStore::answered);
  }

  Future<Optional<ConsentRow>> findConsent(UUID id) {
    return pool.preparedQuery(CONSENT_BY_ID).execute(Tuple.of(id)).map(rows -> first(rows, row -> ConsentRow.of(row, 0)));
  }

  Future<List<Consent>> consentsOf(String subjectRef) {
    return ofSubject("select " + ConsentRow.COLUMNS + " from consents", subjectRef, row -> ConsentRow.of(row, 0));
  }

  /** Consent {@code id} as it is now, locked; empty when there is none. */
  Future<Optional<ConsentRow>> lockConsent(SqlClient tx, UUID id) {
    return tx.preparedQuery(CONSENT_BY_ID + LOCK).execute(Tuple.of(id)).map(rows -> first(rows, row -> ConsentRow.of(row, 0)));
  }

  /** Writes the locked consent's new status and time of change. */
  Future<Void> updateStatus(SqlClient tx, ConsentRow consent) {
    return tx.preparedQuery(UPDATE_STATUS).execute(Tuple.of(consent.id(), consent.status().name(), time(consent.updatedAt())))
        .mapEmpty();
  }

  /** Locks consent {@code id} and marks it EXPIRED if it is still live past its end at {@code now}; empty when it was not. */
  Future<List<ConsentExpiry.Lapsed>> expireConsent(SqlClient tx, UUID id, Instant now) {
    return lockConsent(tx, id).compose(found -> found.filter(row -> row.lapsedAt(now))
        .map(row -> updateStatus(tx, row.with(ConsentStatus.EXPIRED, now)).map(List.of(row.lapse())))
        .orElseGet(() -> Future.succeededFuture(List.of())));
  }

  /** Locks request {@code id} and marks it EXPIRED if it is still PENDING past its answer window at {@code now}. */
  Future<List<ConsentExpiry.Lapsed>> expireRequest(SqlClient tx, UUID id, Instant now) {
    return lockRequest(tx, id).compose(found -> found.filter(row -> row.lapsedAt(now))
        .map(row -> tx.preparedQuery(EXPIRE_REQUEST).execute(Tuple.of(id)).map(List.of(row.lapse())))
        .orElseGet(() -> Future.succeededFuture(List.of())));
  }

  /** {@code row} named with its institution's registered name (from the registry's cache, nearly always). */
  <T> Future<T> named(InstitutionRow<T> row) {
    return named(List.of(row)).map(records -> records.get(0));
  }

  /** Maps {@code rows} to records named with their institution's registered name, asked once for all of them. */
  <T> Future<List<T>> named(List<? extends InstitutionRow<T>> rows) {
    Set<String> usccs = rows.stream().map(InstitutionRow::institutionUscc).collect(Collectors.toSet());
    return registry.institutionNames(usccs).map(names -> rows.stream()
        .map(row -> row.named(name(names, row.institutionUscc())))
        .toList());
  }

  // The row is locked and was PENDING, so this cannot happen; if it ever does, failing rolls the transaction back.
  private static Void answered(RowSet<Row> updated) {
    if (updated.rowCount() != 1) {
      throw new ProblemException(ErrorCode.CONFLICT, "The request was answered meanwhile.");
    }
    return null;
  }

  /** The subject's rows from {@code select}, oldest first, named. */
  private <T> Future<List<T>> ofSubject(String select, String subjectRef, Function<Row, ? extends InstitutionRow<T>> read) {
    return pool.preparedQuery(select + " where subject_ref = $1 order by created_at, id").execute(Tuple.of(subjectRef))
        .compose(rows -> {
          List<InstitutionRow<T>> found = new ArrayList<>(rows.size());
          rows.forEach(row -> found.add(read.apply(row)));
          return named(found);
        });
  }

  private static <T> Optional<T> first(RowSet<Row> rows, Function<Row, T> read) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(read.apply(rows.iterator().next()));
  }

  // The foreign key makes a row's institution registered; a missing name is a broken database.
  private static String name(Map<String, String> names, String uscc) {
    String name = names.get(uscc);
    if (name == null) {
      throw new IllegalStateException("a consent row names an institution that is not registered");
    }
    return name;
  }

  private static String prefixed(String table, String columns) {
    return Arrays.stream(columns.split(", ")).map(column -> table + "." + column).collect(Collectors.joining(", "));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
