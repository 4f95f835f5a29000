/**
 * Key material and the primitives built on it: PEM key files, key generation, the pseudonym (subjectRef) HMAC and AES-256-GCM encryption at rest with key ids. Key loading blocks and happens at start-up; the primitives are pure and cost microseconds.
 */
package org.consentgateway.crypto;
