package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseCoordinatesTest {

  @Test
  void parsesAPostgresqlUrlWithCredentials() {
    DatabaseCoordinates db = DatabaseCoordinates.parse("postgresql://app:s%40cret@db.internal:5433/credit", "", "");

    assertThat(db).isEqualTo(new DatabaseCoordinates("db.internal", 5433, "credit", "app", "s@cret"));
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/credit");
  }

  @Test
  void acceptsJdbcUrlsAndSeparateCredentials() {
    DatabaseCoordinates db = DatabaseCoordinates.parse("jdbc:postgresql://localhost/credit", "gateway", "pw");

    assertThat(db).isEqualTo(new DatabaseCoordinates("localhost", 5432, "credit", "gateway", "pw"));
  }

  @Test
  void thePasswordNeverPrints() {
    assertThat(DatabaseCoordinates.parse("postgresql://app:hunter2@db/credit", "", "").toString()).doesNotContain("hunter2");
  }

  @Test
  void refusesOtherSchemes() {
    assertThatThrownBy(() -> DatabaseCoordinates.parse("mysql://db/credit", "", ""))
        .hasMessageContaining("must start with postgresql://");
  }
}
