package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of the audit log's appender and checkpointer. The dash-case keys ({@code
 * audit.batch-max-entries} and so on) are read by the configuration layer; the defaults live here.
 *
 * @param batchMaxEntries the most entries one append transaction writes
 * @param batchMaxWait how long an idle appender waits for more entries after the first arrives
 *     (zero: start at once); a backlog that built up during a transaction never waits
 * @param queueCapacity the most entries waiting for a transaction; more are refused at once
 * @param origin the checkpoints' origin line, the log's unique name
 * @param checkpointInterval how often the checkpointer looks for growth and signs a checkpoint
 */
public record AuditConfig(
    int batchMaxEntries,
    Duration batchMaxWait,
    int queueCapacity,
    String origin,
    Duration checkpointInterval) {

  public static final int DEFAULT_BATCH_MAX_ENTRIES = 512;
  public static final Duration DEFAULT_BATCH_MAX_WAIT = Duration.ofMillis(2);
  public static final int DEFAULT_QUEUE_CAPACITY = 65_536;
  public static final String DEFAULT_ORIGIN = "consent-gateway.local/audit";
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  /** The largest batch: each batch is a handful of array parameters of this length. */
  public static final int MAX_BATCH_ENTRIES = 10_000;

  public AuditConfig {
    if (batchMaxEntries < 1 || batchMaxEntries > MAX_BATCH_ENTRIES) {
      throw new IllegalArgumentException("batchMaxEntries must be in [1, 10000], got " + batchMaxEntries);
    }
    requireNonNull(batchMaxWait, "batchMaxWait is null");
    if (batchMaxWait.isNegative()) {
      throw new IllegalArgumentException("batchMaxWait must not be negative");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be positive, got " + queueCapacity);
    }
    // Checkpoint's own rules for the origin line: a bad origin fails here, at start-up.
    Checkpoint.of(requireNonNull(origin, "origin is null"), 0, MerkleHash.emptyRoot());
    requireNonNull(checkpointInterval, "checkpointInterval is null");
    if (checkpointInterval.toMillis() < 1) {
      throw new IllegalArgumentException("checkpointInterval must be at least 1 ms");
    }
  }

  /** Every setting at its default. */
  public static AuditConfig defaults() {
    return new AuditConfig(
        DEFAULT_BATCH_MAX_ENTRIES, DEFAULT_BATCH_MAX_WAIT, DEFAULT_QUEUE_CAPACITY, DEFAULT_ORIGIN,
        DEFAULT_CHECKPOINT_INTERVAL);
  }
}
