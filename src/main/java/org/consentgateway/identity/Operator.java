package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import org.consentgateway.value.Role;

/**
 * A registered operator (data provider): imports and corrects credit records, resolves disputes.
 *
 * @param id 3-64 lower-case letters, digits, {@code .}, {@code _}, {@code -}, with at least one
 *     letter, so it never looks like a unified social credit code; unique across regulators and
 *     operators
 * @param active false once disabled: its token requests are refused
 */
public record Operator(String id, String name, ClientKey key, boolean active) implements Member {

  public Operator {
    RegistryRules.checkMemberId(id, "operator");
    RegistryRules.checkName(name, "operator");
    requireNonNull(key, "key is null");
  }

  @Override
  public RegisteredClient asClient() {
    return new RegisteredClient(id, Role.OPERATOR, name, key, active);
  }
}
