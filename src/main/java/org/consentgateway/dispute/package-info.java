/**
 * Disputes (异议处理): a citizen disputes one of their records, an operator resolves it within the
 * legal deadline by correcting the record or rejecting the dispute. While a dispute is open every
 * report that shows the record marks it {@code "disputed": true} (see {@code records.RecordNotes}).
 * Filing and resolution, with a correction's record changes and every audit entry, are each one
 * Hibernate Reactive transaction (the entity {@code DisputeRow}); which records are under open
 * dispute (read by every query) and the overdue count are read on the Vert.x pool. Owns
 * {@code disputes}. Everything here is non-blocking.
 */
package org.consentgateway.dispute;
