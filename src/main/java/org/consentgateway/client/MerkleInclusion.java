package org.consentgateway.client;

import java.security.MessageDigest;
import java.util.List;

/** RFC 9162 §2.1.3.2: verifying an inclusion proof, step for step. */
final class MerkleInclusion {

  private MerkleInclusion() {}

  /** The leaf hash of an entry: SHA-256(0x00 || entry bytes), RFC 9162 §2.1.1. */
  static byte[] leafHash(byte[] leafInput) {
    byte[] prefixed = new byte[leafInput.length + 1];
    System.arraycopy(leafInput, 0, prefixed, 1, leafInput.length);
    return AnswerVerifier.sha256(prefixed);
  }

  /** Whether {@code proof} leads from {@code leafHash} at {@code index} to {@code root} of the tree of {@code size}. */
  static boolean verifies(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
    // step 1
    if (index < 0 || index >= size || proof.stream().anyMatch(hash -> hash.length != 32)) {
      return false;
    }
    // steps 2-5
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  private static byte[] node(byte[] left, byte[] right) {
    byte[] input = new byte[65];
    input[0] = 0x01;
    System.arraycopy(left, 0, input, 1, 32);
    System.arraycopy(right, 0, input, 33, 32);
    return AnswerVerifier.sha256(input);
  }
}
