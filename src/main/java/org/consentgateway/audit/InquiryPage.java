package org.consentgateway.audit;

import java.util.List;

/**
 * One page of a citizen's inquiry history, newest first.
 *
 * @param more whether older inquiries may follow the last one of this page
 */
public record InquiryPage(List<Inquiry> inquiries, boolean more) {

  public InquiryPage {
    inquiries = List.copyOf(inquiries);
    if (more && inquiries.isEmpty()) {
      throw new IllegalArgumentException("an empty page has nothing more after it");
    }
  }

  /** The index to ask for the next page before; only when {@link #more()}. */
  public long nextBefore() {
    return inquiries.get(inquiries.size() - 1).auditIndex();
  }
}
