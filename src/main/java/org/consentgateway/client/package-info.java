/**
 * The Java client library for institutions (docs/integration.md "The Java client library"): it
 * discovers a gateway from its RFC 8414 metadata, authenticates with {@code private_key_jwt}
 * (a PEM key or a {@link java.security.KeyStore} entry, PKCS#11 included), caches and renews the
 * access token, requests consent, queries, and verifies everything it receives: consent tokens and
 * receipts against the gateway's JWKS, signed answers (RFC 9421, RFC 9530) and the inclusion of the
 * query's audit entry in the log (C2SP signed-note checkpoint, RFC 9162 proof).
 *
 * <p>It depends on nothing of the gateway's own code, only on the JDK's {@code java.net.http} and
 * Nimbus JOSE+JWT, and ships as its own jar ({@code consent-gateway-client.jar}). {@link
 * org.consentgateway.client.ConsentGatewayClient} is asynchronous and never blocks the caller's
 * thread; {@link org.consentgateway.client.BlockingConsentGatewayClient} waits. Both are
 * thread-safe. Only what cannot have produced anything is retried: a query whose answer may have
 * been produced is never sent twice.
 */
package org.consentgateway.client;
