package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import org.consentgateway.value.Role;

/**
 * A registered regulator: reads the audit log, its proofs and checkpoints.
 *
 * @param id 3-64 lower-case letters, digits, {@code .}, {@code _}, {@code -}, with at least one
 *     letter, so it never looks like a unified social credit code; unique across regulators and
 *     operators
 * @param active false once disabled: its token requests are refused
 */
public record Regulator(String id, String name, ClientKey key, boolean active) implements Member {

  public Regulator {
    RegistryRules.checkMemberId(id, "regulator");
    RegistryRules.checkName(name, "regulator");
    requireNonNull(key, "key is null");
  }

  @Override
  public RegisteredClient asClient() {
    return new RegisteredClient(id, Role.REGULATOR, name, key, active);
  }
}
