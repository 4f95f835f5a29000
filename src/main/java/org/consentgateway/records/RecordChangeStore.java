package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.db.Transaction;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.hibernate.LockMode;
import org.hibernate.reactive.stage.Stage;

/**
 * The records' part of a change, inside a Hibernate Reactive {@link Transaction} that the caller
 * opened, so that a dispute's filing or resolution and what it does to a record commit together:
 * finding and locking a record, correcting it with its history (native SQL of this capability's
 * own tables), the citizen's statements (their entity, {@link StatementRow}). Each write reaches
 * the database before its method's future completes, so the caller's audit entry follows the rows,
 * as the audit-inside-the-change rule wants. No Hibernate type leaves this class. Never blocks.
 */
public final class RecordChangeStore {

  /** The entities this capability maps, for the session factory. */
  public static final List<Class<?>> ENTITIES = List.of(StatementRow.class);

  /**
   * Copies the record's current row into its history, the ciphertext and its time exactly as
   * stored; completed with the table's name and {@code where id = :id}. The casts type the
   * parameters that a select list would otherwise leave as text.
   */
  private static final String ARCHIVE = "insert into record_history (record_id, version, record_kind, subject_ref, payload, "
      + "valid_from, replaced_at, replaced_by, dispute_id, repair_id) select id, version, :kind, subject_ref, payload, updated_at, "
      + "cast(:replacedAt as timestamptz), :replacedBy, cast(:disputeId as uuid), cast(:repairId as uuid) from ";

  /** The prefix of an operator's actor: the operator that corrects a record becomes its provider. */
  private static final String OPERATOR_ACTOR = "operator:";

  /** How a version ends: who replaced it, when, and in which dispute or repair, if any. */
  private record Replacement(String actor, Instant at, Optional<UUID> disputeId, Optional<UUID> repairId) {}

  /**
   * A record as its repair needs it, read inside the caller's transaction: where it is, its
   * provider, and for a public record its content and any approved repair.
   */
  public record Provided(RecordStore.Owned record, String provider, Optional<PublicRecord> publicRecord,
      Optional<RecordRepair> repair) {
    public Provided {
      requireNonNull(record, "record is null");
      requireNonNull(provider, "provider is null");
      requireNonNull(publicRecord, "publicRecord is null");
      requireNonNull(repair, "repair is null");
    }
  }

  private final RecordCipher cipher;

  public RecordChangeStore(RecordCipher cipher) {
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  /** The record if it belongs to {@code subjectRef}, else 404: someone else's record is indistinguishable from none. */
  public Future<RecordStore.Owned> findOwn(Transaction tx, UUID id, String subjectRef) {
    return find(tx, id).map(found -> found.filter(record -> record.subjectRef().equals(subjectRef))
        .orElseThrow(RecordStore::notFound));
  }

  /** Locks the record's row until the transaction ends: filings, corrections and statements of one record are serialised. */
  public Future<Void> lock(Transaction tx, RecordStore.Owned record) {
    return tx.await(tx.session().createNativeQuery("select id from " + record.kind().table() + " where id = :id for update", UUID.class)
            .setParameter("id", record.id()).getResultList())
        .mapEmpty();
  }

  /**
   * An operator's correction outside any dispute: applies {@code patch} to the record under its
   * row lock. The version it replaces goes to {@code record_history} as it was stored, the row
   * gets the new payload and version. Fails with 404 when there is no such record and 400 (naming
   * the fields) when the correction is refused.
   */
  public Future<RecordStore.Corrected> correct(Transaction tx, UUID id, JsonNode patch, String actor, Instant now) {
    return correct(tx, id, patch, new Replacement(actor, now, Optional.empty(), Optional.empty()));
  }

  /** The correction that resolves dispute {@code disputeId}, as {@link #correct}; the replaced version names the dispute. */
  public Future<RecordStore.Corrected> correctInDispute(Transaction tx, UUID disputeId, UUID id, JsonNode patch, String actor,
      Instant now) {
    return correct(tx, id, patch, new Replacement(actor, now, Optional.of(requireNonNull(disputeId, "disputeId is null")),
        Optional.empty()));
  }

  /**
   * One of the subject's own records with its provider, under its row lock until the transaction
   * ends; 404 for anyone else's, as for none.
   */
  public Future<Provided> lockOwnProvided(Transaction tx, UUID id, String subjectRef) {
    return findOwn(tx, id, subjectRef).compose(record -> provided(tx, record, true));
  }

  /** One of the subject's own records with its provider, as it is now, without a lock; 404 for anyone else's, as for none. */
  public Future<Provided> ownProvided(Transaction tx, UUID id, String subjectRef) {
    return findOwn(tx, id, subjectRef).compose(record -> provided(tx, record, false));
  }

  /** Any record with its provider, under its row lock until the transaction ends; 404 when there is none. */
  public Future<Provided> lockProvided(Transaction tx, UUID id) {
    return find(tx, id).compose(found -> provided(tx, found.orElseThrow(RecordStore::notFound), true));
  }

  /**
   * Marks a public record repaired by repair {@code repairId}, under its row lock: the version it
   * replaces goes to {@code record_history} naming the repair, the row gets the next version (its
   * payload unchanged) and the repair. Every later read of the record, on any gateway, sees it.
   */
  public Future<Void> markRepaired(Transaction tx, UUID repairId, UUID id, RepairOutcome outcome, String actor, Instant now) {
    requireNonNull(repairId, "repairId is null");
    requireNonNull(outcome, "outcome is null");
    Stage.Session session = tx.session();
    Replacement replacement = new Replacement(actor, now, Optional.empty(), Optional.of(repairId));
    return lockProvided(tx, id).compose(provided -> {
      if (provided.record().kind() != RecordKind.PUBLIC_RECORD || provided.repair().isPresent()) {
        throw new IllegalStateException("only a public record not yet repaired can be marked repaired");
      }
      String table = provided.record().kind().table();
      return archive(tx, provided.record(), replacement)
          .compose(archived -> tx.await(session.createNativeQuery("update " + table + " set version = version + 1, updated_at = :at, "
                  + "repaired_at = :at, repair_outcome = :outcome where id = :id")
              .setParameter("id", id)
              .setParameter("at", now.atOffset(ZoneOffset.UTC))
              .setParameter("outcome", outcome.name())
              .executeUpdate()))
          .mapEmpty();
    });
  }

  /**
   * Sets the subject's statement on {@code record}, replacing any earlier one. The record's row is
   * locked first, so two first statements on one record cannot both insert.
   */
  Future<Void> putStatement(Transaction tx, RecordStore.Owned record, String statement, Instant now) {
    byte[] sealed = Sealed.sealText(cipher, statement, RowBinding.statement(record.id()));
    Stage.Session session = tx.session();
    return lock(tx, record)
        .compose(locked -> tx.await(session.find(StatementRow.class, record.id())))
        .compose(found -> {
          StatementRow row = found == null ? new StatementRow(record) : found;
          row.write(sealed, now);
          return tx.await(found == null ? session.persist(row).thenCompose(persisted -> session.flush()) : session.flush());
        });
  }

  /** Removes the statement on {@code record}; false when there was none. */
  Future<Boolean> removeStatement(Transaction tx, RecordStore.Owned record) {
    Stage.Session session = tx.session();
    return tx.await(session.find(StatementRow.class, record.id(), LockMode.PESSIMISTIC_WRITE)).compose(found -> {
      if (found == null || !found.subjectRef.equals(record.subjectRef())) {
        return Future.succeededFuture(false);
      }
      return tx.await(session.remove(found).thenCompose(removed -> session.flush())).map(true);
    });
  }

  private Future<Optional<RecordStore.Owned>> find(Transaction tx, UUID id) {
    return tx.await(tx.session().createNativeQuery(String.format(RecordStore.FIND, ":id"), Object[].class)
            .setParameter("id", id).getResultList())
        .map(rows -> rows.stream().findFirst()
            .map(row -> new RecordStore.Owned(id, RecordKind.valueOf((String) row[0]), (String) row[1])));
  }

  private Future<Provided> provided(Transaction tx, RecordStore.Owned record, boolean lock) {
    String repair = record.kind() == RecordKind.PUBLIC_RECORD ? "repaired_at, repair_outcome" : "null, null";
    return tx.await(tx.session().createNativeQuery("select provider, payload, " + repair + " from " + record.kind().table()
                + " where id = :id" + (lock ? " for update" : ""), Object[].class)
            .setParameter("id", record.id()).getSingleResult())
        .map(row -> {
          Optional<PublicRecord> content = record.kind() == RecordKind.PUBLIC_RECORD
              ? Optional.of(CreditFileJson.publicRecord(Sealed.openJson(cipher, (byte[]) row[1], record.kind().binding(record.id()))))
              : Optional.empty();
          Optional<RecordRepair> repaired = Optional.ofNullable(row[2])
              .map(at -> new RecordRepair(instant(at), RepairOutcome.valueOf((String) row[3])));
          return new Provided(record, (String) row[0], content, repaired);
        });
  }

  private static Instant instant(Object timestamp) {
    // Hibernate hands a timestamptz of a native query back as one of these, depending on its settings.
    if (timestamp instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (timestamp instanceof Instant instant) {
      return instant;
    }
    if (timestamp instanceof java.sql.Timestamp sql) {
      return sql.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + timestamp.getClass().getName());
  }

  /** Copies the record's current row into its history, ended as {@code replacement} says. */
  private Future<Integer> archive(Transaction tx, RecordStore.Owned record, Replacement replacement) {
    return tx.await(tx.session().createNativeQuery(ARCHIVE + record.kind().table() + " where id = :id")
        .setParameter("id", record.id())
        .setParameter("kind", record.kind().name())
        .setParameter("replacedAt", replacement.at().atOffset(ZoneOffset.UTC))
        .setParameter("replacedBy", replacement.actor())
        .setParameter("disputeId", replacement.disputeId().orElse(null))
        .setParameter("repairId", replacement.repairId().orElse(null))
        .executeUpdate());
  }

  private Future<RecordStore.Corrected> correct(Transaction tx, UUID id, JsonNode patch, Replacement replacement) {
    Stage.Session session = tx.session();
    return find(tx, id).compose(found -> {
      RecordStore.Owned record = found.orElseThrow(RecordStore::notFound);
      String table = record.kind().table();
      return tx.await(session.createNativeQuery("select version, payload from " + table + " where id = :id for update", Object[].class)
              .setParameter("id", id).getSingleResult())
          .compose(row -> {
            int version = ((Number) row[0]).intValue();
            RecordCorrection.Result result = corrected(record, (byte[]) row[1], patch);
            byte[] next = Sealed.sealJson(cipher, result.record(), record.kind().binding(id));
            OffsetDateTime at = replacement.at().atOffset(ZoneOffset.UTC);
            // The operator that corrects a record becomes its provider ("谁认定，谁修复").
            String provider = replacement.actor().startsWith(OPERATOR_ACTOR)
                ? replacement.actor().substring(OPERATOR_ACTOR.length()) : null;
            return archive(tx, record, replacement)
                .compose(archived -> tx.await(session.createNativeQuery("update " + table
                        + " set payload = :payload, version = :version, updated_at = :at, provider = coalesce(cast(:provider as text), provider) "
                        + "where id = :id")
                    .setParameter("id", id)
                    .setParameter("payload", next)
                    .setParameter("version", version + 1)
                    .setParameter("at", at)
                    .setParameter("provider", provider)
                    .executeUpdate()))
                .map(updated -> new RecordStore.Corrected(record, version + 1, result.changedFields()));
          });
    });
  }

  private RecordCorrection.Result corrected(RecordStore.Owned record, byte[] payload, JsonNode patch) {
    try {
      return RecordCorrection.apply(record.kind(), Sealed.openJson(cipher, payload, record.kind().binding(record.id())), patch);
    } catch (RecordCorrection.Refused refused) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "The correction is refused: " + refused.detail() + ".");
    }
  }
}
