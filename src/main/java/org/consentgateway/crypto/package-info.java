/**
 * Key material and the primitives built on it: PEM key files, key generation, the pseudonym (subjectRef) HMAC and AES-256-GCM encryption at rest with key ids. Key loading blocks and happens at start-up; the primitives are pure and cost microseconds. {@link org.consentgateway.crypto.CryptoProvider} puts the native JCA provider first where it loads, so a P-256 signature check costs tens of microseconds, not most of a millisecond.
 */
package org.consentgateway.crypto;
