package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.ImportReport;
import org.consentgateway.records.SubjectIdentity;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;

/**
 * A synthetic credit file under a test citizen's ID number, with something on every page of the
 * app: at least two accounts, a public record, a phone and an address. Imported as the bureau
 * imports its files.
 */
final class CitizenFile {

  private CitizenFile() {}

  /** Imports the file of {@code idNumber} into {@code database}, writing it in {@code folder} first; the file. */
  static CreditFile imported(DatabaseCoordinates database, GatewayKeys keys, Path folder, String idNumber) throws IOException, SQLException {
    return imported(database, keys, folder, idNumber, java.util.List.of());
  }

  /** As {@link #imported(DatabaseCoordinates, GatewayKeys, Path, String)}, with {@code extra} public records added. */
  static CreditFile imported(DatabaseCoordinates database, GatewayKeys keys, Path folder, String idNumber,
      java.util.List<org.consentgateway.records.PublicRecord> extra) throws IOException, SQLException {
    return imported(database, keys, folder, idNumber, extra, CreditFileImport.DEFAULT_PROVIDER);
  }

  /** As {@link #imported(DatabaseCoordinates, GatewayKeys, Path, String, java.util.List)}, every record provided by the operator {@code provider}. */
  static CreditFile imported(DatabaseCoordinates database, GatewayKeys keys, Path folder, String idNumber,
      java.util.List<org.consentgateway.records.PublicRecord> extra, String provider) throws IOException, SQLException {
    CreditFile generated = of(idNumber);
    java.util.List<org.consentgateway.records.PublicRecord> records = new java.util.ArrayList<>(generated.publicRecords());
    records.addAll(extra);
    CreditFile creditFile = new CreditFile(generated.identity(), generated.accounts(), records);
    Path file = Files.createTempFile(folder, "citizen", ".jsonl");
    Files.writeString(file, CreditFileJson.toJson(creditFile).toString() + "\n");
    ImportReport report = new CreditFileImport(database, keys.pseudonymizer(), keys.recordCipher(), 10, provider).run(file, false);
    assertThat(report.committed()).as(report.toString()).isTrue();
    return creditFile;
  }

  private static CreditFile of(String idNumber) {
    SyntheticCreditData synthetic = new SyntheticCreditData(11, LocalDate.now());
    while (true) {
      CreditFile file = synthetic.next();
      if (file.accounts().size() >= 2 && !file.publicRecords().isEmpty() && file.identity().phone().isPresent()
          && file.identity().address().isPresent()) {
        SubjectIdentity identity = new SubjectIdentity(ResidentIdNumber.parse(idNumber), file.identity().name(),
            file.identity().phone(), file.identity().address());
        return new CreditFile(identity, file.accounts(), file.publicRecords());
      }
    }
  }
}
