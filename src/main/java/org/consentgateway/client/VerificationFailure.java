package org.consentgateway.client;

/** Why something the gateway sent does not verify; {@link VerificationException#failure()}. */
public enum VerificationFailure {
  /** RFC 9530: the body's SHA-256 is not the {@code Content-Digest} (the body was changed). */
  BODY_DIGEST_MISMATCH,
  /** The {@code Signature-Input} or {@code Signature} is missing, malformed or covers less than the gateway signs. */
  SIGNATURE_INPUT_INVALID,
  /** A signature names a key ({@code kid}, {@code keyid}) that the gateway's JWKS does not hold, even refetched. */
  UNKNOWN_KEY,
  /** A signature does not verify with the key it names. */
  BAD_SIGNATURE,
  /** A token is malformed, of another type or algorithm, or its claims are wrong (issuer, audience, expiry). */
  TOKEN_INVALID,
  /** A checkpoint or verifier key is malformed, or of another log (origin). */
  CHECKPOINT_INVALID,
  /** No signature of the trusted verifier key on the checkpoint, or one that does not verify. */
  CHECKPOINT_SIGNATURE,
  /** The inclusion proof does not lead from the entry's leaf to the checkpoint's root (RFC 9162 §2.1.3.2). */
  INCLUSION_PROOF,
  /** The audit entry is not the one expected: another index or actor, or it does not bind the answer received. */
  ENTRY_MISMATCH
}
