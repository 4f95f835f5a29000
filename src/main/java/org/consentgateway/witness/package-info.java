/**
 * A witness: the small, separate service a regulator (or anyone) runs so that the gateway cannot
 * show one history of its audit log to some readers and another to others. It implements C2SP
 * tlog-witness ({@code POST /add-checkpoint}): it cosigns a log's checkpoint only when it is
 * signed by the log and consistent with the last one it cosigned, keeps that state durably, and
 * never cosigns two roots for one size nor goes back. Run by {@code gateway witness serve}.
 */
package org.consentgateway.witness;
