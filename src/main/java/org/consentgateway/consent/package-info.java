/**
 * The consent lifecycle (issue 5 "Consent lifecycle", API.md "Institution" and "Citizen"): an
 * institution asks for consent, the citizen approves or rejects it, and may later pause, resume
 * or revoke the consent. Approval and revocation give the citizen a signed receipt; an approved
 * request gives the institution a consent token, which names the consent but never decides on
 * its own: the live state (status, uses left) is always the database row.
 *
 * <p>{@link org.consentgateway.consent.ConsentRoutes} is the entry type. Everything here is
 * asynchronous on the Vert.x pool and never blocks an event loop. Subjects are known only by their
 * pseudonymous subjectRef; an ID number an institution sends is pseudonymised and dropped.
 *
 * <p>Lapses are written down by {@link org.consentgateway.consent.ConsentExpiry}, once each: by
 * the {@link org.consentgateway.consent.ExpirySweeper} every sweep interval, and by any read that
 * meets one first. Every state change commits together with its audit entry.
 */
package org.consentgateway.consent;
