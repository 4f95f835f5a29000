package org.consentgateway.records;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.records.ImportReport.LineProblem;
import org.consentgateway.value.SubjectRef;

/**
 * One batch of an import: the lines waiting to be written, checked against what the database
 * already holds, then encrypted and written with batched inserts inside the import's transaction.
 */
final class ImportBatch {

  private record Pending(long lineNumber, SubjectRef subject, CreditFile file) {}

  private final Connection connection;
  private final RecordCipher cipher;
  private final String provider;
  private final List<Pending> pending = new ArrayList<>();

  ImportBatch(Connection connection, RecordCipher cipher, String provider) {
    this.connection = connection;
    this.cipher = cipher;
    this.provider = provider;
  }

  void add(long lineNumber, SubjectRef subject, CreditFile file) {
    pending.add(new Pending(lineNumber, subject, file));
  }

  int size() {
    return pending.size();
  }

  /** Writes the batch; lines that clash with stored data become problems. Returns subjects written. */
  int flush(List<LineProblem> problems) throws SQLException {
    if (pending.isEmpty()) {
      return 0;
    }
    Set<String> storedSubjects = existing("select subject_ref from subjects where subject_ref = any(?)", "text",
        pending.stream().map(p -> p.subject().value()).toArray());
    Set<String> storedRecords = existing(
        "select id::text from credit_accounts where id = any(?) union all select id::text from public_records where id = any(?)",
        "uuid", pending.stream().flatMap(p -> recordIds(p.file()).stream()).toArray());
    List<Pending> writable = new ArrayList<>();
    for (Pending line : pending) {
      List<String> clashes = clashes(line, storedSubjects, storedRecords);
      if (clashes.isEmpty()) {
        writable.add(line);
      } else {
        problems.add(new LineProblem(line.lineNumber(), String.join("; ", clashes)));
      }
    }
    pending.clear();
    write(writable);
    return writable.size();
  }

  private static List<String> clashes(Pending line, Set<String> storedSubjects, Set<String> storedRecords) {
    List<String> clashes = new ArrayList<>();
    if (storedSubjects.contains(line.subject().value())) {
      clashes.add("idNumber: this subject is already in the database (corrections go through `gateway records correct`)");
    }
    List<UUID> ids = recordIds(line.file());
    int accounts = line.file().accounts().size();
    for (int i = 0; i < ids.size(); i++) {
      if (storedRecords.contains(ids.get(i).toString())) {
        String path = i < accounts ? "accounts[" + i + "]" : "publicRecords[" + (i - accounts) + "]";
        clashes.add(path + ".id: a record with this id is already in the database");
      }
    }
    return clashes;
  }

  private static List<UUID> recordIds(CreditFile file) {
    List<UUID> ids = new ArrayList<>();
    file.accounts().forEach(account -> ids.add(account.id()));
    file.publicRecords().forEach(record -> ids.add(record.id()));
    return ids;
  }

  private Set<String> existing(String sql, String elementType, Object[] keys) throws SQLException {
    Set<String> found = new HashSet<>();
    if (keys.length == 0) {
      return found;
    }
    Array array = connection.createArrayOf(elementType, keys);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int parameters = statement.getParameterMetaData().getParameterCount();
      for (int i = 1; i <= parameters; i++) {
        statement.setArray(i, array);
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getString(1));
        }
      }
    } finally {
      array.free();
    }
    return found;
  }

  private void write(List<Pending> lines) throws SQLException {
    try (PreparedStatement subjects = connection.prepareStatement("insert into subjects (subject_ref, identity) values (?, ?)");
        PreparedStatement accounts = connection.prepareStatement(
            "insert into credit_accounts (id, subject_ref, payload, provider) values (?, ?, ?, ?)");
        PreparedStatement publicRecords = connection.prepareStatement(
            "insert into public_records (id, subject_ref, payload, provider) values (?, ?, ?, ?)")) {
      for (Pending line : lines) {
        String subject = line.subject().value();
        subjects.setString(1, subject);
        subjects.setBytes(2, seal(CreditFileJson.identityJson(line.file().identity()).toString(), RowBinding.identity(line.subject())));
        subjects.addBatch();
        for (CreditAccount account : line.file().accounts()) {
          accounts.setObject(1, account.id());
          accounts.setString(2, subject);
          accounts.setBytes(3, seal(CreditFileJson.accountJson(account).toString(), RowBinding.account(account.id())));
          accounts.setString(4, provider);
          accounts.addBatch();
        }
        for (PublicRecord record : line.file().publicRecords()) {
          publicRecords.setObject(1, record.id());
          publicRecords.setString(2, subject);
          publicRecords.setBytes(3, seal(CreditFileJson.publicRecordJson(record).toString(), RowBinding.publicRecord(record.id())));
          publicRecords.setString(4, provider);
          publicRecords.addBatch();
        }
      }
      // Parents first: the record tables reference subjects.
      subjects.executeBatch();
      accounts.executeBatch();
      publicRecords.executeBatch();
    }
  }

  private byte[] seal(String json, byte[] binding) {
    return cipher.encrypt(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), binding);
  }
}
