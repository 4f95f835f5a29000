package org.consentgateway.complaint;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEObjectType;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.Map;
import org.consentgateway.consent.ConsentNotifications;

/**
 * The complaint events the institution concerned is owed through its webhook (docs/integration.md
 * "Webhook events"): a JWS of {@code typ} {@code complaint-event+jwt} naming the complaint, the
 * audit index of the institution's own query and what happened, never the citizen or their text.
 * Written into consent's outbox after the change has committed, and delivered with the consent
 * events; never fails and is never waited for.
 */
public final class ComplaintNotices {

  public static final JOSEObjectType EVENT_TYPE = new JOSEObjectType("complaint-event+jwt");

  /** What happened; the {@code event} claim is its lower-case name. */
  public enum Event {
    /** A complaint about one of the institution's queries was filed. */
    FILED,
    /** The regulator asks the institution a question: answer with {@code POST /v1/complaints/{id}/response}. */
    INFORMATION_REQUESTED,
    /** The regulator decided; the {@code outcome} claim says how. */
    RESOLVED;

    public String claim() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final ConsentNotifications outbox;

  public ComplaintNotices(ConsentNotifications outbox) {
    this.outbox = requireNonNull(outbox, "outbox is null");
  }

  Future<Void> send(Complaint complaint, Event event) {
    Map<String, Object> claims = complaint.outcome()
        .<Map<String, Object>>map(outcome -> Map.of("complaint_id", complaint.id().toString(), "event", event.claim(),
            "audit_index", complaint.auditIndex(), "outcome", outcome.code()))
        .orElse(Map.of("complaint_id", complaint.id().toString(), "event", event.claim(), "audit_index", complaint.auditIndex()));
    return outbox.enqueueEvent(complaint.institutionUscc(), EVENT_TYPE, claims, "complaint " + complaint.id() + " " + event.claim());
  }
}
