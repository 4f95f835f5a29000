package org.consentgateway.dispute;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.records.RecordKind;
import org.consentgateway.records.RowBinding;

/** The disputes table, on the Vert.x pool; free text is sealed with the record cipher, bound to its dispute. */
public final class DisputeStore {

  private static final String COLUMNS = "id, subject_ref, record_id, record_kind, reason, status, filed_at, due_by, "
      + "filed_audit_index, resolved_at, resolved_by, resolution_note, resolved_audit_index from disputes ";

  private final Pool pool;
  private final RecordCipher cipher;

  public DisputeStore(Pool pool, RecordCipher cipher) {
    this.pool = requireNonNull(pool, "pool is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  Pool pool() {
    return pool;
  }

  /** Whether the record has an open dispute; call with the record's row locked so the answer holds. */
  Future<Boolean> openOn(SqlClient tx, UUID recordId) {
    return tx.preparedQuery("select 1 from disputes where record_id = $1 and status = 'OPEN'")
        .execute(Tuple.of(recordId))
        .map(rows -> rows.size() > 0);
  }

  Future<Void> insert(SqlClient tx, Dispute dispute) {
    Buffer reason = seal(dispute.reason(), RowBinding.disputeReason(dispute.id()));
    return tx.preparedQuery("insert into disputes (id, subject_ref, record_id, record_kind, reason, status, filed_at, due_by, "
            + "filed_audit_index) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .execute(Tuple.from(List.of(dispute.id(), dispute.subjectRef(), dispute.recordId(), dispute.recordKind().name(), reason,
            dispute.status().name(), time(dispute.filedAt()), time(dispute.dueBy()), dispute.filedAuditIndex())))
        .mapEmpty();
  }

  /** The dispute, its row locked until the transaction ends. */
  Future<Optional<Dispute>> lock(SqlClient tx, UUID id) {
    return tx.preparedQuery("select " + COLUMNS + "where id = $1 for update").execute(Tuple.of(id))
        .map(rows -> read(rows).stream().findFirst());
  }

  Future<Void> resolve(SqlClient tx, Dispute resolved) {
    Buffer note = seal(resolved.resolutionNote().orElseThrow(), RowBinding.disputeResolutionNote(resolved.id()));
    return tx.preparedQuery("update disputes set status = $2, resolved_at = $3, resolved_by = $4, resolution_note = $5, "
            + "resolved_audit_index = $6 where id = $1 and status = 'OPEN'")
        .execute(Tuple.from(List.of(resolved.id(), resolved.status().name(), time(resolved.resolvedAt().orElseThrow()),
            resolved.resolvedBy().orElseThrow(), note, resolved.resolvedAuditIndex().orElseThrow())))
        .map(rows -> {
          if (rows.rowCount() != 1) {
            throw new IllegalStateException("the dispute row was locked and open, yet not updated");
          }
          return null;
        });
  }

  /** The records of the subject that are under an open dispute. */
  Future<List<UUID>> openRecordIds(String subjectRef) {
    return pool.preparedQuery("select record_id from disputes where subject_ref = $1 and status = 'OPEN'")
        .execute(Tuple.of(subjectRef))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getUUID("record_id")));
          return ids;
        });
  }

  /** The subject's disputes, newest first. */
  Future<List<Dispute>> of(String subjectRef) {
    return pool.preparedQuery("select " + COLUMNS + "where subject_ref = $1 order by filed_at desc, id")
        .execute(Tuple.of(subjectRef)).map(this::read);
  }

  /** Disputes in {@code status} (every status when empty), oldest deadline first. */
  Future<List<Dispute>> withStatus(Optional<DisputeStatus> status) {
    return status.isPresent()
        ? pool.preparedQuery("select " + COLUMNS + "where status = $1 order by due_by, id").execute(Tuple.of(status.get().name()))
            .map(this::read)
        : pool.query("select " + COLUMNS + "order by due_by, id").execute().map(this::read);
  }

  /** How many disputes are open past their deadline at {@code now}. */
  Future<Long> countOverdue(Instant now) {
    return pool.preparedQuery("select count(*) from disputes where status = 'OPEN' and due_by < $1").execute(Tuple.of(time(now)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private List<Dispute> read(RowSet<Row> rows) {
    List<Dispute> disputes = new ArrayList<>();
    for (Row row : rows) {
      UUID id = row.getUUID("id");
      Optional<Buffer> note = Optional.ofNullable(row.getBuffer("resolution_note"));
      disputes.add(new Dispute(id, row.getString("subject_ref"), row.getUUID("record_id"), RecordKind.valueOf(row.getString("record_kind")),
          open(row.getBuffer("reason"), RowBinding.disputeReason(id)), DisputeStatus.valueOf(row.getString("status")),
          row.getOffsetDateTime("filed_at").toInstant(), row.getOffsetDateTime("due_by").toInstant(), row.getLong("filed_audit_index"),
          Optional.ofNullable(row.getOffsetDateTime("resolved_at")).map(OffsetDateTime::toInstant),
          Optional.ofNullable(row.getString("resolved_by")),
          note.map(sealed -> open(sealed, RowBinding.disputeResolutionNote(id))),
          Optional.ofNullable(row.getLong("resolved_audit_index"))));
    }
    return disputes;
  }

  private Buffer seal(String text, byte[] binding) {
    return Buffer.buffer(cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), binding));
  }

  private String open(Buffer sealed, byte[] binding) {
    return new String(cipher.decrypt(sealed.getBytes(), binding), StandardCharsets.UTF_8);
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
