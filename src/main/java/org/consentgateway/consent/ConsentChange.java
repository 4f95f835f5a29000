package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import org.consentgateway.audit.AuditAction;
import org.consentgateway.consent.ConsentNotifications.Event;

/**
 * What a citizen may do to a consent they granted: where each change leads, what it records and
 * tells the institution, and from which statuses it is allowed. Every status is decided for every
 * change, so a status added later does not compile until it is; none allows by default. Public so
 * that a page offers exactly the changes {@link ConsentLifecycle} would accept.
 */
public enum ConsentChange {
  REVOKE(ConsentStatus.REVOKED, AuditAction.CONSENT_REVOKED, Event.REVOKED),
  PAUSE(ConsentStatus.PAUSED, AuditAction.CONSENT_PAUSED, Event.PAUSED),
  RESUME(ConsentStatus.ACTIVE, AuditAction.CONSENT_RESUMED, Event.RESUMED);

  private final ConsentStatus target;
  private final AuditAction action;
  private final Event event;

  ConsentChange(ConsentStatus target, AuditAction action, Event event) {
    this.target = requireNonNull(target, "target is null");
    this.action = requireNonNull(action, "action is null");
    this.event = requireNonNull(event, "event is null");
  }

  /** The status the consent is in after this change. */
  public ConsentStatus target() {
    return target;
  }

  AuditAction action() {
    return action;
  }

  Event event() {
    return event;
  }

  /** Whether a consent that is {@code current} now may take this change. */
  public boolean allowedFrom(ConsentStatus current) {
    return switch (current) {
      case ACTIVE -> this == REVOKE || this == PAUSE;
      case PAUSED -> this == REVOKE || this == RESUME;
      case REVOKED, EXPIRED, EXHAUSTED -> false;
    };
  }
}
