package org.consentgateway.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fold keys a cell's subject as V30's SQL function does, so the backfill and the follower share one seen-set. */
@ExtendWith(TestDatabase.class)
class SeenKeyTest {

  @Test
  void theFoldsKeyIsTheKeyTheDatabaseComputes(DatabaseCoordinates database) throws SQLException {
    LocalDate day = LocalDate.of(2026, 12, 3);
    List<Cell> cells = List.of(new Cell(day, "91350100M000100Y43", "LOAN_APPROVAL", "STANDARD"),
        new Cell(day, "91350100M000100Y43", "CREDIT_CARD", "STANDARD"),
        new Cell(day, "", "POST_LOAN", "DETAIL"),
        // Not a code a fold meets, but the bytes hashed are UTF-8 on both sides.
        new Cell(day, "福建信用", "贷款审批", "SUMMARY"));
    List<String> subjects = List.of("a3f1c2", "a3f1c3", "0".repeat(64));
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement key = connection.prepareStatement("select supervision_seen_key(?, ?, ?, ?)")) {
      for (Cell cell : cells) {
        for (String subject : subjects) {
          key.setString(1, cell.institution());
          key.setString(2, cell.purpose());
          key.setString(3, cell.grade());
          key.setString(4, subject);
          try (ResultSet rows = key.executeQuery()) {
            rows.next();
            assertThat(SeenKey.of(cell, subject)).as("%s %s", cell, subject).isEqualTo(rows.getObject(1, UUID.class));
          }
        }
      }
    }
    assertThat(SeenKey.of(cells.get(0), subjects.get(0))).isNotEqualTo(SeenKey.of(cells.get(1), subjects.get(0)))
        .isNotEqualTo(SeenKey.of(cells.get(0), subjects.get(1)));
  }
}
