/**
 * Credit data: subjects, credit accounts and public records; the synthetic generator and the JSON
 * Lines import, which runs from the command line over JDBC and may block. Beyond the import, on
 * the Vert.x pool and never blocking: {@link org.consentgateway.records.RecordStore} reads a
 * subject's file and their statements, and writes statements and corrections, each correction
 * keeping the replaced version in the record's history; {@link org.consentgateway.records.RecordChanges}
 * audits each change in its own transaction. Owns {@code subjects}, {@code credit_accounts},
 * {@code public_records}, {@code record_statements} and {@code record_history}.
 */
package org.consentgateway.records;
