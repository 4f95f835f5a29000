package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.consentgateway.identity.RegistryException.Reason;
import org.consentgateway.policy.Grade;
import org.consentgateway.value.UnifiedSocialCreditCode;

/** The {@code institutions} table over JDBC. Blocking. */
final class InstitutionTable {

  static final String COLUMNS = "uscc, name, public_key, purposes, max_grade, status";

  private final RegistryJdbc jdbc;

  InstitutionTable(RegistryJdbc jdbc) {
    this.jdbc = requireNonNull(jdbc, "jdbc is null");
  }

  void add(Institution institution) {
    String uscc = institution.uscc().value();
    String sql = "insert into institutions (uscc, name, public_key, purposes, max_grade) values (?, ?, ?, ?, ?) "
        + "on conflict (uscc) do nothing";
    jdbc.run("register institution " + uscc, connection -> {
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        insert.setString(1, uscc);
        insert.setString(2, institution.name());
        insert.setString(3, institution.key().toJson());
        insert.setArray(4, connection.createArrayOf("text", institution.purposes().toArray()));
        insert.setString(5, institution.maxGrade().name());
        if (insert.executeUpdate() == 0) {
          throw new RegistryException(Reason.DUPLICATE, "institution " + uscc + " is already registered");
        }
      }
      return null;
    });
  }

  List<Institution> list() {
    return jdbc.run("list institutions", connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from institutions order by uscc");
           ResultSet rows = select.executeQuery()) {
        List<Institution> institutions = new ArrayList<>();
        while (rows.next()) {
          institutions.add(read(rows));
        }
        return List.copyOf(institutions);
      }
    });
  }

  Optional<Institution> find(UnifiedSocialCreditCode uscc) {
    return jdbc.run("read institution " + uscc, connection -> {
      try (PreparedStatement select = connection.prepareStatement("select " + COLUMNS + " from institutions where uscc = ?")) {
        select.setString(1, uscc.value());
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? Optional.of(read(rows)) : Optional.empty();
        }
      }
    });
  }

  Institution setActive(UnifiedSocialCreditCode uscc, boolean active) {
    String status = RegistryRules.status(active);
    // updated_at moves only when the status really changes: disabling twice is not a second change.
    return update(uscc, (active ? "enable" : "disable") + " institution " + uscc,
        "status = ?, updated_at = case when status = ? then updated_at else now() end", status, status);
  }

  Institution setKey(UnifiedSocialCreditCode uscc, ClientKey key) {
    return update(uscc, "set the key of institution " + uscc, "public_key = ?, updated_at = now()", key.toJson());
  }

  /** Sets or (null) clears the institution's webhook URL. */
  Institution setWebhook(UnifiedSocialCreditCode uscc, String url) {
    return update(uscc, "set the webhook of institution " + uscc, "webhook_url = ?, updated_at = now()", url);
  }

  /** Maps a stored row; shared with {@link ClientRegistry} so both read a row the same way. */
  static Institution institution(String uscc, String name, String key, String[] purposes, String maxGrade, String status) {
    Grade grade = Grade.named(maxGrade)
        .orElseThrow(() -> new IllegalStateException("institution " + uscc + " has an unknown stored max grade " + maxGrade));
    return new Institution(UnifiedSocialCreditCode.parse(uscc), name, ClientKey.fromJson(key), List.of(purposes), grade,
        RegistryRules.active(status));
  }

  private Institution update(UnifiedSocialCreditCode uscc, String what, String assignments, String... values) {
    String sql = "update institutions set " + assignments + " where uscc = ? returning " + COLUMNS;
    return jdbc.run(what, connection -> {
      try (PreparedStatement update = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          update.setString(i + 1, values[i]);
        }
        update.setString(values.length + 1, uscc.value());
        try (ResultSet rows = update.executeQuery()) {
          if (!rows.next()) {
            throw new RegistryException(Reason.NOT_FOUND, "no institution " + uscc + " is registered");
          }
          return read(rows);
        }
      }
    });
  }

  private static Institution read(ResultSet row) throws SQLException {
    Array purposes = row.getArray("purposes");
    try {
      return institution(row.getString("uscc"), row.getString("name"), row.getString("public_key"),
          (String[]) purposes.getArray(), row.getString("max_grade"), row.getString("status"));
    } finally {
      purposes.free();
    }
  }
}
