package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.consentgateway.db.Blocking;

/**
 * An offline copy of the audit log, for verification away from the gateway. A folder of JSON Lines:
 * {@code entries.jsonl} ({@code index}, {@code leafInput}, {@code leafHash}, {@code chainHash}),
 * {@code checkpoints.jsonl} ({@code size}, {@code note}), {@code consistency.jsonl} (the proofs
 * between successive checkpoints) and {@code verifier-key.txt} (for reference only: a verifier
 * must take the key from a trusted source, never from the export).
 *
 * <p>Blocking: command line only. Entries stream in pages, so the log's size is not bounded by memory.
 */
public final class AuditExport {

  public static final String ENTRIES = "entries.jsonl";
  public static final String CHECKPOINTS = "checkpoints.jsonl";
  public static final String CONSISTENCY = "consistency.jsonl";
  public static final String VERIFIER_KEY = "verifier-key.txt";
  private static final int PAGE = 5_000;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  /** What an export holds. */
  public record Summary(long entries, int checkpoints) {}

  private AuditExport() {}

  public static Summary write(AuditStore store, NoteVerifier verifier, Path folder) throws IOException {
    requireNonNull(store, "store is null");
    Files.createDirectories(folder);
    List<StoredCheckpoint> checkpoints = Blocking.await(store.checkpoints(), TIMEOUT);
    long size = Blocking.await(store.size(), TIMEOUT);
    try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(ENTRIES), StandardCharsets.UTF_8)) {
      for (long start = 0; start < size; start += PAGE) {
        for (StoredEntry entry : Blocking.await(store.entries(start, Math.min(size, start + PAGE)), TIMEOUT)) {
          out.write(new JsonObject().put("index", entry.index())
              .put("leafInput", Base64.getEncoder().encodeToString(entry.leafInput()))
              .put("leafHash", entry.leafHash().base64())
              .put("chainHash", entry.chainHash().base64()).encode());
          out.write('\n');
        }
      }
    }
    try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(CHECKPOINTS), StandardCharsets.UTF_8);
        BufferedWriter proofs = Files.newBufferedWriter(folder.resolve(CONSISTENCY), StandardCharsets.UTF_8)) {
      StoredCheckpoint previous = null;
      for (StoredCheckpoint checkpoint : checkpoints) {
        out.write(new JsonObject().put("size", checkpoint.size()).put("note", checkpoint.note()).encode());
        out.write('\n');
        if (previous != null && previous.size() > 0 && checkpoint.size() <= size) {
          List<Sha256Hash> hashes = Blocking.await(store.consistencyProof(previous.size(), checkpoint.size()), TIMEOUT);
          JsonArray array = new JsonArray();
          hashes.forEach(hash -> array.add(hash.base64()));
          proofs.write(new JsonObject().put("from", previous.size()).put("to", checkpoint.size()).put("hashes", array).encode());
          proofs.write('\n');
        }
        previous = checkpoint;
      }
    }
    Files.writeString(folder.resolve(VERIFIER_KEY), verifier.verifierKey() + "\n", StandardCharsets.UTF_8);
    return new Summary(size, checkpoints.size());
  }

  /** Verifies an export with a verifier key the caller trusts. */
  public static LogVerifier.Report verify(Path folder, NoteVerifier key) throws IOException {
    List<String> notes = new ArrayList<>();
    for (String line : Files.readAllLines(folder.resolve(CHECKPOINTS), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        notes.add(new JsonObject(line).getString("note"));
      }
    }
    LogVerifier verifier = new LogVerifier(notes, key);
    try (BufferedReader entries = Files.newBufferedReader(folder.resolve(ENTRIES), StandardCharsets.UTF_8)) {
      String line;
      while ((line = entries.readLine()) != null) {
        if (!line.isBlank()) {
          verifier.accept(published(new JsonObject(line)));
        }
      }
    }
    List<LogVerifier.PublishedConsistency> proofs = new ArrayList<>();
    Path consistency = folder.resolve(CONSISTENCY);
    if (Files.exists(consistency)) {
      for (String line : Files.readAllLines(consistency, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          proofs.add(consistency(new JsonObject(line)));
        }
      }
    }
    return verifier.finish(proofs);
  }

  /** An entry as the regulator API or an export publishes it. */
  public static LogVerifier.PublishedEntry published(JsonObject json) {
    return new LogVerifier.PublishedEntry(json.getLong("index"), Base64.getDecoder().decode(json.getString("leafInput")),
        Optional.ofNullable(json.getString("leafHash")).map(Sha256Hash::fromBase64),
        Optional.ofNullable(json.getString("chainHash")).map(Sha256Hash::fromBase64));
  }

  public static LogVerifier.PublishedConsistency consistency(JsonObject json) {
    List<Sha256Hash> hashes = json.getJsonArray("hashes").stream().map(h -> Sha256Hash.fromBase64((String) h)).toList();
    return new LogVerifier.PublishedConsistency(json.getLong("from"), json.getLong("to"), hashes);
  }
}
