package org.consentgateway.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 9162 §2.1 definitions transcribed literally over a list of leaf inputs, recursively
 * and without any storage: the oracle the optimised generation is checked against.
 */
final class Rfc9162Reference {

  private Rfc9162Reference() {}

  // RFC 9162 §2.1.1
  static Sha256Hash mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return Sha256Hash.digest(new byte[0]);
    }
    if (n == 1) {
      return MerkleHash.leaf(d.get(0));
    }
    int k = largestPowerOfTwoBelow(n);
    return MerkleHash.node(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  // RFC 9162 §2.1.3.1
  static List<Sha256Hash> path(int m, List<byte[]> d) {
    int n = d.size();
    List<Sha256Hash> proof = new ArrayList<>();
    if (n == 1) {
      return proof;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      proof.addAll(path(m, d.subList(0, k)));
      proof.add(mth(d.subList(k, n)));
    } else {
      proof.addAll(path(m - k, d.subList(k, n)));
      proof.add(mth(d.subList(0, k)));
    }
    return proof;
  }

  // RFC 9162 §2.1.4.1
  static List<Sha256Hash> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<Sha256Hash> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<Sha256Hash> proof = new ArrayList<>();
    if (m == n) {
      if (!b) {
        proof.add(mth(d));
      }
      return proof;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      proof.addAll(subproof(m, d.subList(0, k), b));
      proof.add(mth(d.subList(k, n)));
    } else {
      proof.addAll(subproof(m - k, d.subList(k, n), false));
      proof.add(mth(d.subList(0, k)));
    }
    return proof;
  }

  private static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
