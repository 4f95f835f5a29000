package org.consentgateway.audit;

import java.util.Locale;

/** Why a proof, signature or bundle was refused; {@link #code()} is the stable snake_case form. */
public enum VerifyFailure {
  /** An inclusion proof for a leaf index at or beyond the tree size. */
  INDEX_OUT_OF_RANGE,
  /** A consistency proof from a larger tree to a smaller one, or from the empty tree. */
  SIZE_OUT_OF_RANGE,
  /** A leaf, root or proof hash that is not 32 bytes. */
  BAD_HASH_LENGTH,
  /** More or fewer proof hashes than the tree sizes call for. */
  WRONG_PROOF_LENGTH,
  /** The root recomputed from an inclusion proof is not the expected root. */
  ROOT_MISMATCH,
  /** The older root recomputed from a consistency proof is not the expected one. */
  FIRST_ROOT_MISMATCH,
  /** The newer root recomputed from a consistency proof is not the expected one. */
  SECOND_ROOT_MISMATCH,
  /** No signature line of the trusted key (name and key id) is on the note. */
  NO_TRUSTED_SIGNATURE,
  /** A signature line of the trusted key does not verify. */
  BAD_SIGNATURE,
  /** A checkpoint's origin is not the expected log. */
  ORIGIN_MISMATCH,
  /** A signed checkpoint or bundle whose text is malformed. */
  MALFORMED,
  /** A checkpoint without enough valid witness cosignatures for the witness policy. */
  NO_QUORUM,
  /** A cosignature line of a witness the policy names that does not verify. */
  BAD_COSIGNATURE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
