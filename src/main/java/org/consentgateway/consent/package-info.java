/**
 * The consent lifecycle: an institution asks for consent, the citizen approves or rejects it, and
 * may later pause, resume or revoke the consent. Approval and revocation give the citizen a signed
 * receipt; an approved request gives the institution a consent token, which names the consent but
 * never decides on its own: the live state is always the database row, and whether it may be used
 * now is decided in one place, {@link org.consentgateway.consent.ConsentTerms}.
 *
 * <p>{@link org.consentgateway.consent.ConsentLifecycle} is the entry type;
 * {@link org.consentgateway.consent.ConsentUses} takes a use on the query's hot path, in one call of
 * the database function {@code take_consent_use} (migration V11), which it owns. Lapses are
 * written down by {@link org.consentgateway.consent.ConsentExpiry}, once each. Every state change
 * commits together with its audit entry. Owns {@code consent_requests}, {@code consents},
 * {@code consent_uses} and {@code consent_notifications}. Everything here is asynchronous and never
 * blocks an event loop.
 *
 * <p>A request may name one of its institution's registered redirect URIs and a state
 * ({@link org.consentgateway.consent.Redirect}): once the citizen has answered, the consent page
 * sends them back there, to a target built only from what the request stored
 * ({@link org.consentgateway.consent.ConsentLifecycle#redirectAfterAnswer}).
 *
 * <p>Everything here uses the Vert.x SQL client: requests and consents are read and changed through
 * {@link org.consentgateway.consent.ConsentStore} (each lifecycle call one transaction of prepared
 * statements) and mapped to the records there; the institution's name comes from the identity
 * capability's registry, never from its table. Taking a use, the sweeper's batches, and the
 * notification outbox and its deliverer are on the same client.
 */
package org.consentgateway.consent;
