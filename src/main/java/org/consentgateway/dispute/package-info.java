/**
 * Disputes (异议处理): a citizen disputes one of their records, an operator resolves it within the
 * legal deadline by correcting the record or rejecting the dispute. While a dispute is open every
 * report that shows the record marks it {@code "disputed": true} (see {@code records.RecordNotes}).
 * Filing, resolution and correction are audit entries written in the same transaction as the
 * change. Owns {@code disputes}. Everything here is non-blocking.
 */
package org.consentgateway.dispute;
