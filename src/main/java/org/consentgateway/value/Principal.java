package org.consentgateway.value;

import static java.util.Objects.requireNonNull;

/**
 * An authenticated caller: its role and its id (a USCC, a regulator or operator id, or for a
 * citizen the pseudonymous subjectRef, never the ID number).
 */
public record Principal(Role role, String id) {

  public Principal {
    requireNonNull(role, "role is null");
    requireNonNull(id, "id is null");
  }

  /** The audit log's actor: {@code institution:91350100M000100Y43}, {@code citizen:<subjectRef>}, ... */
  public String actor() {
    return role.wireName() + ":" + id;
  }
}
