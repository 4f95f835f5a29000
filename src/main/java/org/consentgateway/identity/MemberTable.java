package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.consentgateway.db.Transaction;
import org.consentgateway.identity.RegistryException.Reason;
import org.hibernate.LockMode;

/**
 * The {@code regulators} or the {@code operators} table, through Hibernate Reactive: the two have
 * the same shape and the same rules, and an id may be in only one of them, so the token endpoint
 * never has to guess a role. Every refusal is a failed future with a {@link RegistryException},
 * decided before anything is written. Never blocks.
 *
 * @param <T> {@link Regulator} or {@link Operator}
 */
public final class MemberTable<T extends Member> {

  private final RegistrySessions sessions;
  private final MemberKind<T> kind;
  private final MemberKind<?> other;

  /** @param other the registry whose ids this one may not take */
  MemberTable(RegistrySessions sessions, MemberKind<T> kind, MemberKind<?> other) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.kind = requireNonNull(kind, "kind is null");
    this.other = requireNonNull(other, "other is null");
  }

  /** Registers an active member; its id may not be one of the other table's. */
  public Future<T> add(String id, String name, ClientKey key) {
    return RegistrySessions.checked(() -> kind.member(id, name, key, true)).compose(member ->
        sessions.changing("register " + kind.noun() + " " + id, tx -> claim(tx, id)
            .compose(claimed -> row(tx, kind, id))
            .compose(mine -> mine == null ? row(tx, other, id) : Future.failedFuture(duplicate(id)))
            .compose(theirs -> theirs == null
                ? RegistrySessions.insert(tx, kind.row(member), () -> duplicate(id))
                : Future.<Void>failedFuture(new RegistryException(Reason.DUPLICATE, id + " is already the id of a registered "
                    + other.noun() + "; regulator and operator ids must differ")))
            .map(inserted -> member)));
  }

  public Future<List<T>> list() {
    return sessions.reading("list " + kind.noun() + "s", tx -> tx.await(tx.session()
            .createSelectionQuery("from " + kind.entity() + " order by id", kind.rows()).getResultList()))
        .map(rows -> rows.stream().map(kind::member).toList());
  }

  public Future<Optional<T>> find(String id) {
    return RegistrySessions.checked(() -> checkedId(id))
        .compose(checked -> sessions.reading("read " + kind.noun() + " " + id, tx -> find(tx, id)));
  }

  /** Within a session of the caller's: the member with this (valid) id, active or not. */
  Future<Optional<T>> find(Transaction tx, String id) {
    return row(tx, kind, id).map(row -> Optional.ofNullable(row).map(kind::member));
  }

  /** Refuses the member's token requests from now on. */
  public Future<T> disable(String id) {
    return setActive(id, false);
  }

  public Future<T> enable(String id) {
    return setActive(id, true);
  }

  public Future<T> setKey(String id, ClientKey key) {
    return RegistrySessions.checked(() -> requireNonNull(key, "key is null").toJson())
        .compose(json -> update(id, "set the key of " + kind.noun() + " " + id, row -> row.publicKey = json));
  }

  /** {@code updated_at} moves only when the status really changes: disabling twice is not a second change. */
  private Future<T> setActive(String id, boolean active) {
    return update(id, (active ? "enable " : "disable ") + kind.noun() + " " + id, row -> row.status = RegistryRules.status(active));
  }

  /** Changes the locked row; Hibernate writes it (and the database's time into {@code updated_at}) only if something changed. */
  private Future<T> update(String id, String what, Consumer<MemberRow> change) {
    return RegistrySessions.checked(() -> checkedId(id)).compose(checked -> sessions.changing(what, tx -> tx
        .await(tx.session().find(kind.rows(), id, LockMode.PESSIMISTIC_WRITE))
        .map(row -> {
          if (row == null) {
            throw new RegistryException(Reason.NOT_FOUND, "no " + kind.noun() + " " + id + " is registered");
          }
          change.accept(row);
          return kind.member(row);
        })));
  }

  private String checkedId(String id) {
    RegistryRules.checkMemberId(id, kind.noun());
    return id;
  }

  /**
   * Holds the id until this transaction ends: two registrations of one id, one in each table, would
   * otherwise each find the other table without it and both commit. A primary key guards one table only.
   */
  private static Future<Integer> claim(Transaction tx, String id) {
    return tx.await(tx.session()
        .createNativeQuery("select 1 from pg_advisory_xact_lock(hashtext('registry member id ' || :id))", Integer.class)
        .setParameter("id", id)
        .getSingleResult());
  }

  private static Future<MemberRow> row(Transaction tx, MemberKind<?> kind, String id) {
    return tx.await(tx.session().find(kind.rows(), id)).map(MemberRow.class::cast);
  }

  private RegistryException duplicate(String id) {
    return new RegistryException(Reason.DUPLICATE, kind.noun() + " " + id + " is already registered");
  }
}
