package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.consentgateway.audit.LifecycleEntry;
import org.consentgateway.consent.Consent;
import org.consentgateway.consent.ConsentChange;
import org.consentgateway.consent.ConsentRequest;
import org.consentgateway.consent.ConsentStatus;
import org.consentgateway.consent.RequestStatus;

/**
 * What the dashboard shows: the requests waiting for the citizen's answer, and their consents
 * grouped by where they stand now — active, paused, ended — newest first, each with its
 * lifecycle entries from the audit log.
 */
public record DashboardView(
    List<ConsentRequest> pending,
    List<Consent> active,
    List<Consent> paused,
    List<Consent> ended,
    Map<String, List<LifecycleEntry>> histories,
    Instant now) {

  public DashboardView {
    pending = List.copyOf(pending);
    active = List.copyOf(active);
    paused = List.copyOf(paused);
    ended = List.copyOf(ended);
    histories = Map.copyOf(histories);
    requireNonNull(now, "now is null");
  }

  /** The view of everything the citizen was asked and granted, as of {@code now}. */
  public static DashboardView of(List<ConsentRequest> requests, List<Consent> consents, Map<String, List<LifecycleEntry>> histories,
      Instant now) {
    List<ConsentRequest> pending = requests.stream().filter(request -> request.statusAt(now) == RequestStatus.PENDING)
        .sorted(Comparator.comparing(ConsentRequest::createdAt).reversed()).toList();
    List<Consent> active = new ArrayList<>();
    List<Consent> paused = new ArrayList<>();
    List<Consent> ended = new ArrayList<>();
    consents.stream().sorted(Comparator.comparing(Consent::createdAt).reversed()).forEach(consent -> {
      switch (consent.statusAt(now)) {
        case ACTIVE -> active.add(consent);
        case PAUSED -> paused.add(consent);
        case REVOKED, EXPIRED, EXHAUSTED -> ended.add(consent);
      }
    });
    return new DashboardView(pending, active, paused, ended, histories, now);
  }

  /** The consent's status now: past its end it has EXPIRED, whatever its row says. */
  public ConsentStatus status(Consent consent) {
    return consent.statusAt(now);
  }

  /** The changes the citizen may make to the consent now, in the order the page offers them. */
  public List<ConsentChange> changes(Consent consent) {
    ConsentStatus status = status(consent);
    return Arrays.stream(ConsentChange.values()).filter(change -> change.allowedFrom(status)).toList();
  }

  /** The consent's lifecycle entries, oldest first. */
  public List<LifecycleEntry> history(Consent consent) {
    return histories.getOrDefault(consent.id().toString(), List.of());
  }

  /** Whether there is nothing at all to show. */
  public boolean empty() {
    return pending.isEmpty() && active.isEmpty() && paused.isEmpty() && ended.isEmpty();
  }
}
