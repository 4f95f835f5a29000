/**
 * Puts the gateway together, once: {@link org.consentgateway.wiring.GatewayConfig} (the whole
 * configuration, one record per capability), {@code Capabilities} (every store, service, route and
 * background job built once and handed to whoever needs it) and {@link org.consentgateway.wiring.Gateway}
 * (start-up in order, shutdown in reverse), and {@link org.consentgateway.wiring.LogFloodFilter},
 * which keeps a repeating failure from flooding the process's log. Start-up blocks (key and policy
 * files, Flyway, the embedded PostgreSQL); nothing here runs on an event loop.
 */
package org.consentgateway.wiring;
