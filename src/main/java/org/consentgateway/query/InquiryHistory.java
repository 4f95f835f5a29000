package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.consentgateway.audit.Inquiry;
import org.consentgateway.audit.InquiryPage;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.identity.ClientRegistry;

/**
 * A citizen's inquiry history: the queries about them from the audit log, each institution named
 * as the registry has it (one lookup of names per page).
 */
public final class InquiryHistory {

  private final InquiryStore inquiries;
  private final ClientRegistry registry;

  public InquiryHistory(InquiryStore inquiries, ClientRegistry registry) {
    this.inquiries = requireNonNull(inquiries, "inquiries is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  /** One page, newest first (see {@link InquiryStore#inquiries}). */
  public Future<InquiryPage> page(String subjectRef, long before, int limit) {
    return inquiries.inquiries(subjectRef, before, limit).compose(this::named);
  }

  /** The page just newer than index {@code after}, newest first (see {@link InquiryStore#newerInquiries}). */
  public Future<InquiryPage> newer(String subjectRef, long after, int limit) {
    return inquiries.newerInquiries(subjectRef, after, limit).compose(this::named);
  }

  /** Every inquiry about the subject, newest first: the history in a citizen's export. */
  public Future<List<Inquiry>> all(String subjectRef) {
    return inquiries.allInquiries(subjectRef).compose(this::named);
  }

  private Future<InquiryPage> named(InquiryPage page) {
    return named(page.inquiries()).map(named -> new InquiryPage(named, page.more()));
  }

  private Future<List<Inquiry>> named(List<Inquiry> unnamed) {
    Set<String> usccs = new LinkedHashSet<>();
    unnamed.forEach(inquiry -> inquiry.institution().ifPresent(usccs::add));
    return registry.institutionNames(usccs).map(names -> unnamed.stream().map(inquiry -> inquiry.named(names)).toList());
  }
}
