package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step in the life of a consent as its citizen sees it (their export, their dashboard): when,
 * what happened, who did it — the kind of actor, never their id — and the entry that records it.
 *
 * @param actorKind {@code SELF} for the citizen, else the actor's role in capitals ({@link InquiryJson#actorKind})
 */
public record LifecycleEntry(Instant time, AuditAction action, String actorKind, long auditIndex) {

  public LifecycleEntry {
    requireNonNull(time, "time is null");
    requireNonNull(action, "action is null");
    requireNonNull(actorKind, "actorKind is null");
  }

  /**
   * The entries that name a consent, by consent id, each consent's in the order given (oldest
   * first from {@link InquiryStore#consentEvents}); a request's entry, which names none, is left out.
   */
  public static Map<String, List<LifecycleEntry>> byConsent(List<AuditEntry> entries) {
    Map<String, List<LifecycleEntry>> all = new LinkedHashMap<>();
    for (AuditEntry entry : entries) {
      AuditEvent event = entry.event();
      event.consentId().ifPresent(id -> all.computeIfAbsent(id, key -> new ArrayList<>())
          .add(new LifecycleEntry(event.time(), event.action(), InquiryJson.actorKind(event.actor()), entry.index())));
    }
    all.replaceAll((id, steps) -> List.copyOf(steps));
    return Collections.unmodifiableMap(all);
  }
}
