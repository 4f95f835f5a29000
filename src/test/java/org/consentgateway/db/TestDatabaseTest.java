package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestDatabase.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class TestDatabaseTest {

  private static DatabaseCoordinates beforeAllDatabase;
  private static DatabaseCoordinates outerDatabase;
  private static DatabaseCoordinates firstNestedDatabase;

  private final DatabaseCoordinates constructorDatabase;
  private DatabaseCoordinates beforeEachDatabase;

  TestDatabaseTest(DatabaseCoordinates database) {
    this.constructorDatabase = database;
  }

  @BeforeAll
  static void rememberBeforeAll(DatabaseCoordinates database) {
    beforeAllDatabase = database;
  }

  @BeforeEach
  void rememberBeforeEach(DatabaseCoordinates database) {
    beforeEachDatabase = database;
  }

  @Test
  void theConstructorLifecycleMethodsAndTestsOfAClassShareOneDatabase(DatabaseCoordinates database) {
    outerDatabase = database;
    assertThat(database.database()).startsWith("t_testdatabasetest_");
    assertThat(constructorDatabase).isEqualTo(database);
    assertThat(beforeAllDatabase).isEqualTo(database);
    assertThat(beforeEachDatabase).isEqualTo(database);
  }

  @Test
  void theDatabaseIsMigrated(DatabaseCoordinates database) throws SQLException {
    assertThat(count(database, "select count(*) from flyway_schema_history where success")).isPositive();
  }

  @Nested
  @Order(1)
  class FirstClass {
    @Test
    void getsADatabaseOfItsOwn(DatabaseCoordinates database) throws SQLException {
      firstNestedDatabase = database;
      assertThat(database.database()).startsWith("t_firstclass_").isNotEqualTo(outerDatabase.database());
      assertThat(count(database, "select count(*) from flyway_schema_history where success")).isPositive();
    }
  }

  @Nested
  @Order(2)
  class SecondClass {
    @Test
    void getsAnotherCleanDatabaseAndTheFirstClassesIsDropped(DatabaseCoordinates database) throws SQLException {
      assertThat(database.database()).startsWith("t_secondclass_")
          .isNotEqualTo(firstNestedDatabase.database())
          .isNotEqualTo(outerDatabase.database());
      assertThat(database.port()).isEqualTo(firstNestedDatabase.port());
      assertThat(count(database, "select count(*) from flyway_schema_history where success")).isPositive();
      assertThat(count(database, "select count(*) from pg_database where datname = '" + firstNestedDatabase.database() + "'"))
          .as("the first class's database is dropped when that class has finished")
          .isZero();
    }
  }

  private static long count(DatabaseCoordinates database, String sql) throws SQLException {
    try (Connection connection = ServerProbe.connect(database);
         PreparedStatement statement = connection.prepareStatement(sql);
         ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
