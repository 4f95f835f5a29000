/**
 * Consent Gateway: a privacy-first, consent-based gateway in front of personal credit
 * information. {@link org.consentgateway.Gateway} wires the capabilities together; each lives in
 * its own package.
 */
package org.consentgateway;
