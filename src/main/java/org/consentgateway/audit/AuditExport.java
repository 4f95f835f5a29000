package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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
          writeLine(out, object().put("index", entry.index())
              .put("leafInput", Base64.getEncoder().encodeToString(entry.leafInput()))
              .put("leafHash", entry.leafHash().base64())
              .put("chainHash", entry.chainHash().base64()));
        }
      }
    }
    try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(CHECKPOINTS), StandardCharsets.UTF_8);
        BufferedWriter proofs = Files.newBufferedWriter(folder.resolve(CONSISTENCY), StandardCharsets.UTF_8)) {
      StoredCheckpoint previous = null;
      for (StoredCheckpoint checkpoint : checkpoints) {
        writeLine(out, object().put("size", checkpoint.size()).put("note", checkpoint.note()));
        if (previous != null && previous.size() > 0 && checkpoint.size() <= size) {
          Optional<List<Sha256Hash>> hashes = consistencyProof(store, previous.size(), checkpoint.size());
          if (hashes.isPresent()) {
            ObjectNode proof = object().put("from", previous.size()).put("to", checkpoint.size());
            ArrayNode array = proof.putArray("hashes");
            hashes.get().forEach(hash -> array.add(hash.base64()));
            writeLine(proofs, proof);
          }
        }
        previous = checkpoint;
      }
    }
    Files.writeString(folder.resolve(VERIFIER_KEY), verifier.verifierKey() + "\n", StandardCharsets.UTF_8);
    return new Summary(size, checkpoints.size());
  }

  /**
   * The gateway's proof that {@code from} is a prefix of {@code to}; empty when the store lacks a
   * leaf or node it needs (a damaged store). The export still holds the entries as stored, and the
   * verifier, which recomputes the tree from them, names the first index that is wrong or missing.
   */
  private static Optional<List<Sha256Hash>> consistencyProof(AuditStore store, long from, long to) {
    try {
      return Optional.of(Blocking.await(store.consistencyProof(from, to), TIMEOUT));
    } catch (MissingNodeException damaged) {
      return Optional.empty();
    }
  }

  /** Verifies an export with a verifier key the caller trusts. */
  public static LogVerifier.Report verify(Path folder, NoteVerifier key) throws IOException {
    LogVerifier verifier = new LogVerifier(checkpointNotes(folder), key);
    try (BufferedReader entries = Files.newBufferedReader(folder.resolve(ENTRIES), StandardCharsets.UTF_8)) {
      String line;
      while ((line = entries.readLine()) != null) {
        if (!line.isBlank()) {
          verifier.accept(published(JSON.readTree(line)));
        }
      }
    }
    List<LogVerifier.PublishedConsistency> proofs = new ArrayList<>();
    Path consistency = folder.resolve(CONSISTENCY);
    if (Files.exists(consistency)) {
      for (String line : Files.readAllLines(consistency, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          proofs.add(consistency(JSON.readTree(line)));
        }
      }
    }
    return verifier.finish(proofs);
  }

  /** The signed checkpoints of an export, as they were published (with any witness cosignatures). */
  public static List<String> checkpointNotes(Path folder) throws IOException {
    List<String> notes = new ArrayList<>();
    for (String line : Files.readAllLines(folder.resolve(CHECKPOINTS), StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        notes.add(text(JSON.readTree(line), "note"));
      }
    }
    return List.copyOf(notes);
  }

  /** An entry as the regulator API or an export publishes it. */
  public static LogVerifier.PublishedEntry published(JsonNode json) {
    return new LogVerifier.PublishedEntry(whole(json, "index"), Base64.getDecoder().decode(text(json, "leafInput")),
        optionalText(json, "leafHash").map(Sha256Hash::fromBase64), optionalText(json, "chainHash").map(Sha256Hash::fromBase64));
  }

  public static LogVerifier.PublishedConsistency consistency(JsonNode json) {
    JsonNode hashes = json.get("hashes");
    if (hashes == null || !hashes.isArray()) {
      throw new IllegalArgumentException("hashes must be an array");
    }
    List<Sha256Hash> proof = new ArrayList<>();
    hashes.forEach(hash -> proof.add(Sha256Hash.fromBase64(hash.textValue())));
    return new LogVerifier.PublishedConsistency(whole(json, "from"), whole(json, "to"), proof);
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static void writeLine(BufferedWriter out, ObjectNode json) throws IOException {
    out.write(JSON.writeValueAsString(json));
    out.write('\n');
  }

  private static long whole(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
    return value.longValue();
  }

  private static String text(JsonNode json, String name) {
    return optionalText(json, name).orElseThrow(() -> new IllegalArgumentException(name + " must be a string"));
  }

  private static Optional<String> optionalText(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(name + " must be a string");
    }
    return Optional.of(value.textValue());
  }
}
