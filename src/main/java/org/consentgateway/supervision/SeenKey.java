package org.consentgateway.supervision;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The key of a cell's subject in the day's seen-set (V30): the first 16 bytes of SHA-256 over the
 * institution, purpose, grade and subject reference joined by newlines, exactly as the SQL function
 * {@code supervision_seen_key} computes it for the backfill. Computed by the fold, on a worker,
 * rather than by the database for every row of every round. One per fold: not thread-safe.
 */
final class SeenKey {

  private final MessageDigest sha256;

  SeenKey() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  UUID of(Cell cell, String subjectRef) {
    String joined = cell.institution() + '\n' + cell.purpose() + '\n' + cell.grade() + '\n' + subjectRef;
    ByteBuffer digest = ByteBuffer.wrap(sha256.digest(joined.getBytes(UTF_8)));
    return new UUID(digest.getLong(), digest.getLong());
  }
}
