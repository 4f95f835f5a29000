package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database function {@code take_consent_use} (migration V11) takes a use exactly when
 * {@link ConsentTerms#refusalAt} admits one and the row matches the token: every status, every
 * place of {@code now} around the period, with and without uses left. Each case runs in a
 * transaction that is rolled back, so each starts from the same row.
 */
@ExtendWith(TestDatabase.class)
class ConsentUseFunctionTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String SUBJECT = "a".repeat(64);
  private static final Instant NOT_BEFORE = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-04-01T00:00:00Z");
  private static final Instant[] NOWS = {NOT_BEFORE.minusMillis(1), NOT_BEFORE, Instant.parse("2026-03-15T08:00:00Z"),
      EXPIRES.minusMillis(1), EXPIRES, EXPIRES.plus(Duration.ofDays(1))};

  @Test
  void takesAUseExactlyWhenTheTermsAdmitOne(DatabaseCoordinates database) throws Exception {
    try (Connection connection = connect(database)) {
      UUID consent = insertConsent(connection);
      int cases = 0;
      for (ConsentStatus status : ConsentStatus.values()) {
        for (int usesLeft : new int[] {0, 1, 2}) {
          for (Instant now : NOWS) {
            connection.setAutoCommit(false);
            try {
              set(connection, consent, status, usesLeft);
              boolean admitted = new ConsentTerms(status, NOT_BEFORE, EXPIRES, usesLeft).refusalAt(now).isEmpty();
              assertThat(take(connection, consent, BANK, now, 10)).as(status + ", " + usesLeft + " left, at " + now)
                  .isEqualTo(admitted);
              assertThat(count(connection, "select count(*) from consent_uses where consent_id = '" + consent + "'"))
                  .as("uses recorded").isEqualTo(admitted ? 1 : 0);
              cases += admitted ? 1 : 0;
            } finally {
              connection.rollback();
              connection.setAutoCommit(true);
            }
          }
        }
      }
      assertThat(cases).as("cases admitted").isEqualTo(2 * 3);
    }
  }

  @Test
  void takesNoUseForAnotherInstitutionsTokenNorOverTheDaysLimit(DatabaseCoordinates database) throws Exception {
    try (Connection connection = connect(database)) {
      UUID consent = insertConsent(connection);
      Instant now = Instant.parse("2026-03-15T08:00:00Z");
      connection.setAutoCommit(false);
      try {
        set(connection, consent, ConsentStatus.ACTIVE, 2);
        assertThat(take(connection, consent, "91350100M000100Y60", now, 10)).isFalse();
        assertThat(take(connection, consent, BANK, now, 1)).isTrue();
        assertThat(take(connection, consent, BANK, now, 1)).as("the day's one use is taken").isFalse();
        assertThat(count(connection, "select uses_left from consents where id = '" + consent + "'")).isEqualTo(1);
      } finally {
        connection.rollback();
      }
    }
  }

  private static Connection connect(DatabaseCoordinates database) throws Exception {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }

  private static UUID insertConsent(Connection connection) throws Exception {
    UUID request = UUID.randomUUID();
    UUID consent = UUID.randomUUID();
    try (Statement statement = connection.createStatement()) {
      statement.execute("insert into institutions (uscc, name, public_key, purposes, max_grade) values ('" + BANK
          + "', 'bank', '{}', '{LOAN_APPROVAL}', 'DETAIL') on conflict do nothing");
      statement.execute("insert into consent_requests (id, institution_uscc, subject_ref, purpose, grade, valid_days, max_uses, "
          + "data_window_months, status, created_at, expires_at, answered_at, consent_id) values ('" + request + "', '" + BANK
          + "', '" + SUBJECT + "', 'LOAN_APPROVAL', 'SUMMARY', 31, 2, 24, 'APPROVED', now(), now(), now(), '" + consent + "')");
      statement.execute("insert into consents (id, request_id, institution_uscc, subject_ref, purpose, grade, max_uses, uses_left, "
          + "data_window_months, status, created_at, not_before, expires_at, updated_at) values ('" + consent + "', '" + request
          + "', '" + BANK + "', '" + SUBJECT + "', 'LOAN_APPROVAL', 'SUMMARY', 2, 2, 24, 'ACTIVE', now(), '" + NOT_BEFORE + "', '"
          + EXPIRES + "', now())");
    }
    return consent;
  }

  private static void set(Connection connection, UUID consent, ConsentStatus status, int usesLeft) throws Exception {
    try (PreparedStatement update = connection.prepareStatement("update consents set status = ?, uses_left = ? where id = ?")) {
      update.setString(1, status.name());
      update.setInt(2, usesLeft);
      update.setObject(3, consent);
      update.executeUpdate();
    }
  }

  private static boolean take(Connection connection, UUID consent, String institution, Instant now, int perDay) throws Exception {
    try (PreparedStatement take = connection.prepareStatement(
        "select taken from take_consent_use(?, ?, ?, 'LOAN_APPROVAL', 'SUMMARY', ?, ?, ?, ?, 100)")) {
      take.setObject(1, consent);
      take.setString(2, institution);
      take.setString(3, SUBJECT);
      take.setTimestamp(4, Timestamp.from(now));
      take.setTimestamp(5, Timestamp.from(now.minus(Duration.ofHours(1))));
      take.setTimestamp(6, Timestamp.from(now.minus(Duration.ofDays(10))));
      take.setInt(7, perDay);
      try (ResultSet rows = take.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return rows.getBoolean(1);
      }
    }
  }

  private static long count(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getLong(1);
    }
  }
}
