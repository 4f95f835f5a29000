package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import org.consentgateway.value.Role;

/**
 * A client as the token endpoint sees it: who it is, which role its access tokens carry, and the
 * key its client assertions must verify with.
 *
 * @param id the assertion's {@code iss} and {@code sub}: an institution's USCC, or a regulator's or
 *     operator's id
 * @param active false when disabled: the token endpoint must refuse it
 */
public record RegisteredClient(String id, Role role, String name, ClientKey key, boolean active) {

  public RegisteredClient {
    requireNonNull(id, "id is null");
    requireNonNull(role, "role is null");
    requireNonNull(name, "name is null");
    requireNonNull(key, "key is null");
    if (role == Role.CITIZEN) {
      throw new IllegalArgumentException("citizens are not registered clients; they bring an identity provider's token");
    }
  }
}
