package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.SubjectRef;

/**
 * The records' reactive storage beyond the import: who owns a record, the subject's credit file,
 * their statements, corrections with their history. Never blocks.
 * Methods taking a {@link SqlClient} run inside the caller's transaction.
 */
public final class RecordStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A record's place: its kind and its subject. */
  public record Owned(UUID id, RecordKind kind, String subjectRef) {
    public Owned {
      requireNonNull(id, "id is null");
      requireNonNull(kind, "kind is null");
      requireNonNull(subjectRef, "subjectRef is null");
    }
  }

  /** A correction written: the record's new version and the fields that changed. */
  public record Corrected(Owned record, int version, List<String> changedFields) {
    public Corrected {
      requireNonNull(record, "record is null");
      changedFields = List.copyOf(changedFields);
    }
  }

  /**
   * One version of a record, oldest first in a history: the current one has no {@code replacedAt}.
   *
   * @param record the record's JSON form as it was in that version
   */
  public record Version(int version, Instant validFrom, Optional<Instant> replacedAt, Optional<String> replacedBy,
      Optional<UUID> disputeId, ObjectNode record) {
    public Version {
      requireNonNull(validFrom, "validFrom is null");
      requireNonNull(replacedAt, "replacedAt is null");
      requireNonNull(replacedBy, "replacedBy is null");
      requireNonNull(disputeId, "disputeId is null");
      requireNonNull(record, "record is null");
    }
  }

  private final Pool pool;
  private final RecordCipher cipher;

  public RecordStore(Pool pool, RecordCipher cipher) {
    this.pool = requireNonNull(pool, "pool is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  public Pool pool() {
    return pool;
  }

  /** The record with this id, of either kind; empty when there is none. */
  public Future<Optional<Owned>> find(SqlClient client, UUID id) {
    return client.preparedQuery("select 'ACCOUNT' as kind, subject_ref from credit_accounts where id = $1 "
            + "union all select 'PUBLIC_RECORD', subject_ref from public_records where id = $1")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Owned(id, RecordKind.valueOf(row.getString("kind")), row.getString("subject_ref")));
        });
  }

  /** The record if it belongs to {@code subjectRef}, else 404: someone else's record is indistinguishable from none. */
  public Future<Owned> findOwn(SqlClient client, UUID id, String subjectRef) {
    return find(client, id).map(found -> found.filter(record -> record.subjectRef().equals(subjectRef))
        .orElseThrow(RecordStore::notFound));
  }

  /** The subject's credit file, decrypted; empty when the gateway holds none. */
  public Future<Optional<CreditFile>> creditFile(String subjectRef) {
    SubjectRef subject = SubjectRef.parse(subjectRef);
    Tuple ref = Tuple.of(subject.value());
    return pool.preparedQuery("select identity from subjects where subject_ref = $1").execute(ref).compose(subjects -> {
      if (subjects.size() == 0) {
        return Future.succeededFuture(Optional.empty());
      }
      SubjectIdentity identity = CreditFileJson.identity(json(subjects.iterator().next().getBuffer("identity"),
          RowBinding.identity(subject)));
      Future<List<CreditAccount>> accounts = pool.preparedQuery("select id, payload from credit_accounts where subject_ref = $1 order by id")
          .execute(ref).map(rows -> {
            List<CreditAccount> all = new ArrayList<>();
            rows.forEach(row -> all.add(CreditFileJson.account(json(row.getBuffer("payload"), RowBinding.account(row.getUUID("id"))))));
            return all;
          });
      Future<List<PublicRecord>> records = pool.preparedQuery("select id, payload from public_records where subject_ref = $1 order by id")
          .execute(ref).map(rows -> {
            List<PublicRecord> all = new ArrayList<>();
            rows.forEach(row -> all.add(CreditFileJson.publicRecord(json(row.getBuffer("payload"),
                RowBinding.publicRecord(row.getUUID("id"))))));
            return all;
          });
      return Future.all(accounts, records)
          .map(both -> Optional.of(new CreditFile(identity, accounts.result(), records.result())));
    });
  }

  /** Locks the record's row until the transaction ends: filings and corrections of one record are serialised. */
  public Future<Void> lock(SqlClient tx, Owned record) {
    return tx.preparedQuery("select 1 from " + record.kind().table() + " where id = $1 for update").execute(Tuple.of(record.id()))
        .mapEmpty();
  }

  /** The subject's statements on their records, by record id, decrypted. */
  public Future<Map<UUID, String>> statements(String subjectRef) {
    return pool.preparedQuery("select record_id, statement from record_statements where subject_ref = $1")
        .execute(Tuple.of(subjectRef))
        .map(rows -> {
          Map<UUID, String> texts = new HashMap<>();
          rows.forEach(row -> texts.put(row.getUUID("record_id"), text(row.getBuffer("statement"),
              RowBinding.statement(row.getUUID("record_id")))));
          return texts;
        });
  }

  /** Sets the subject's statement on {@code record}, replacing any earlier one. */
  public Future<Void> putStatement(SqlClient tx, Owned record, String statement, Instant now) {
    Buffer sealed = Buffer.buffer(cipher.encrypt(statement.getBytes(StandardCharsets.UTF_8), RowBinding.statement(record.id())));
    return tx.preparedQuery("insert into record_statements (record_id, record_kind, subject_ref, statement, updated_at) "
            + "values ($1, $2, $3, $4, $5) on conflict (record_id) do update set statement = excluded.statement, "
            + "updated_at = excluded.updated_at")
        .execute(Tuple.of(record.id(), record.kind().name(), record.subjectRef(), sealed, time(now)))
        .mapEmpty();
  }

  /** Removes the statement on {@code record}; false when there was none. */
  public Future<Boolean> removeStatement(SqlClient tx, Owned record) {
    return tx.preparedQuery("delete from record_statements where record_id = $1 and subject_ref = $2")
        .execute(Tuple.of(record.id(), record.subjectRef()))
        .map(rows -> rows.rowCount() == 1);
  }

  /**
   * Applies {@code patch} to the record under its row lock: the version it replaces goes to
   * {@code record_history} as it was stored, the row gets the new payload and version. Fails with
   * 404 when there is no such record and 400 (naming the fields) when the correction is refused.
   */
  public Future<Corrected> correct(SqlClient tx, UUID id, JsonNode patch, String actor, Instant now) {
    return write(tx, id, patch, actor, null, now);
  }

  /** {@link #correct}, as the resolution of dispute {@code disputeId}, which the replaced version names. */
  public Future<Corrected> correctForDispute(SqlClient tx, UUID id, JsonNode patch, String actor, UUID disputeId, Instant now) {
    return write(tx, id, patch, actor, requireNonNull(disputeId, "disputeId is null"), now);
  }

  /** @param disputeId the dispute the correction resolves; null outside a dispute (the column's NULL) */
  private Future<Corrected> write(SqlClient tx, UUID id, JsonNode patch, String actor, UUID disputeId, Instant now) {
    return find(tx, id).compose(found -> {
      Owned record = found.orElseThrow(RecordStore::notFound);
      return tx.preparedQuery("select version, payload, updated_at from " + record.kind().table() + " where id = $1 for update")
          .execute(Tuple.of(id))
          .compose(rows -> {
            Row row = rows.iterator().next();
            int version = row.getInteger("version");
            Buffer payload = row.getBuffer("payload");
            RecordCorrection.Result result;
            try {
              result = RecordCorrection.apply(record.kind(), json(payload, record.kind().binding(id)), patch);
            } catch (RecordCorrection.Refused refused) {
              throw new ProblemException(ErrorCode.INVALID_REQUEST, "The correction is refused: " + refused.getMessage() + ".");
            }
            Buffer next = Buffer.buffer(cipher.encrypt(bytes(result.record()), record.kind().binding(id)));
            return tx.preparedQuery("insert into record_history (record_id, version, record_kind, subject_ref, payload, valid_from, "
                    + "replaced_at, replaced_by, dispute_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(List.of(id, version, record.kind().name(), record.subjectRef(), payload,
                    row.getOffsetDateTime("updated_at"), time(now), actor)).addUUID(disputeId))
                .compose(archived -> tx.preparedQuery("update " + record.kind().table()
                        + " set payload = $2, version = $3, updated_at = $4 where id = $1")
                    .execute(Tuple.of(id, next, version + 1, time(now))))
                .map(updated -> new Corrected(record, version + 1, result.changedFields()));
          });
    });
  }

  /** The subject's records that have been corrected at least once: those with a history. */
  public Future<List<Owned>> corrected(String subjectRef) {
    return pool.preparedQuery("select distinct record_id, record_kind from record_history where subject_ref = $1 order by record_id")
        .execute(Tuple.of(subjectRef))
        .map(rows -> {
          List<Owned> records = new ArrayList<>();
          rows.forEach(row -> records.add(new Owned(row.getUUID("record_id"), RecordKind.valueOf(row.getString("record_kind")),
              subjectRef)));
          return records;
        });
  }

  /** Every version of the record, oldest first, the current one last; empty when there is no such record. */
  public Future<List<Version>> history(Owned record) {
    Future<List<Version>> past = pool.preparedQuery("select version, payload, valid_from, replaced_at, replaced_by, dispute_id "
            + "from record_history where record_id = $1 order by version")
        .execute(Tuple.of(record.id()))
        .map(rows -> {
          List<Version> versions = new ArrayList<>();
          rows.forEach(row -> versions.add(new Version(row.getInteger("version"), row.getOffsetDateTime("valid_from").toInstant(),
              Optional.of(row.getOffsetDateTime("replaced_at").toInstant()), Optional.of(row.getString("replaced_by")),
              Optional.ofNullable(row.getUUID("dispute_id")),
              json(row.getBuffer("payload"), record.kind().binding(record.id())))));
          return versions;
        });
    Future<Version> current = pool.preparedQuery("select version, payload, updated_at from " + record.kind().table() + " where id = $1")
        .execute(Tuple.of(record.id()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Version(row.getInteger("version"), row.getOffsetDateTime("updated_at").toInstant(), Optional.empty(),
              Optional.empty(), Optional.empty(), json(row.getBuffer("payload"), record.kind().binding(record.id())));
        });
    return Future.all(past, current).map(both -> {
      List<Version> all = new ArrayList<>(past.result());
      all.add(current.result());
      return all;
    });
  }

  private ObjectNode json(Buffer ciphertext, byte[] binding) {
    try {
      return (ObjectNode) JSON.readTree(cipher.decrypt(ciphertext.getBytes(), binding));
    } catch (IOException e) {
      throw new UncheckedIOException("a stored record is not JSON", e);
    }
  }

  private String text(Buffer ciphertext, byte[] binding) {
    return new String(cipher.decrypt(ciphertext.getBytes(), binding), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ProblemException notFound() {
    return new ProblemException(ErrorCode.NOT_FOUND, "No such record.");
  }

  static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
