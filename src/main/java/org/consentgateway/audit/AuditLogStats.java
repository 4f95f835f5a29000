package org.consentgateway.audit;

/**
 * Counters of an {@link AuditLog} since it was made, for metrics and benchmarks.
 *
 * @param committedBatches transactions committed
 * @param committedEntries entries in them ({@code committedEntries / committedBatches} is the mean batch)
 * @param failedBatches transactions that failed, every entry of them refused
 * @param failedEntries entries refused because their batch failed
 * @param rejectedEntries entries refused at once because the queue was full or the log closed
 * @param waiting entries queued now, not yet in a transaction
 */
public record AuditLogStats(
    long committedBatches,
    long committedEntries,
    long failedBatches,
    long failedEntries,
    long rejectedEntries,
    int waiting) {}
