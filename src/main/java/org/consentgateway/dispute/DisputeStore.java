package org.consentgateway.dispute;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.Transaction;
import org.consentgateway.records.RowBinding;
import org.hibernate.LockMode;

/**
 * The disputes table. Disputes are read and written through Hibernate Reactive sessions as
 * {@link DisputeRow}s and mapped to {@link Dispute}s here; their free text is sealed with the
 * record cipher, bound to its dispute. Two reads stay on the Vert.x pool: which records are under
 * open dispute (every query reads it) and the overdue count (a gauge, refreshed in the background).
 */
public final class DisputeStore {

  /** The entities this capability maps, for the session factory. */
  public static final List<Class<?>> ENTITIES = List.of(DisputeRow.class);

  private final Sessions sessions;
  private final Pool pool;
  private final RecordCipher cipher;

  public DisputeStore(Sessions sessions, Pool pool, RecordCipher cipher) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.pool = requireNonNull(pool, "pool is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  Sessions sessions() {
    return sessions;
  }

  /** Whether the record has an open dispute; call with the record's row locked so the answer holds. */
  Future<Boolean> openOn(Transaction tx, UUID recordId) {
    return tx.await(tx.session()
            .createSelectionQuery("select count(d) from DisputeRow d where d.recordId = :record and d.status = :open", Long.class)
            .setParameter("record", recordId)
            .setParameter("open", DisputeStatus.OPEN)
            .getSingleResult())
        .map(count -> count > 0);
  }

  /** Writes a dispute just filed; its row reaches the database before the future completes. */
  Future<Void> insert(Transaction tx, Dispute dispute) {
    DisputeRow row = new DisputeRow(dispute, seal(dispute.reason(), RowBinding.disputeReason(dispute.id())));
    return tx.await(tx.session().persist(row).thenCompose(persisted -> tx.session().flush()));
  }

  /** The dispute, its row locked until the transaction ends. */
  Future<Optional<Dispute>> lock(Transaction tx, UUID id) {
    return tx.await(tx.session().find(DisputeRow.class, id, LockMode.PESSIMISTIC_WRITE))
        .map(row -> Optional.ofNullable(row).map(this::dispute));
  }

  /** Closes a dispute that {@link #lock} found open in this transaction; its row is written before the future completes. */
  Future<Void> resolve(Transaction tx, Dispute resolved) {
    byte[] note = seal(resolved.resolutionNote().orElseThrow(), RowBinding.disputeResolutionNote(resolved.id()));
    return tx.await(tx.session().find(DisputeRow.class, resolved.id()).thenCompose(row -> {
      if (row == null || row.status != DisputeStatus.OPEN) {
        throw new IllegalStateException("the dispute row was locked and open, yet is not");
      }
      row.resolve(resolved, note);
      return tx.session().flush();
    }));
  }

  /** The records of the subject that are under an open dispute: on the pool, as the query's other reads. */
  Future<List<UUID>> openRecordIds(String subjectRef) {
    return pool.preparedQuery("select record_id from disputes where subject_ref = $1 and status = '" + DisputeStatus.OPEN.name() + "'")
        .execute(Tuple.of(subjectRef))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID("record_id")));
          return ids;
        });
  }

  /** The subject's disputes, newest first. */
  Future<List<Dispute>> of(String subjectRef) {
    return sessions.reading(tx -> tx.await(tx.session()
            .createSelectionQuery("from DisputeRow d where d.subjectRef = :subject order by d.filedAt desc, d.id", DisputeRow.class)
            .setParameter("subject", subjectRef)
            .getResultList()))
        .map(this::disputes);
  }

  /** Every dispute, oldest deadline first. */
  Future<List<Dispute>> all() {
    return sessions.reading(tx -> tx.await(tx.session()
            .createSelectionQuery("from DisputeRow d order by d.dueBy, d.id", DisputeRow.class)
            .getResultList()))
        .map(this::disputes);
  }

  /** The disputes in {@code status}, oldest deadline first. */
  Future<List<Dispute>> withStatus(DisputeStatus status) {
    requireNonNull(status, "status is null");
    return sessions.reading(tx -> tx.await(tx.session()
            .createSelectionQuery("from DisputeRow d where d.status = :status order by d.dueBy, d.id", DisputeRow.class)
            .setParameter("status", status)
            .getResultList()))
        .map(this::disputes);
  }

  /** How many disputes are open past their deadline at {@code now}: on the pool, for the gauge. */
  Future<Long> countOverdue(Instant now) {
    return pool.preparedQuery("select count(*) from disputes where status = '" + DisputeStatus.OPEN.name() + "' and due_by < $1")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private List<Dispute> disputes(List<DisputeRow> rows) {
    return rows.stream().map(this::dispute).toList();
  }

  private Dispute dispute(DisputeRow row) {
    return new Dispute(row.id, row.subjectRef, row.recordId, row.recordKind, open(row.reason, RowBinding.disputeReason(row.id)),
        row.status, row.filedAt, row.dueBy, row.filedAuditIndex, Optional.ofNullable(row.resolvedAt),
        Optional.ofNullable(row.resolvedBy),
        Optional.ofNullable(row.resolutionNote).map(sealed -> open(sealed, RowBinding.disputeResolutionNote(row.id))),
        Optional.ofNullable(row.resolvedAuditIndex));
  }

  private byte[] seal(String text, byte[] binding) {
    return cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), binding);
  }

  private String open(byte[] sealed, byte[] binding) {
    return new String(cipher.decrypt(sealed, binding), StandardCharsets.UTF_8);
  }
}
