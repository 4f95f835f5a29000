/**
 * The authorized query, {@code POST /v1/queries}: a consent token is checked in a fixed order,
 * failing closed with the first error code; one use is taken atomically through the consent
 * capability; the subject's records, with their notes from the records and dispute capabilities,
 * are projected for the grade; and the audit entry, allowed or denied, is durable before anything
 * is answered. The citizen's own reads live here too, audited the same way: their full report, the
 * copy of everything held about them, and their inquiry history with the institutions named. The
 * query's, report's and export's 200 answers are signed (RFC 9421, {@link
 * org.consentgateway.query.SignedAnswers}) and their entries bind the signature's base. Owns
 * no table: it reads through the other capabilities' Java APIs. Never blocks.
 */
package org.consentgateway.query;
