package org.consentgateway.records;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.consentgateway.crypto.Pseudonymizer;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.records.ImportReport.LineProblem;
import org.consentgateway.value.SubjectRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a JSON Lines file of {@link CreditFile}s: streaming (one batch in memory at a time),
 * batched, in one transaction. By default the file is all-or-nothing: a bad line rolls everything
 * back, but reading goes on so the report lists every bad line. With {@code skipInvalid} the good
 * lines are committed and the bad ones reported.
 *
 * <p>Runs on the caller's thread over JDBC (a command-line job, never on an event loop).
 */
public final class CreditFileImport {

  private static final Logger LOG = LoggerFactory.getLogger(CreditFileImport.class);

  /**
   * The data provider of records imported without one named ({@code records import} without
   * {@code --operator}); migration V23 gave the records imported before it the same.
   */
  public static final String DEFAULT_PROVIDER = "bureau";

  /** An operator id's shape (operators.id); a provider is one. */
  private static final java.util.regex.Pattern PROVIDER = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{2,63}");

  private final DatabaseCoordinates database;
  private final Pseudonymizer pseudonymizer;
  private final RecordCipher cipher;
  private final int batchSize;
  private final String provider;

  /** An import whose records name {@link #DEFAULT_PROVIDER} as their provider. */
  public CreditFileImport(DatabaseCoordinates database, Pseudonymizer pseudonymizer, RecordCipher cipher, int batchSize) {
    this(database, pseudonymizer, cipher, batchSize, DEFAULT_PROVIDER);
  }

  /** An import whose records name {@code provider}, an operator id, as their data provider. */
  public CreditFileImport(DatabaseCoordinates database, Pseudonymizer pseudonymizer, RecordCipher cipher, int batchSize,
      String provider) {
    this.provider = requireNonNull(provider, "provider is null");
    if (!PROVIDER.matcher(provider).matches() || provider.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      throw new IllegalArgumentException("the provider must be an operator id (lower-case letters, digits, '.', '_', '-')");
    }
    this.database = requireNonNull(database, "database is null");
    this.pseudonymizer = requireNonNull(pseudonymizer, "pseudonymizer is null");
    this.cipher = requireNonNull(cipher, "cipher is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1");
    }
    this.batchSize = batchSize;
  }

  public ImportReport run(Path file, boolean skipInvalid) throws IOException, SQLException {
    long started = System.nanoTime();
    List<LineProblem> problems = new ArrayList<>();
    Set<String> subjectsInFile = new HashSet<>();
    Set<UUID> recordsInFile = new HashSet<>();
    long linesRead = 0;
    long imported = 0;
    try (Connection connection = connect(); BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      connection.setAutoCommit(false);
      ImportBatch batch = new ImportBatch(connection, cipher, provider);
      String line;
      long lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        linesRead++;
        CreditFileJson.Parsed parsed = CreditFileJson.parse(line);
        if (parsed.file().isEmpty()) {
          problems.add(new LineProblem(lineNumber, String.join("; ", parsed.problems())));
          continue;
        }
        CreditFile creditFile = parsed.file().get();
        SubjectRef subject = pseudonymizer.subjectRef(creditFile.identity().idNumber());
        List<String> duplicates = duplicatesInFile(creditFile, subject, subjectsInFile, recordsInFile);
        if (!duplicates.isEmpty()) {
          problems.add(new LineProblem(lineNumber, String.join("; ", duplicates)));
          continue;
        }
        // Once an all-or-nothing import has a bad line nothing will be kept, so stop writing and only validate.
        if (skipInvalid || problems.isEmpty()) {
          batch.add(lineNumber, subject, creditFile);
        }
        if (batch.size() >= batchSize) {
          imported += batch.flush(problems);
        }
      }
      imported += batch.flush(problems);
      problems.sort((a, b) -> Long.compare(a.lineNumber(), b.lineNumber()));
      boolean commit = skipInvalid || problems.isEmpty();
      if (commit) {
        connection.commit();
      } else {
        connection.rollback();
        imported = 0;
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      LOG.info("import of {}: {} lines, {} subjects written, {} bad lines, {} in {} ms", file.getFileName(), linesRead,
          imported, problems.size(), commit ? "committed" : "rolled back", elapsed.toMillis());
      return new ImportReport(linesRead, imported, problems, commit, elapsed);
    }
  }

  private static List<String> duplicatesInFile(CreditFile file, SubjectRef subject, Set<String> subjects, Set<UUID> records) {
    List<String> duplicates = new ArrayList<>();
    if (!subjects.add(subject.value())) {
      duplicates.add("idNumber: the same subject appears on an earlier line");
    }
    for (int i = 0; i < file.accounts().size(); i++) {
      if (!records.add(file.accounts().get(i).id())) {
        duplicates.add("accounts[" + i + "].id: the same record id appears earlier in the file");
      }
    }
    for (int i = 0; i < file.publicRecords().size(); i++) {
      if (!records.add(file.publicRecords().get(i).id())) {
        duplicates.add("publicRecords[" + i + "].id: the same record id appears earlier in the file");
      }
    }
    return duplicates;
  }

  private Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", database.user());
    properties.setProperty("password", database.password());
    // Lets the driver send a batch of single-row inserts as multi-row inserts.
    properties.setProperty("reWriteBatchedInserts", "true");
    return DriverManager.getConnection(database.jdbcUrl(), properties);
  }
}
