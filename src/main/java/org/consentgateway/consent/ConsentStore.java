package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.Transaction;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.hibernate.LockMode;

/**
 * The lifecycle's tables, {@code consent_requests} and {@code consents} (V5), through Hibernate
 * Reactive sessions: the rows ({@link ConsentRequestRow}, {@link ConsentRow}) are mapped to
 * {@link ConsentRequest} and {@link Consent} here and never leave. Never blocks.
 *
 * <p>The institution's name, which the citizen is shown, is the identity capability's: it is asked
 * of {@link ClientRegistry} after a read's session has ended, and a change is handed the record it
 * read before its transaction ({@link #lockRequest}, {@link #lockConsent}), so no transaction here
 * holds its connection while it waits for another capability's.
 *
 * <p>Methods taking a {@link Transaction} run inside the caller's. "Lock" reads take the row FOR
 * UPDATE ({@link LockMode#PESSIMISTIC_WRITE}), so two answers to one request, or two changes to one
 * consent, are serialised. Every change is flushed before its future completes: an audit entry
 * appended next follows the change's rows, and a change the database refuses fails before it.
 */
public final class ConsentStore {

  /** The entities of this store, for the gateway's one session factory. */
  public static final List<Class<?>> ENTITIES = List.of(ConsentRequestRow.class, ConsentRow.class);

  private final Sessions sessions;
  private final ClientRegistry registry;

  public ConsentStore(Sessions sessions, ClientRegistry registry) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  <T> Future<T> inTransaction(Function<Transaction, Future<T>> work) {
    return sessions.inTransaction(work);
  }

  /** A row of an institution's request or consent: it becomes its record once the institution's name is known. */
  interface InstitutionRow<T> {
    String institutionUscc();

    T named(String institutionName);
  }

  Future<Optional<ConsentRequest>> findRequest(UUID id) {
    return find(ConsentRequestRow.class, id);
  }

  Future<List<ConsentRequest>> requestsOf(String subjectRef) {
    return ofSubject(ConsentRequestRow.class, subjectRef);
  }

  Future<Void> insertRequest(Transaction tx, ConsentRequest request) {
    return tx.await(tx.session().persist(ConsentRequestRow.of(request))).compose(persisted -> flush(tx));
  }

  /** The request {@code seen} read before this transaction, as it is now, locked. */
  Future<ConsentRequest> lockRequest(Transaction tx, ConsentRequest seen) {
    return lockedRequest(tx, seen.id()).map(row -> row.named(seen.institutionName()));
  }

  /** Creates {@code consent} and marks its locked, PENDING {@code request} APPROVED at {@code at}. */
  Future<Void> approve(Transaction tx, ConsentRequest request, Consent consent, Instant at) {
    return tx.await(tx.session().persist(ConsentRow.of(consent)))
        .compose(persisted -> answer(tx, request, row -> row.approve(consent.id(), at)));
  }

  /** Marks the locked, PENDING {@code request} REJECTED at {@code at}. */
  Future<Void> reject(Transaction tx, ConsentRequest request, Instant at) {
    return answer(tx, request, row -> row.reject(at));
  }

  Future<Optional<Consent>> findConsent(UUID id) {
    return find(ConsentRow.class, id);
  }

  Future<List<Consent>> consentsOf(String subjectRef) {
    return ofSubject(ConsentRow.class, subjectRef);
  }

  /** The consent {@code seen} read before this transaction, as it is now, locked. */
  Future<Consent> lockConsent(Transaction tx, Consent seen) {
    return lockedConsent(tx, seen.id()).map(row -> row.named(seen.institutionName()));
  }

  /** Writes the locked consent's new status and time of change. */
  Future<Void> updateStatus(Transaction tx, Consent consent) {
    return lockedConsent(tx, consent.id()).compose(row -> {
      row.status(consent.status(), consent.updatedAt());
      return flush(tx);
    });
  }

  /** Locks consent {@code id} and marks it EXPIRED if it is still live past its end at {@code now}; empty when it was not. */
  Future<List<ConsentExpiry.Lapsed>> expireConsent(Transaction tx, UUID id, Instant now) {
    return lockedConsent(tx, id).compose(row -> row != null && row.lapsedAt(now)
        ? flushed(tx, row.expire(now))
        : Future.succeededFuture(List.of()));
  }

  /** Locks request {@code id} and marks it EXPIRED if it is still PENDING past its answer window at {@code now}. */
  Future<List<ConsentExpiry.Lapsed>> expireRequest(Transaction tx, UUID id, Instant now) {
    return lockedRequest(tx, id).compose(row -> row != null && row.lapsedAt(now)
        ? flushed(tx, row.expire())
        : Future.succeededFuture(List.of()));
  }

  // The lock is taken once per transaction: a second find of a row this session holds locked
  // answers from the session, as it stands after this transaction's changes.
  private static Future<ConsentRequestRow> lockedRequest(Transaction tx, UUID id) {
    return tx.await(tx.session().find(ConsentRequestRow.class, id, LockMode.PESSIMISTIC_WRITE));
  }

  private static Future<ConsentRow> lockedConsent(Transaction tx, UUID id) {
    return tx.await(tx.session().find(ConsentRow.class, id, LockMode.PESSIMISTIC_WRITE));
  }

  private static Future<Void> answer(Transaction tx, ConsentRequest request, Consumer<ConsentRequestRow> answer) {
    return lockedRequest(tx, request.id()).compose(row -> {
      // The row is locked, so this cannot happen; if it ever does, failing rolls the transaction back.
      if (!row.status().awaitsAnswer()) {
        throw new ProblemException(ErrorCode.CONFLICT, "The request was answered meanwhile.");
      }
      answer.accept(row);
      return flush(tx);
    });
  }

  // Takes the lapse already marked on the row, so the flush writes it.
  private static Future<List<ConsentExpiry.Lapsed>> flushed(Transaction tx, ConsentExpiry.Lapsed lapsed) {
    return flush(tx).map(List.of(lapsed));
  }

  private static Future<Void> flush(Transaction tx) {
    return tx.await(tx.session().flush());
  }

  private <R extends InstitutionRow<T>, T> Future<Optional<T>> find(Class<R> type, UUID id) {
    return sessions.reading(tx -> tx.await(tx.session().find(type, id)))
        .compose(row -> named(row == null ? List.<R>of() : List.of(row)))
        .map(records -> records.stream().findFirst());
  }

  /** The subject's rows of {@code type}, oldest first. */
  private <R extends InstitutionRow<T>, T> Future<List<T>> ofSubject(Class<R> type, String subjectRef) {
    return sessions.reading(tx -> tx.await(tx.session()
            .createSelectionQuery("from " + type.getSimpleName() + " where subjectRef = :subjectRef order by createdAt, id", type)
            .setParameter("subjectRef", subjectRef)
            .getResultList()))
        .compose(this::named);
  }

  /** Maps {@code rows} to records named with their institution's registered name, asked once for all of them. */
  private <R extends InstitutionRow<T>, T> Future<List<T>> named(List<R> rows) {
    Set<String> usccs = rows.stream().map(InstitutionRow::institutionUscc).collect(Collectors.toSet());
    return registry.institutionNames(usccs).map(names -> rows.stream()
        .map(row -> row.named(name(names, row.institutionUscc())))
        .toList());
  }

  // The foreign key makes a row's institution registered; a missing name is a broken database.
  private static String name(Map<String, String> names, String uscc) {
    String name = names.get(uscc);
    if (name == null) {
      throw new IllegalStateException("a consent row names an institution that is not registered");
    }
    return name;
  }

}
