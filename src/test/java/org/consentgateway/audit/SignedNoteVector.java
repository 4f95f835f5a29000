package org.consentgateway.audit;

/**
 * The reference Ed25519 note of {@code test-vectors/signed-note/README.md} (golang.org/x/mod
 * sumdb/note), for every verifier that checks itself against it: the Java one and the browser's.
 */
public final class SignedNoteVector {

  public static final String VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  public static final String SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  public static final String TEXT = "If you think cryptography is the answer to your problem,\n"
      + "then you don't know what your problem is.\n";
  public static final String SIGNATURE_LINE = "\u2014 PeterNeumann "
      + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  public static final String NOTE = TEXT + "\n" + SIGNATURE_LINE;

  private SignedNoteVector() {}
}
