/**
 * Credit data: subjects, credit accounts and public records; the synthetic generator and the JSON
 * Lines import, which runs from the command line over JDBC and may block. Beyond the import, never
 * blocking: {@link org.consentgateway.records.RecordStore} reads a subject's file and their
 * statements (the reads of a query) and a record's history on the Vert.x pool;
 * {@link org.consentgateway.records.RecordChangeStore} writes statements (the entity
 * {@code StatementRow}) and corrections, each correction keeping the replaced version in the
 * record's history, inside a Hibernate Reactive transaction its caller opened (a dispute's, or
 * {@link org.consentgateway.records.RecordChanges}', which audits each change in it). Owns
 * {@code subjects}, {@code credit_accounts}, {@code public_records}, {@code record_statements}
 * and {@code record_history}.
 */
package org.consentgateway.records;
