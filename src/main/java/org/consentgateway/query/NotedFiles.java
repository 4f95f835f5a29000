package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.RecordNotes;
import org.consentgateway.records.RecordStore;

/**
 * A subject's credit file with their notes on it: their statements, the records' approved repairs
 * and (in their own report) providers (from the records capability), and which records are under
 * open dispute (from the dispute capability), read in parallel. Every read goes to the database,
 * so a repair approved on one gateway shows on every gateway at the next query.
 */
public final class NotedFiles {

  /** A subject's credit file and their notes on its records. */
  public record NotedFile(CreditFile file, RecordNotes notes) {
    public NotedFile {
      requireNonNull(file, "file is null");
      requireNonNull(notes, "notes is null");
    }
  }

  private final RecordStore records;
  private final Disputes disputes;

  public NotedFiles(RecordStore records, Disputes disputes) {
    this.records = requireNonNull(records, "records is null");
    this.disputes = requireNonNull(disputes, "disputes is null");
  }

  /** The subject's credit file with their notes, as institutions see it; empty when the gateway holds no file. */
  public Future<Optional<NotedFile>> of(String subjectRef) {
    return read(subjectRef, false);
  }

  /** The subject's credit file with their notes and each record's data provider, as the subject sees it. */
  public Future<Optional<NotedFile>> own(String subjectRef) {
    return read(subjectRef, true);
  }

  private Future<Optional<NotedFile>> read(String subjectRef, boolean withProviders) {
    Future<Optional<RecordStore.ProvenancedFile>> file = records.provenancedFile(subjectRef);
    Future<Map<UUID, String>> statements = records.statements(subjectRef);
    Future<List<UUID>> disputed = disputes.openRecordIds(subjectRef);
    return Future.all(file, statements, disputed).map(all -> file.result()
        .map(found -> new NotedFile(found.file(), RecordNotes.of(statements.result(), disputed.result(),
            found.provenance().repairs(), withProviders ? found.provenance().providers() : Map.of()))));
  }
}
