package org.consentgateway.complaint;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.List;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.InquiryStore;
import org.consentgateway.audit.StoredEntry;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * The evidence a complaint keeps, read from the log: one entry of the citizen's inquiry history
 * (a query about them by an institution), its inclusion proof against the latest signed
 * checkpoint, and that checkpoint. Anything else at that index (someone else's entry, the
 * citizen's own report, an entry past the log) is the same 404, as for the citizen's proofs.
 */
final class EntryEvidence {

  /** The institution that made the query, and the evidence. */
  record Found(String institutionUscc, ComplaintEvidence evidence) {
    Found {
      requireNonNull(institutionUscc, "institutionUscc is null");
      requireNonNull(evidence, "evidence is null");
    }
  }

  private static final String INSTITUTION_ACTOR = "institution:";
  private static final String NOT_YOURS = "You have no query by an institution with this audit index.";

  private final InquiryStore inquiries;
  private final AuditStore store;

  EntryEvidence(InquiryStore inquiries, AuditStore store) {
    this.inquiries = requireNonNull(inquiries, "inquiries is null");
    this.store = requireNonNull(store, "store is null");
  }

  Future<Found> of(String subjectRef, long index) {
    if (index < 0 || index > AuditEntry.MAX_INDEX) {
      return Future.failedFuture(new ProblemException(ErrorCode.NOT_FOUND, NOT_YOURS));
    }
    return inquiries.isAbout(index, subjectRef).compose(theirs -> {
      if (!theirs) {
        throw new ProblemException(ErrorCode.NOT_FOUND, NOT_YOURS);
      }
      return store.entriesAt(List.of(index));
    }).compose(entries -> {
      StoredEntry stored = entries.stream().findFirst().orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, NOT_YOURS));
      String institution = institutionQuery(AuditEntry.parse(stored.leafInput()).event());
      return store.latestCheckpoint().compose(latest -> {
        var checkpoint = latest.filter(c -> c.size() > index).orElseThrow(() -> new ProblemException(ErrorCode.CONFLICT,
            "This query is not yet covered by a signed checkpoint; try again in a few seconds."));
        return store.inclusionProof(index, checkpoint.size()).map(proof -> new Found(institution,
            new ComplaintEvidence(index, stored.leafInput(), checkpoint.size(), checkpoint.note(), proof)));
      });
    });
  }

  // Only an institution's query is complained of: not the citizen's own report, nor a consent event.
  private static String institutionQuery(AuditEvent event) {
    boolean query = switch (event.action()) {
      case QUERY_ALLOWED, QUERY_DENIED -> true;
      default -> false;
    };
    if (!query || !event.actor().startsWith(INSTITUTION_ACTOR)) {
      throw new ProblemException(ErrorCode.NOT_FOUND, NOT_YOURS);
    }
    return event.actor().substring(INSTITUTION_ACTOR.length());
  }
}
