package org.consentgateway.records;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.consentgateway.value.SubjectRef;

/**
 * The associated data each encrypted column is sealed with. It binds a ciphertext to its table
 * and row, so a ciphertext copied into another row fails authentication instead of decrypting.
 */
public final class RowBinding {

  private RowBinding() {}

  public static byte[] identity(SubjectRef subject) {
    return ("subjects/" + subject.value()).getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] account(UUID id) {
    return ("credit_accounts/" + id).getBytes(StandardCharsets.US_ASCII);
  }

  public static byte[] publicRecord(UUID id) {
    return ("public_records/" + id).getBytes(StandardCharsets.US_ASCII);
  }

  /** A citizen's statement on record {@code recordId}. */
  public static byte[] statement(UUID recordId) {
    return ("record_statements/" + recordId).getBytes(StandardCharsets.US_ASCII);
  }

  /** The reason a citizen gave for dispute {@code id}. */
  public static byte[] disputeReason(UUID id) {
    return ("disputes/" + id + "/reason").getBytes(StandardCharsets.US_ASCII);
  }

  /** The note an operator gave when resolving dispute {@code id}. */
  public static byte[] disputeResolutionNote(UUID id) {
    return ("disputes/" + id + "/resolution_note").getBytes(StandardCharsets.US_ASCII);
  }

  /** The evidence a citizen gave with repair application {@code id}. */
  public static byte[] repairEvidence(UUID id) {
    return ("repairs/" + id + "/evidence").getBytes(StandardCharsets.US_ASCII);
  }

  /** The note an operator gave when deciding repair application {@code id}. */
  public static byte[] repairDecisionNote(UUID id) {
    return ("repairs/" + id + "/decision_note").getBytes(StandardCharsets.US_ASCII);
  }
}
