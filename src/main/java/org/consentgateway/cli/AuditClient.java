package org.consentgateway.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.consentgateway.audit.AuditExport;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.LogVerifier;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.audit.SignedNote;
import org.consentgateway.identity.DevTokens;

/**
 * A regulator's view of a live gateway's audit log, through its public regulator API: signs in
 * with {@code private_key_jwt}, then reads checkpoints, entries page by page and consistency
 * proofs. Blocking (command line).
 */
public final class AuditClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final URI base;
  private final String accessToken;

  private AuditClient(URI base, String accessToken) {
    this.base = base;
    this.accessToken = accessToken;
  }

  /** Signs in as the regulator {@code clientId} with its private key; {@code audience} is the gateway's issuer URL. */
  public static AuditClient signIn(URI base, String clientId, PrivateKey key, String audience) throws IOException, InterruptedException {
    requireNonNull(base, "base is null");
    String form = "grant_type=client_credentials&client_assertion_type=" + URLEncoder.encode(ASSERTION_TYPE, StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(DevTokens.clientAssertion(clientId, audience, key, Instant.now()), StandardCharsets.UTF_8);
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/oauth/token"))
            .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("sign-in at " + base + " refused (" + response.statusCode() + "): " + response.body());
    }
    return new AuditClient(base, JSON.readTree(response.body()).path("access_token").asText());
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
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
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
