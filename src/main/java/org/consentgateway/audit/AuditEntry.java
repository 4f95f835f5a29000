package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Optional;

/**
 * One entry of the audit log: an {@link AuditEvent} at its index, with {@code prev}, the chain hash
 * of the entry before it ({@link ChainHash#genesis()} for entry 0). Its bytes are RFC 8785 (JCS)
 * canonical JSON with the event's members flattened in:
 *
 * <pre>{@code
 * {"action":"query.allowed","actor":"institution:91350100M000100Y43","consentId":"c-1",
 *  "disclosedFields":["summary.accountCount"],"grade":"SUMMARY","index":0,"outcome":"ALLOWED",
 *  "policyHash":"<base64>","prev":"<base64>","purpose":"LOAN_APPROVAL",
 *  "responseHash":"<base64>","subjectRef":"<64 hex>","time":"2025-01-02T03:04:05.678Z","v":1}
 * }</pre>
 *
 * <p>JCS orders members by name, so {@code v} comes last, not first. Absent optional members are
 * omitted, never {@code null}. Hashes are base64 of 32 bytes; time is RFC 3339 UTC with
 * milliseconds and a {@code Z}.
 *
 * <p>An entry of a signed answer also has {@code signatureBaseHash}: the SHA-256 of the answer's
 * RFC 9421 signature base ({@link AnswerToBind}). It depends on the index (the body cites it), so
 * it belongs to the entry, not to the event. Entries without it keep the bytes they always had.
 *
 * @param v the entry format version, {@value #CURRENT_VERSION}
 * @param index the zero-based position in the log, at most 2^53 − 1 (an exact JSON integer)
 * @param signatureBaseHash SHA-256 of the signature base of the answer citing this entry, if signed
 */
public record AuditEntry(int v, long index, AuditEvent event, Sha256Hash prev, Optional<Sha256Hash> signatureBaseHash) {

  /** The only format version so far. */
  public static final int CURRENT_VERSION = 1;

  /** The largest index JCS writes exactly (RFC 8785 §3.2.2.3: IEEE 754 doubles). */
  public static final long MAX_INDEX = (1L << 53) - 1;

  public AuditEntry {
    if (v != CURRENT_VERSION) {
      throw new IllegalArgumentException("unsupported entry version " + v);
    }
    if (index < 0 || index > MAX_INDEX) {
      throw new IllegalArgumentException("index must be in [0, 2^53 - 1], got " + index);
    }
    requireNonNull(event, "event is null");
    requireNonNull(prev, "prev is null");
    requireNonNull(signatureBaseHash, "signatureBaseHash is null");
  }

  /** An entry that binds no signed answer. */
  public AuditEntry(int v, long index, AuditEvent event, Sha256Hash prev) {
    this(v, index, event, prev, Optional.empty());
  }

  /** The exact bytes that are hashed: RFC 8785 canonical JSON, UTF-8. */
  public byte[] toCanonicalJson() {
    return CanonicalEntry.of(this);
  }

  /** The entry as a fresh JSON object (for the regulator API's {@code entry} member). */
  public ObjectNode toJsonNode() {
    return AuditEntryJson.toJson(this);
  }

  /** {@code leaf = SHA-256(0x00 || canonical bytes)}. */
  public Sha256Hash leafHash() {
    return LeafHash.of(toCanonicalJson());
  }

  /**
   * Parses an entry as this log's store holds it, checking every member as {@link #parse} does
   * but not that the bytes are canonical (about half the work): for the log's own followers,
   * which read what the appender wrote, never for verifying a log. Throws {@link AuditFormatException}.
   */
  public static AuditEntry parseStored(byte[] storedJson) {
    requireNonNull(storedJson, "storedJson is null");
    return AuditEntryJson.fromJson(Jcs.parse(storedJson));
  }

  /**
   * Parses the exact canonical bytes of an entry. Strict: refuses unknown, missing, duplicate or
   * {@code null} members, wrong types, broken field rules, and any bytes that are not the
   * canonical form of the entry they parse to, so parsing and {@link #toCanonicalJson()} are
   * inverses. Throws {@link AuditFormatException}.
   */
  public static AuditEntry parse(byte[] canonicalJson) {
    requireNonNull(canonicalJson, "canonicalJson is null");
    AuditEntry entry = AuditEntryJson.fromJson(Jcs.parse(canonicalJson));
    if (!Arrays.equals(entry.toCanonicalJson(), canonicalJson)) {
      throw new AuditFormatException("entry bytes are not RFC 8785 canonical JSON");
    }
    return entry;
  }
}
