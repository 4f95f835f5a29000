/**
 * Consent Gateway: a privacy-first, consent-based gateway in front of personal credit
 * information. The packages are layers (docs/architecture.md), each depending only on those below:
 * {@code value} and {@code error}; {@code config} and {@code crypto}; {@code db}; the capabilities
 * {@code audit}, {@code records}, {@code policy}, {@code identity}, {@code consent}, {@code dispute},
 * {@code query}; {@code http} and {@code web} (the citizen app) beside it; {@code wiring}; {@code cli}.
 * {@code ArchitectureTest} keeps it so.
 */
package org.consentgateway;
