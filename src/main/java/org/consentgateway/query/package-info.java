/**
 * The authorized query, {@code POST /v1/queries} (DESIGN.md "Flow" steps 3-6, issue 5): a
 * consent token is checked in a fixed order, failing closed with the first error code; one use
 * is taken atomically with the purpose's frequency limits; the subject's records are projected
 * for the grade; and the audit entry, allowed or denied, is durable before anything is answered.
 * The citizen's own reads live here too, audited the same way: their full report
 * ({@code GET /v1/me/report}) and the copy of everything held about them ({@code GET /v1/me/export}).
 */
package org.consentgateway.query;
