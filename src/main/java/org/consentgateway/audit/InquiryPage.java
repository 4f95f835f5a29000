package org.consentgateway.audit;

import java.util.List;

/**
 * One page of a citizen's inquiry history, newest first.
 *
 * @param more whether more inquiries lie beyond this page in the direction it was read: older ones
 *     after the last for {@link InquiryStore#inquiries}, newer ones before the first for
 *     {@link InquiryStore#newerInquiries}
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
