package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.RoutingContext;

/**
 * An authenticated caller: its role and its id (a USCC, a regulator or operator id, or for a
 * citizen the pseudonymous subjectRef, never the ID number).
 */
public record Principal(Role role, String id) {

  /** Where the authenticated principal is kept on a request's routing context. */
  public static final String CONTEXT_KEY = "principal";

  public Principal {
    requireNonNull(role, "role is null");
    requireNonNull(id, "id is null");
  }

  /** The caller of a request the access rules have admitted. */
  public static Principal of(RoutingContext context) {
    return requireNonNull(context.get(CONTEXT_KEY), "no principal: the access rules must run first");
  }

  /** The audit log's actor: {@code institution:91350100M000100Y43}, {@code citizen:<subjectRef>}, ... */
  public String actor() {
    return role.wireName() + ":" + id;
  }
}
