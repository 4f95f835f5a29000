package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
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
 * The records' reads beyond the import, on the Vert.x pool: who owns a record, the subject's
 * credit file and their statements (the reads of a query), the records' history. Never blocks.
 * Changes go through {@link RecordChangeStore}, in a Hibernate Reactive transaction.
 */
public final class RecordStore {

  /** One record of either kind by id; {@code %1$s} is the id's placeholder: {@code $1} on the pool, {@code :id} in a session. */
  static final String FIND = "select 'ACCOUNT' as kind, subject_ref from credit_accounts where id = %1$s "
      + "union all select 'PUBLIC_RECORD', subject_ref from public_records where id = %1$s";

  /**
   * A credit file in one statement: its parts in order (the prefix orders them), each kind by id,
   * each record with its provider and a public record with its repair (an account is never repaired).
   */
  private static final String CREDIT_FILE = "select '0_SUBJECT' as part, null::uuid as id, identity as payload, null::text as provider, "
      + "null::timestamptz as repaired_at, null::text as repair_outcome from subjects where subject_ref = $1 "
      + "union all select '1_ACCOUNT', id, payload, provider, null, null from credit_accounts where subject_ref = $1 "
      + "union all select '2_PUBLIC_RECORD', id, payload, provider, repaired_at, repair_outcome from public_records "
      + "where subject_ref = $1 order by part, id";

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
      Optional<UUID> disputeId, Optional<UUID> repairId, ObjectNode record) {
    public Version {
      requireNonNull(validFrom, "validFrom is null");
      requireNonNull(replacedAt, "replacedAt is null");
      requireNonNull(replacedBy, "replacedBy is null");
      requireNonNull(disputeId, "disputeId is null");
      requireNonNull(repairId, "repairId is null");
      requireNonNull(record, "record is null");
    }
  }

  /**
   * What the subject's records carry beside their payload: each record's data provider, and the
   * public records' approved repairs.
   */
  public record Provenance(Map<UUID, String> providers, Map<UUID, RecordRepair> repairs) {
    public static final Provenance NONE = new Provenance(Map.of(), Map.of());

    public Provenance {
      providers = Map.copyOf(requireNonNull(providers, "providers is null"));
      repairs = Map.copyOf(requireNonNull(repairs, "repairs is null"));
    }
  }

  /** A subject's credit file and what its records carry beside their payload, read in one snapshot. */
  public record ProvenancedFile(CreditFile file, Provenance provenance) {
    public ProvenancedFile {
      requireNonNull(file, "file is null");
      requireNonNull(provenance, "provenance is null");
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
    return client.preparedQuery(String.format(FIND, "$1"))
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

  /**
   * The subject's credit file, decrypted; empty when the gateway holds none. One statement, so one
   * round trip and one snapshot: the identity, then the accounts and the public records by id.
   */
  public Future<Optional<CreditFile>> creditFile(String subjectRef) {
    return provenancedFile(subjectRef).map(found -> found.map(ProvenancedFile::file));
  }

  /**
   * The subject's credit file with each record's provider and each public record's approved
   * repair: the read of every query, in the one statement and snapshot of {@link #creditFile}.
   */
  public Future<Optional<ProvenancedFile>> provenancedFile(String subjectRef) {
    SubjectRef subject = SubjectRef.parse(subjectRef);
    return pool.preparedQuery(CREDIT_FILE).execute(Tuple.of(subject.value())).map(rows -> {
      SubjectIdentity identity = null;
      List<CreditAccount> accounts = new ArrayList<>();
      List<PublicRecord> records = new ArrayList<>();
      Map<UUID, String> providers = new HashMap<>();
      Map<UUID, RecordRepair> repairs = new HashMap<>();
      for (Row row : rows) {
        if (row.getString("provider") != null) {
          providers.put(row.getUUID("id"), row.getString("provider"));
        }
        if (row.getOffsetDateTime("repaired_at") != null) {
          repairs.put(row.getUUID("id"), new RecordRepair(row.getOffsetDateTime("repaired_at").toInstant(),
              RepairOutcome.valueOf(row.getString("repair_outcome"))));
        }
        Buffer payload = row.getBuffer("payload");
        switch (row.getString("part")) {
          case "0_SUBJECT" -> identity = CreditFileJson.identity(json(payload, RowBinding.identity(subject)));
          case "1_ACCOUNT" -> accounts.add(CreditFileJson.account(json(payload, RowBinding.account(row.getUUID("id")))));
          case "2_PUBLIC_RECORD" -> records.add(CreditFileJson.publicRecord(json(payload, RowBinding.publicRecord(row.getUUID("id")))));
          default -> throw new IllegalStateException("unexpected part of a credit file: " + row.getString("part"));
        }
      }
      // Accounts and public records reference their subject, so with no subject row there are none.
      return identity == null ? Optional.empty()
          : Optional.of(new ProvenancedFile(new CreditFile(identity, accounts, records), new Provenance(providers, repairs)));
    });
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
    Future<List<Version>> past = pool.preparedQuery("select version, payload, valid_from, replaced_at, replaced_by, dispute_id, repair_id "
            + "from record_history where record_id = $1 order by version")
        .execute(Tuple.of(record.id()))
        .map(rows -> {
          List<Version> versions = new ArrayList<>();
          rows.forEach(row -> versions.add(new Version(row.getInteger("version"), row.getOffsetDateTime("valid_from").toInstant(),
              Optional.of(row.getOffsetDateTime("replaced_at").toInstant()), Optional.of(row.getString("replaced_by")),
              Optional.ofNullable(row.getUUID("dispute_id")), Optional.ofNullable(row.getUUID("repair_id")),
              json(row.getBuffer("payload"), record.kind().binding(record.id())))));
          return versions;
        });
    Future<Version> current = pool.preparedQuery("select version, payload, updated_at from " + record.kind().table() + " where id = $1")
        .execute(Tuple.of(record.id()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Version(row.getInteger("version"), row.getOffsetDateTime("updated_at").toInstant(), Optional.empty(),
              Optional.empty(), Optional.empty(), Optional.empty(), json(row.getBuffer("payload"), record.kind().binding(record.id())));
        });
    return Future.all(past, current).map(both -> {
      List<Version> all = new ArrayList<>(past.result());
      all.add(current.result());
      return all;
    });
  }

  private ObjectNode json(Buffer ciphertext, byte[] binding) {
    return Sealed.openJson(cipher, ciphertext.getBytes(), binding);
  }

  private String text(Buffer ciphertext, byte[] binding) {
    return Sealed.openText(cipher, ciphertext.getBytes(), binding);
  }

  static ProblemException notFound() {
    return new ProblemException(ErrorCode.NOT_FOUND, "No such record.");
  }
}
