package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * One of the two member registries: what a member of it is called, its entity, and how a row
 * becomes a member and back. The two registries differ in nothing else.
 *
 * @param noun one member in messages, e.g. {@code regulator}
 * @param rows the entity of its table
 */
record MemberKind<T extends Member>(String noun, Class<? extends MemberRow> rows, Factory<T> members,
    Function<T, MemberRow> newRow) {

  /** Builds (and so validates) a member value. */
  @FunctionalInterface
  interface Factory<T> {
    T create(String id, String name, ClientKey key, boolean active);
  }

  static final MemberKind<Regulator> REGULATORS =
      new MemberKind<>("regulator", RegulatorRow.class, Regulator::new, RegulatorRow::new);
  static final MemberKind<Operator> OPERATORS =
      new MemberKind<>("operator", OperatorRow.class, Operator::new, OperatorRow::new);

  MemberKind {
    requireNonNull(noun, "noun is null");
    requireNonNull(rows, "rows is null");
    requireNonNull(members, "members is null");
    requireNonNull(newRow, "newRow is null");
  }

  T member(String id, String name, ClientKey key, boolean active) {
    return members.create(id, name, key, active);
  }

  /** The stored member; a row the rules would refuse (made by hand) fails here rather than being served. */
  T member(MemberRow row) {
    return members.create(row.id, row.name, ClientKey.fromJson(row.publicKey), RegistryRules.active(row.status));
  }

  MemberRow row(T member) {
    return newRow.apply(member);
  }

  /** The entity's name in queries. */
  String entity() {
    return rows.getSimpleName();
  }
}
