package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.consentgateway.identity.RegistryException.Reason;

/**
 * The {@code regulators} or the {@code operators} table: the two have the same shape and the same
 * rules, and an id may be in only one of them, so the token endpoint never has to guess a role.
 *
 * @param <T> {@link Regulator} or {@link Operator}
 */
public final class MemberTable<T extends Member> {

  /** Builds (and so validates) a member value. */
  @FunctionalInterface
  interface Factory<T> {
    T create(String id, String name, ClientKey key, boolean active);
  }

  private static final String COLUMNS = "id, name, public_key, status";

  private final RegistryJdbc jdbc;
  private final String table;
  private final String noun;
  private final String otherTable;
  private final String otherNoun;
  private final Factory<T> factory;

  /**
   * @param table this table, e.g. {@code regulators}; a constant, never user input
   * @param noun one row of it in messages, e.g. {@code regulator}
   */
  MemberTable(RegistryJdbc jdbc, String table, String noun, String otherTable, String otherNoun, Factory<T> factory) {
    this.jdbc = requireNonNull(jdbc, "jdbc is null");
    this.table = requireNonNull(table, "table is null");
    this.noun = requireNonNull(noun, "noun is null");
    this.otherTable = requireNonNull(otherTable, "otherTable is null");
    this.otherNoun = requireNonNull(otherNoun, "otherNoun is null");
    this.factory = requireNonNull(factory, "factory is null");
  }

  /** Registers an active member; its id may not be one of the other table's. */
  public T add(String id, String name, ClientKey key) {
    T member = factory.create(id, name, key, true);
    // One statement: the id is taken here only if it is free here and in the other table.
    String sql = "insert into " + table + " (id, name, public_key) select ?, ?, ? "
        + "where not exists (select 1 from " + otherTable + " where id = ?) on conflict (id) do nothing";
    return jdbc.run("register " + noun + " " + id, connection -> {
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        insert.setString(1, id);
        insert.setString(2, name);
        insert.setString(3, key.toJson());
        insert.setString(4, id);
        if (insert.executeUpdate() == 0) {
          throw duplicate(connection, id);
        }
      }
      return member;
    });
  }

  public List<T> list() {
    return jdbc.run("list " + table, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from " + table + " order by id");
           ResultSet rows = select.executeQuery()) {
        List<T> members = new ArrayList<>();
        while (rows.next()) {
          members.add(read(rows));
        }
        return List.copyOf(members);
      }
    });
  }

  public Optional<T> find(String id) {
    RegistryRules.checkMemberId(id, noun);
    return jdbc.run("read " + noun + " " + id, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from " + table + " where id = ?")) {
        select.setString(1, id);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
      }
    });
  }

  /** Refuses the member's token requests from now on. */
  public T disable(String id) {
    return setActive(id, false);
  }

  public T enable(String id) {
    return setActive(id, true);
  }

  private T setActive(String id, boolean active) {
    String status = RegistryRules.status(active);
    // updated_at moves only when the status really changes: disabling twice is not a second change.
    return update(id, (active ? "enable " : "disable ") + noun + " " + id,
        "status = ?, updated_at = case when status = ? then updated_at else now() end", status, status);
  }

  public T setKey(String id, ClientKey key) {
    requireNonNull(key, "key is null");
    return update(id, "set the key of " + noun + " " + id, "public_key = ?, updated_at = now()", key.toJson());
  }

  private T update(String id, String what, String assignments, String... values) {
    RegistryRules.checkMemberId(id, noun);
    String sql = "update " + table + " set " + assignments + " where id = ? returning " + COLUMNS;
    return jdbc.run(what, connection -> {
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          update.setString(i + 1, values[i]);
        }
        update.setString(values.length + 1, id);
        try (ResultSet rows = update.executeQuery()) {
          if (!rows.next()) {
            throw new RegistryException(Reason.NOT_FOUND, "no " + noun + " " + id + " is registered");
          }
          return read(rows);
        }
      }
    });
  }

  private RegistryException duplicate(Connection connection, String id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("select 1 from " + table + " where id = ?")) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        if (rows.next()) {
          return new RegistryException(Reason.DUPLICATE, noun + " " + id + " is already registered");
        }
      }
    }
    return new RegistryException(Reason.DUPLICATE, id + " is already the id of a registered " + otherNoun
        + "; regulator and operator ids must differ");
  }

  private T read(ResultSet row) throws SQLException {
    return factory.create(row.getString("id"), row.getString("name"), ClientKey.fromJson(row.getString("public_key")),
        RegistryRules.active(row.getString("status")));
  }
}
