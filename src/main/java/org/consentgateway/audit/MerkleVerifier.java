package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Verification of inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2
 * give them, for a regulator's verifier. Inputs are untrusted: indexes and sizes are unsigned
 * 64-bit values carried in a {@code long} (2^64 − 1 is {@code -1L}), hashes are raw arrays of any
 * length. Nothing here throws on bad input; a {@link Verdict} says why a proof was refused.
 */
public final class MerkleVerifier {

  private MerkleVerifier() {}

  /** Whether {@code proof} shows the leaf with {@code leafHash} at {@code leafIndex} in the tree with {@code root}. */
  public static Verdict verifyInclusion(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root) {
    requireNonNull(proof, "proof is null");
    // RFC 9162 §2.1.3.2 step 1
    if (Long.compareUnsigned(leafIndex, treeSize) >= 0) {
      return Verdict.invalid(
          VerifyFailure.INDEX_OUT_OF_RANGE,
          "leaf index " + Long.toUnsignedString(leafIndex)
              + " is not below tree size " + Long.toUnsignedString(treeSize));
    }
    if (!isHash(leafHash) || !isHash(root) || !allHashes(proof)) {
      return badLength();
    }
    // RFC 9162 §2.1.3.2 steps 2-5
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return tooLong(proof);
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHash.node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHash.node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      return tooShort(proof);
    }
    return MessageDigest.isEqual(r, root)
        ? Verdict.valid()
        : Verdict.invalid(VerifyFailure.ROOT_MISMATCH, "the proof leads to another root");
  }

  /**
   * Whether {@code proof} shows that the tree of {@code size1} with {@code root1} is a prefix of
   * the tree of {@code size2} with {@code root2}. A proof from size 0 is refused (RFC 9162 §2.1.4
   * defines proofs for {@code 0 < first}). Equal sizes need an empty proof and byte-equal roots,
   * compared as given (whatever their length), as the reference implementation and its test
   * vectors do.
   */
  public static Verdict verifyConsistency(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
    requireNonNull(proof, "proof is null");
    if (Long.compareUnsigned(size1, size2) > 0 || size1 == 0) {
      return Verdict.invalid(
          VerifyFailure.SIZE_OUT_OF_RANGE,
          "no consistency proof from size " + Long.toUnsignedString(size1)
              + " to size " + Long.toUnsignedString(size2));
    }
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        return tooLong(proof);
      }
      return root1 != null && MessageDigest.isEqual(root1, root2)
          ? Verdict.valid()
          : Verdict.invalid(VerifyFailure.ROOT_MISMATCH, "same size but different roots");
    }
    // RFC 9162 §2.1.4.2 step 1
    if (proof.isEmpty()) {
      return tooShort(proof);
    }
    if (!isHash(root1) || !isHash(root2) || !allHashes(proof)) {
      return badLength();
    }
    return verifySubproof(size1, size2, proof, root1, root2);
  }

  // RFC 9162 §2.1.4.2 steps 2-7, for 0 < size1 < size2 and a non-empty proof of 32-byte hashes.
  private static Verdict verifySubproof(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2) {
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1); // step 2: size1 is an exact power of 2
    }
    path.addAll(proof);
    long fn = size1 - 1; // step 3
    long sn = size2 - 1;
    while ((fn & 1) == 1) { // step 4
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.get(0); // step 5
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) { // step 6
      if (sn == 0) {
        return tooLong(proof);
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHash.node(c, fr);
        sr = MerkleHash.node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = MerkleHash.node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) { // step 7
      return tooShort(proof);
    }
    if (!MessageDigest.isEqual(fr, root1)) {
      return Verdict.invalid(VerifyFailure.FIRST_ROOT_MISMATCH, "the proof leads to another first root");
    }
    if (!MessageDigest.isEqual(sr, root2)) {
      return Verdict.invalid(VerifyFailure.SECOND_ROOT_MISMATCH, "the proof leads to another second root");
    }
    return Verdict.valid();
  }

  private static boolean isHash(byte[] hash) {
    return hash != null && hash.length == Sha256Hash.SIZE;
  }

  private static boolean allHashes(List<byte[]> hashes) {
    for (byte[] hash : hashes) {
      if (!isHash(hash)) {
        return false;
      }
    }
    return true;
  }

  private static Verdict badLength() {
    return Verdict.invalid(VerifyFailure.BAD_HASH_LENGTH, "a leaf, root or proof hash is not 32 bytes");
  }

  private static Verdict tooLong(List<byte[]> proof) {
    return Verdict.invalid(
        VerifyFailure.WRONG_PROOF_LENGTH, "proof of " + proof.size() + " hashes is too long");
  }

  private static Verdict tooShort(List<byte[]> proof) {
    return Verdict.invalid(
        VerifyFailure.WRONG_PROOF_LENGTH, "proof of " + proof.size() + " hashes is too short");
  }
}
