package org.consentgateway.complaint;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.Transaction;
import org.hibernate.LockMode;

/**
 * The complaints table. Complaints are read and written through Hibernate Reactive sessions as
 * {@link ComplaintRow}s and mapped to {@link Complaint}s here; their free text is sealed with the
 * record cipher, bound to its complaint and column. The overdue count (a gauge, refreshed in the
 * background) is read on the Vert.x pool.
 */
public final class ComplaintStore {

  /** The entities this capability maps, for the session factory. */
  public static final List<Class<?>> ENTITIES = List.of(ComplaintRow.class);

  private final Sessions sessions;
  private final Pool pool;
  private final RecordCipher cipher;

  public ComplaintStore(Sessions sessions, Pool pool, RecordCipher cipher) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.pool = requireNonNull(pool, "pool is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
  }

  Sessions sessions() {
    return sessions;
  }

  /**
   * Writes a complaint just filed; its row reaches the database before the future completes. A
   * second open complaint about the same entry fails here on the unique index (waiting for a
   * concurrent filing of it to end first), before anything is audited.
   */
  Future<Void> insert(Transaction tx, Complaint complaint) {
    ComplaintRow row = new ComplaintRow();
    row.id = complaint.id();
    row.subjectRef = complaint.subjectRef();
    row.institutionUscc = complaint.institutionUscc();
    row.auditIndex = complaint.auditIndex();
    row.reason = complaint.reason();
    row.text = seal(complaint.text(), complaint.id(), "text");
    row.filedAt = complaint.filedAt();
    row.dueBy = complaint.dueBy();
    row.leafInput = complaint.evidence().leafInput();
    row.checkpointSize = complaint.evidence().checkpointSize();
    row.checkpointNote = complaint.evidence().checkpointNote();
    row.inclusionProof = hashes(complaint.evidence().proof());
    write(row, complaint);
    return tx.await(tx.session().persist(row).thenCompose(persisted -> tx.session().flush()));
  }

  /** Whether a complaint about entry {@code auditIndex} is open; a filing racing this one is caught by the unique index. */
  Future<Boolean> openOn(Transaction tx, long auditIndex) {
    return tx.await(tx.session()
            .createSelectionQuery("select count(c) from ComplaintRow c where c.auditIndex = :index and c.status <> :resolved",
                Long.class)
            .setParameter("index", auditIndex)
            .setParameter("resolved", ComplaintStatus.RESOLVED)
            .getSingleResult())
        .map(count -> count > 0);
  }

  /** The complaint, its row locked until the transaction ends. */
  Future<Optional<Complaint>> lock(Transaction tx, UUID id) {
    return tx.await(tx.session().find(ComplaintRow.class, id, LockMode.PESSIMISTIC_WRITE))
        .map(row -> Optional.ofNullable(row).map(this::complaint));
  }

  /** Writes the changed state of a complaint {@link #lock} found in this transaction, before the future completes. */
  Future<Void> update(Transaction tx, Complaint changed) {
    return tx.await(tx.session().find(ComplaintRow.class, changed.id()).thenCompose(row -> {
      if (row == null) {
        throw new IllegalStateException("the complaint row was locked, yet is gone");
      }
      write(row, changed);
      return tx.session().flush();
    }));
  }

  /** The state that changes after filing; text sealed afresh (a new nonce) each time. */
  private void write(ComplaintRow row, Complaint complaint) {
    row.status = complaint.status();
    row.acknowledgedAt = complaint.acknowledgedAt().orElse(null);
    row.question = complaint.question().map(text -> seal(text, complaint.id(), "question")).orElse(null);
    row.questionAt = complaint.questionAt().orElse(null);
    row.response = complaint.response().map(text -> seal(text, complaint.id(), "response")).orElse(null);
    row.respondedAt = complaint.respondedAt().orElse(null);
    row.outcome = complaint.outcome().orElse(null);
    row.resolutionNote = complaint.resolutionNote().map(text -> seal(text, complaint.id(), "note")).orElse(null);
    row.resolvedAt = complaint.resolvedAt().orElse(null);
  }

  /** One complaint, or empty. */
  Future<Optional<Complaint>> find(UUID id) {
    return sessions.reading(tx -> tx.await(tx.session().find(ComplaintRow.class, id)))
        .map(row -> Optional.ofNullable(row).map(this::complaint));
  }

  /** The subject's complaints, newest first. */
  Future<List<Complaint>> of(String subjectRef) {
    return list("from ComplaintRow c where c.subjectRef = :value order by c.filedAt desc, c.id", subjectRef);
  }

  /** The complaints about the institution's queries, oldest deadline first. */
  Future<List<Complaint>> about(String institutionUscc) {
    return list("from ComplaintRow c where c.institutionUscc = :value order by c.dueBy, c.id", institutionUscc);
  }

  /** Every complaint, oldest deadline first. */
  Future<List<Complaint>> all() {
    return sessions.reading(tx -> tx.await(tx.session()
            .createSelectionQuery("from ComplaintRow c order by c.dueBy, c.id", ComplaintRow.class).getResultList()))
        .map(rows -> rows.stream().map(this::complaint).toList());
  }

  /** The complaints in {@code status}, oldest deadline first. */
  Future<List<Complaint>> withStatus(ComplaintStatus status) {
    requireNonNull(status, "status is null");
    return list("from ComplaintRow c where c.status = :value order by c.dueBy, c.id", status);
  }

  /** The complaints {@code hql} selects, its one parameter {@code :value} bound to {@code value}. */
  private Future<List<Complaint>> list(String hql, Object value) {
    return sessions.reading(tx -> tx.await(tx.session().createSelectionQuery(hql, ComplaintRow.class)
            .setParameter("value", value)
            .getResultList()))
        .map(rows -> rows.stream().map(this::complaint).toList());
  }

  /** How many complaints are open past their deadline at {@code now}: on the pool, for the gauge. */
  Future<Long> countOverdue(Instant now) {
    return pool.preparedQuery("select count(*) from complaints where status <> '" + ComplaintStatus.RESOLVED.name()
            + "' and due_by < $1")
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private Complaint complaint(ComplaintRow row) {
    ComplaintEvidence evidence = new ComplaintEvidence(row.auditIndex, row.leafInput, row.checkpointSize, row.checkpointNote,
        hashes(row.inclusionProof));
    return new Complaint(row.id, row.subjectRef, row.institutionUscc, row.auditIndex, row.reason, open(row.text, row.id, "text"),
        row.status, row.filedAt, row.dueBy, evidence, Optional.ofNullable(row.acknowledgedAt),
        Optional.ofNullable(row.question).map(sealed -> open(sealed, row.id, "question")), Optional.ofNullable(row.questionAt),
        Optional.ofNullable(row.response).map(sealed -> open(sealed, row.id, "response")), Optional.ofNullable(row.respondedAt),
        Optional.ofNullable(row.outcome),
        Optional.ofNullable(row.resolutionNote).map(sealed -> open(sealed, row.id, "note")), Optional.ofNullable(row.resolvedAt));
  }

  private static byte[] hashes(List<Sha256Hash> proof) {
    ByteBuffer bytes = ByteBuffer.allocate(proof.size() * Sha256Hash.SIZE);
    proof.forEach(hash -> bytes.put(hash.bytes()));
    return bytes.array();
  }

  private static List<Sha256Hash> hashes(byte[] bytes) {
    List<Sha256Hash> proof = new ArrayList<>(bytes.length / Sha256Hash.SIZE);
    for (int at = 0; at < bytes.length; at += Sha256Hash.SIZE) {
      proof.add(Sha256Hash.of(java.util.Arrays.copyOfRange(bytes, at, at + Sha256Hash.SIZE)));
    }
    return proof;
  }

  // Each sealed column is bound to its complaint and its name: a ciphertext moved to another row or column does not open.
  private static byte[] binding(UUID id, String column) {
    return ("complaints/" + id + "/" + column).getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] seal(String text, UUID id, String column) {
    return cipher.encrypt(text.getBytes(StandardCharsets.UTF_8), binding(id, column));
  }

  private String open(byte[] sealed, UUID id, String column) {
    return new String(cipher.decrypt(sealed, binding(id, column)), StandardCharsets.UTF_8);
  }
}
