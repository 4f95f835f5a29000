package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Inclusion proofs for a data subject, of entries about them only. Any other index — someone
 * else's entry, one about nobody, one past the log — is the same empty answer, so an answer
 * reveals nothing about entries that are not theirs. A proof is hashes only: reading one is not
 * audited.
 */
public final class SubjectProofs {

  private final InquiryStore inquiries;
  private final AuditStore store;

  public SubjectProofs(InquiryStore inquiries, AuditStore store) {
    this.inquiries = requireNonNull(inquiries, "inquiries is null");
    this.store = requireNonNull(store, "store is null");
  }

  /**
   * The proof of entry {@code index} in the tree of {@code size} when the entry is about
   * {@code subjectRef}; empty otherwise. Fails with {@link AuditRangeException} when the entry is
   * theirs but {@code size} does not hold it or exceeds the log (the log's size is public).
   */
  public Future<Optional<InclusionProof>> inclusion(String subjectRef, long index, long size) {
    requireNonNull(subjectRef, "subjectRef is null");
    return inquiries.isAbout(index, subjectRef).compose(theirs -> theirs
        ? store.inclusionProof(index, size).map(hashes -> Optional.of(new InclusionProof(index, size, hashes)))
        : Future.succeededFuture(Optional.empty()));
  }
}
