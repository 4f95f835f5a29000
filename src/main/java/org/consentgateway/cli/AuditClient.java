package org.consentgateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.consentgateway.audit.AuditExport;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.LogVerifier;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.audit.SignedNote;

/**
 * A regulator's view of a live gateway's audit log, through its public regulator API: signs in
 * with {@code private_key_jwt}, then reads checkpoints, entries page by page and consistency
 * proofs. Blocking (command line).
 */
public final class AuditClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final GatewayApiClient api;

  private AuditClient(GatewayApiClient api) {
    this.api = api;
  }

  /** Signs in as the regulator {@code clientId} with its private key; {@code audience} is the gateway's issuer URL. */
  public static AuditClient signIn(URI base, String clientId, PrivateKey key, String audience) throws IOException, InterruptedException {
    return new AuditClient(GatewayApiClient.signIn(base, clientId, key, audience));
  }

  public List<String> checkpointNotes() throws IOException, InterruptedException {
    List<String> notes = new ArrayList<>();
    JSON.readTree(get("/v1/audit/checkpoints")).forEach(checkpoint -> notes.add(checkpoint.path("note").asText()));
    return notes;
  }

  /** Feeds entries [start, end) in pages; stops early if the server has fewer. */
  public void entries(long start, long end, Consumer<LogVerifier.PublishedEntry> sink) throws IOException, InterruptedException {
    long next = start;
    while (next < end) {
      JsonNode page = JSON.readTree(get("/v1/audit/entries?start=" + next + "&end=" + end));
      if (page.isEmpty()) {
        return;
      }
      for (JsonNode item : page) {
        LogVerifier.PublishedEntry entry = AuditExport.published(item);
        sink.accept(entry);
        next = entry.index() + 1;
      }
    }
  }

  public LogVerifier.PublishedConsistency consistency(long from, long to) throws IOException, InterruptedException {
    return AuditExport.consistency(JSON.readTree(get("/v1/audit/proofs/consistency?from=" + from + "&to=" + to)));
  }

  private String get(String pathAndQuery) throws IOException, InterruptedException {
    return api.get(pathAndQuery);
  }

  /** Verifies the live log up to its latest signed checkpoint. */
  public LogVerifier.Report verify(NoteVerifier key) throws IOException, InterruptedException {
    List<String> notes = checkpointNotes();
    LogVerifier verifier = new LogVerifier(notes, key);
    List<Long> sizes = notes.stream().map(note -> Checkpoint.parse(SignedNote.parse(note)).size()).sorted().toList();
    long latest = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
    entries(0, latest, verifier::accept);
    List<LogVerifier.PublishedConsistency> proofs = new ArrayList<>();
    for (int i = 1; i < sizes.size(); i++) {
      if (sizes.get(i - 1) > 0) {
        try {
          proofs.add(consistency(sizes.get(i - 1), sizes.get(i)));
        } catch (IOException refused) {
          // A server that cannot prove consistency fails the check (an empty proof never verifies); a
          // truncation below the checkpoint, if that is the cause, is reported first by its lower index.
          proofs.add(new LogVerifier.PublishedConsistency(sizes.get(i - 1), sizes.get(i), List.of()));
        }
      }
    }
    return verifier.finish(proofs);
  }
}
