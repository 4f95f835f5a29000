package org.consentgateway.supervision;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.UUID;
import org.consentgateway.audit.Sha256Hash;

/**
 * The key of a cell's subject in the day's seen-set (V30): the first 16 bytes of SHA-256 over the
 * institution, purpose, grade and subject reference joined by newlines, exactly as the SQL function
 * {@code supervision_seen_key} computes it for the backfill. Computed by the fold, on a worker,
 * rather than by the database for every row of every round.
 */
final class SeenKey {

  private SeenKey() {}

  static UUID of(Cell cell, String subjectRef) {
    String joined = cell.institution() + '\n' + cell.purpose() + '\n' + cell.grade() + '\n' + subjectRef;
    ByteBuffer digest = ByteBuffer.wrap(Sha256Hash.digest(joined.getBytes(UTF_8)).bytes());
    return new UUID(digest.getLong(), digest.getLong());
  }
}
