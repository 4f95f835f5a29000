package org.consentgateway.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.consentgateway.identity.ResidentIdNumber;

/**
 * Looks through a test database's audit log, and the suite's log file, for anything that is a
 * valid resident ID number. Both must hold subjects only as pseudonyms, whatever a test did: the
 * suite's database extension runs this after every test class that used a database.
 */
final class PrivacyScan {

  /** 18 characters shaped like a resident ID number, not part of a longer run of letters or digits. */
  private static final Pattern ID_SHAPED = Pattern.compile("(?<![0-9A-Za-z])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])");

  private PrivacyScan() {}

  /** Where a valid ID number appears in a text file (the suite's log): "line N"; empty when it is clean. */
  static List<String> rawIdNumbersInFile(java.nio.file.Path file) throws java.io.IOException {
    List<String> findings = new ArrayList<>();
    if (!java.nio.file.Files.exists(file)) {
      return findings;
    }
    List<String> lines = java.nio.file.Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (!validIdNumbers(lines.get(i)).isEmpty()) {
        findings.add("line " + (i + 1));
      }
    }
    return findings;
  }

  private static List<String> validIdNumbers(String text) {
    List<String> found = new ArrayList<>();
    Matcher matcher = ID_SHAPED.matcher(text);
    while (matcher.find()) {
      if (ResidentIdNumber.isValid(matcher.group().toUpperCase(java.util.Locale.ROOT))) {
        found.add(matcher.group());
      }
    }
    return found;
  }

  /** Where a valid ID number appears in the audit log: "entry N"; empty when it is clean. */
  static List<String> rawIdNumbersInAuditLog(DatabaseCoordinates database) throws SQLException {
    List<String> findings = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement()) {
      try (ResultSet exists = statement.executeQuery("select to_regclass('audit_entries') is not null")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return findings;
        }
      }
      try (ResultSet rows = statement.executeQuery("select idx, entry from audit_entries order by idx")) {
        while (rows.next()) {
          if (!validIdNumbers(new String(rows.getBytes(2), StandardCharsets.UTF_8)).isEmpty()) {
            findings.add("entry " + rows.getLong(1)); // the number itself is not repeated, even here
          }
        }
      }
    }
    return findings;
  }
}
