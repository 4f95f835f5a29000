/**
 * Supervision from the audit log alone (issue 14): statistics a regulator reads, and a search of
 * entries by institution, purpose, action, outcome and time, never by a person's identity.
 *
 * <p>{@link org.consentgateway.supervision.LogFollower} reads the log through {@code audit}'s Java
 * API after its cursor, folds each entry into the aggregates ({@code Fold}, pure Java) and moves
 * the cursor in the same transaction ({@code FollowerStore}), so a restart resumes exactly and
 * several gateways on one database never fold an entry twice (the cursor row is locked).
 * {@link org.consentgateway.supervision.Statistics} and
 * {@link org.consentgateway.supervision.EntrySearch} read only the aggregates and the facet table.
 * Distinct-subject counts under the small-cell threshold are never given as numbers; the
 * seen-set behind them is never returned. Owns the {@code supervision_*} tables.
 *
 * <p>Threading: everything is non-blocking and thread-safe; the fold of a chunk of entries runs on
 * a worker thread (it parses thousands of entries), never on an event loop.
 */
package org.consentgateway.supervision;
