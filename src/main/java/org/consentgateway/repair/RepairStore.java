package org.consentgateway.repair;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.Transaction;
import org.consentgateway.records.RowBinding;
import org.hibernate.LockMode;

/**
 * The repairs table. Applications are read and written through Hibernate Reactive sessions as
 * {@link RepairRow}s and mapped to {@link Repair}s here; the evidence (as JSON) and the decision
 * note are sealed with the record cipher, bound to their application. The overdue count (a gauge,
 * refreshed in the background) is read on the Vert.x pool.
 */
public final class RepairStore {

  /** The entities this capability maps, for the session factory. */
  public static final List<Class<?>> ENTITIES = List.of(RepairRow.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Sessions sessions;
  private final Pool pool;
  private final RecordCipher cipher;

  public RepairStore(Sessions sessions, Pool pool, RecordCipher cipher) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.pool = requireNonNull(pool, "pool is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  Sessions sessions() {
    return sessions;
  }

  /** Whether the record has a pending application; call with the record's row locked so the answer holds. */
  Future<Boolean> pendingOn(Transaction tx, UUID recordId) {
    return tx.await(tx.session()
            .createSelectionQuery("select count(r) from RepairRow r where r.recordId = :record and r.status = :pending", Long.class)
            .setParameter("record", recordId)
            .setParameter("pending", RepairStatus.PENDING)
            .getSingleResult())
        .map(count -> count > 0);
  }

  /** Writes an application just filed; its row reaches the database before the future completes. */
  Future<Void> insert(Transaction tx, Repair repair) {
    RepairRow row = new RepairRow(repair, cipher.encrypt(evidenceJson(repair.evidence()), RowBinding.repairEvidence(repair.id())));
    return tx.await(tx.session().persist(row).thenCompose(persisted -> tx.session().flush()));
  }

  /** The application, its row locked until the transaction ends. */
  Future<Optional<Repair>> lock(Transaction tx, UUID id) {
    return tx.await(tx.session().find(RepairRow.class, id, LockMode.PESSIMISTIC_WRITE))
        .map(row -> Optional.ofNullable(row).map(this::repair));
  }

  /** Closes an application that {@link #lock} found pending in this transaction; written before the future completes. */
  Future<Void> decide(Transaction tx, Repair decided) {
    byte[] note = decided.decisionNote()
        .map(text -> cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), RowBinding.repairDecisionNote(decided.id())))
        .orElse(null);
    return tx.await(tx.session().find(RepairRow.class, decided.id()).thenCompose(row -> {
      if (row == null || row.status != RepairStatus.PENDING) {
        throw new IllegalStateException("the repair row was locked and pending, yet is not");
      }
      row.decide(decided, note);
      return tx.session().flush();
    }));
  }

  /** One application, if there is one. */
  Future<Optional<Repair>> find(UUID id) {
    return sessions.reading(tx -> tx.await(tx.session().find(RepairRow.class, id)))
        .map(row -> Optional.ofNullable(row).map(this::repair));
  }

  /** The subject's applications, newest first. */
  Future<List<Repair>> ofSubject(String subjectRef) {
    return sessions.reading(tx -> tx.await(tx.session()
            .createSelectionQuery("from RepairRow r where r.subjectRef = :subject order by r.appliedAt desc, r.id", RepairRow.class)
            .setParameter("subject", subjectRef)
            .getResultList()))
        .map(this::repairs);
  }

  /** The applications a provider decides, oldest due date first. */
  Future<List<Repair>> ofProvider(String provider) {
    return sessions.reading(tx -> tx.await(tx.session()
            .createSelectionQuery("from RepairRow r where r.provider = :provider order by r.dueBy, r.id", RepairRow.class)
            .setParameter("provider", provider)
            .getResultList()))
        .map(this::repairs);
  }

  /** The applications a provider decides in {@code status}, oldest due date first. */
  Future<List<Repair>> ofProvider(String provider, RepairStatus status) {
    requireNonNull(status, "status is null");
    return sessions.reading(tx -> tx.await(tx.session()
            .createSelectionQuery("from RepairRow r where r.provider = :provider and r.status = :status order by r.dueBy, r.id",
                RepairRow.class)
            .setParameter("provider", provider)
            .setParameter("status", status)
            .getResultList()))
        .map(this::repairs);
  }

  /** How many applications are pending past their due date at {@code now}: on the pool, for the gauge. */
  Future<Long> countOverdue(Instant now) {
    return pool.preparedQuery("select count(*) from repairs where status = '" + RepairStatus.PENDING.name() + "' and due_by < $1")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private List<Repair> repairs(List<RepairRow> rows) {
    return rows.stream().map(this::repair).toList();
  }

  private Repair repair(RepairRow row) {
    Evidence evidence = evidence(cipher.decrypt(row.evidence, RowBinding.repairEvidence(row.id)));
    Optional<String> note = Optional.ofNullable(row.decisionNote)
        .map(sealed -> new String(cipher.decrypt(sealed, RowBinding.repairDecisionNote(row.id)), StandardCharsets.UTF_8));
    return new Repair(row.id, row.subjectRef, row.recordId, row.provider, row.category, row.outcome, evidence, row.status,
        row.appliedAt, row.dueBy, row.appliedAuditIndex, Optional.ofNullable(row.decidedAt), Optional.ofNullable(row.decidedBy), note,
        Optional.ofNullable(row.decidedAuditIndex));
  }

  // The sealed form: {"text": ..., "attachments": [{"name", "mediaType", "content": base64}]}.
  private static byte[] evidenceJson(Evidence evidence) {
    ObjectNode json = JSON.createObjectNode().put("text", evidence.text());
    ArrayNode attachments = json.putArray("attachments");
    for (Evidence.Attachment attachment : evidence.attachments()) {
      attachments.addObject().put("name", attachment.name()).put("mediaType", attachment.mediaType())
          .put("content", Base64.getEncoder().encodeToString(attachment.content()));
    }
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Evidence evidence(byte[] json) {
    try {
      JsonNode node = JSON.readTree(json);
      List<Evidence.Attachment> attachments = new ArrayList<>();
      for (JsonNode attachment : node.get("attachments")) {
        attachments.add(new Evidence.Attachment(attachment.get("name").asText(), attachment.get("mediaType").asText(),
            Base64.getDecoder().decode(attachment.get("content").asText())));
      }
      return new Evidence(node.get("text").asText(), attachments);
    } catch (IOException e) {
      throw new UncheckedIOException("stored evidence is not JSON", e);
    }
  }
}
