package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
class PrivacyScanTest {

  @Test
  void aLoggedIdNumberIsFoundButHashesAndPseudonymsAreNot(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
    java.nio.file.Path log = folder.resolve("suite.log");
    java.nio.file.Files.writeString(log, String.join("\n",
        "INFO issued an access token to institution:91350100M000100Y43",
        "INFO citizen:887ff6fed0c255510c45238ddfd6d748b9ff794a4d4c638fe61020c7c8d2f140 approved",
        "WARN lookup of 110105********002X",
        "ERROR lookup failed for 11010519491231002X"));

    assertThat(PrivacyScan.rawIdNumbersInFile(log)).containsExactly("line 4");
  }

  @Test
  void aRawIdNumberWrittenPastTheEntryRulesIsFoundAndNamedByIndexOnly(DatabaseCoordinates database) throws Exception {
    assertThat(PrivacyScan.rawIdNumbersInAuditLog(database)).isEmpty();

    // Straight into the table, as a bug or an insider could: the entry's own constructor would refuse it.
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement insert = connection.prepareStatement(
            "insert into audit_entries (idx, entry, leaf_hash, chain_hash) values (0, ?, ?, ?)")) {
      insert.setBytes(1, "{\"actor\":\"citizen:11010519491231002X\",\"note\":\"hash 1234567890123456789012\"}".getBytes());
      insert.setBytes(2, new byte[32]);
      insert.setBytes(3, new byte[32]);
      insert.executeUpdate();

      assertThat(PrivacyScan.rawIdNumbersInAuditLog(database)).containsExactly("entry 0");
    } finally {
      try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
          Statement statement = connection.createStatement()) {
        statement.execute("delete from audit_entries"); // leave the class clean for the scan that follows it
      }
    }
  }
}
