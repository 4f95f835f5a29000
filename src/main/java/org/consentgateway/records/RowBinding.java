package org.consentgateway.records;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.consentgateway.crypto.SubjectRef;

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
}
