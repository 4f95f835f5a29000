package org.consentgateway.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.value.SubjectRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestDatabase.class)
class CreditFileImportTest {

  private static final GatewayKeys KEYS = GatewayKeys.ephemeral();

  private final DatabaseCoordinates database;
  private final CreditFileImport creditImport;

  @TempDir
  Path folder;

  CreditFileImportTest(DatabaseCoordinates database) {
    this.database = database;
    this.creditImport = new CreditFileImport(database, KEYS.pseudonymizer(), KEYS.recordCipher(), 7);
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    execute("delete from credit_accounts; delete from public_records; delete from subjects");
  }

  @Test
  void importsEveryLineOfAValidFile() throws Exception {
    List<String> lines = synthetic(1, 50);

    ImportReport report = creditImport.run(write(lines), false);

    assertThat(report.committed()).isTrue();
    assertThat(report.problems()).isEmpty();
    assertThat(report.linesRead()).isEqualTo(50);
    assertThat(report.subjectsImported()).isEqualTo(50);
    assertThat(count("subjects")).isEqualTo(50);
    assertThat(count("credit_accounts")).isEqualTo(totalAccounts(lines));
  }

  @Test
  void everyRecordNamesTheOperatorThatImportedItAsItsProviderByDefaultTheBureau() throws Exception {
    List<String> lines = synthetic(3, 20);
    new CreditFileImport(database, KEYS.pseudonymizer(), KEYS.recordCipher(), 7, "records-desk").run(write(lines.subList(0, 10)), false);
    creditImport.run(write(lines.subList(10, 20)), false);

    assertThat(count("credit_accounts where provider = 'records-desk'")).isEqualTo(totalAccounts(lines.subList(0, 10)));
    assertThat(count("credit_accounts where provider = '" + CreditFileImport.DEFAULT_PROVIDER + "'"))
        .isEqualTo(totalAccounts(lines.subList(10, 20)));
    assertThat(count("public_records where provider not in ('records-desk', 'bureau')")).isZero();
    assertThatThrownBy(() -> new CreditFileImport(database, KEYS.pseudonymizer(), KEYS.recordCipher(), 7, "91350100M000100Y43"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator id");
  }

  @Test
  void aBadLineLeavesTheDatabaseUnchangedAndIsReportedByNumber() throws Exception {
    List<String> lines = new ArrayList<>(synthetic(2, 30));
    lines.set(19, lines.get(19).replace("\"status\":\"", "\"status\":\"BOGUS_"));   // line 20
    lines.set(24, "{not json");                                                    // line 25

    ImportReport report = creditImport.run(write(lines), false);

    assertThat(report.committed()).isFalse();
    assertThat(report.subjectsImported()).isZero();
    assertThat(report.problems()).extracting(ImportReport.LineProblem::lineNumber).containsExactly(20L, 25L);
    assertThat(report.problems().get(0).reason()).contains(".status: must be one of");
    assertThat(count("subjects")).isZero();
    assertThat(count("credit_accounts")).isZero();
  }

  @Test
  void skipInvalidImportsTheGoodLinesAndReportsTheRest() throws Exception {
    List<String> lines = new ArrayList<>(synthetic(3, 10));
    lines.set(3, lines.get(3).replaceFirst("\"idNumber\":\"[0-9X]{18}\"", "\"idNumber\":\"123\""));

    ImportReport report = creditImport.run(write(lines), true);

    assertThat(report.committed()).isTrue();
    assertThat(report.subjectsImported()).isEqualTo(9);
    assertThat(report.problems()).singleElement().satisfies(problem -> {
      assertThat(problem.lineNumber()).isEqualTo(4);
      assertThat(problem.reason()).startsWith("idNumber: ");
    });
    assertThat(count("subjects")).isEqualTo(9);
  }

  @Test
  void aSubjectAlreadyInTheDatabaseIsABadLine() throws Exception {
    List<String> lines = synthetic(4, 5);
    creditImport.run(write(lines), false);

    ImportReport again = creditImport.run(write(lines.subList(2, 3)), false);

    assertThat(again.committed()).isFalse();
    assertThat(again.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("already in the database"));
    assertThat(count("subjects")).isEqualTo(5);
  }

  @Test
  void theSameSubjectTwiceInOneFileIsABadLine() throws Exception {
    List<String> lines = new ArrayList<>(synthetic(5, 3));
    lines.add(lines.get(0));

    ImportReport report = creditImport.run(write(lines), false);

    assertThat(report.problems()).extracting(ImportReport.LineProblem::lineNumber).containsExactly(4L);
    assertThat(count("subjects")).isZero();
  }

  @Test
  void identityAndPayloadsAreEncryptedAtRestAndReadBack() throws Exception {
    List<String> lines = synthetic(6, 1);
    CreditFile file = CreditFileJson.parse(lines.get(0)).file().orElseThrow();
    creditImport.run(write(lines), false);
    SubjectRef subject = KEYS.pseudonymizer().subjectRef(file.identity().idNumber());

    byte[] stored;
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select subject_ref, identity from subjects")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo(subject.value());
      stored = row.getBytes(2);
    }

    String raw = new String(stored, StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain(file.identity().idNumber().value());
    byte[] plain = KEYS.recordCipher().decrypt(stored, RowBinding.identity(subject));
    assertThat(CreditFileJson.identity(new ObjectMapper().readTree(plain))).isEqualTo(file.identity());
  }

  private List<String> synthetic(long seed, int count) {
    SyntheticCreditData generator = new SyntheticCreditData(seed, LocalDate.of(2026, 11, 1));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add(CreditFileJson.toJson(generator.next()).toString());
    }
    return lines;
  }

  private static long totalAccounts(List<String> lines) {
    return lines.stream().mapToLong(line -> CreditFileJson.parse(line).file().orElseThrow().accounts().size()).sum();
  }

  private Path write(List<String> lines) throws IOException {
    Path file = Files.createTempFile(folder, "import", ".jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private long count(String table) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("select count(*) from " + table)) {
      row.next();
      return row.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
