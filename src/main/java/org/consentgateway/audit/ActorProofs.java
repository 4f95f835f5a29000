package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Inclusion proofs of an actor's own entries (an institution's queries and consent requests),
 * each with everything needed to check it offline: the entry's bytes, the public checkpoint it
 * proves against, and the RFC 9162 proof. Any other index — another actor's entry, one past the
 * log — is the same empty answer, so an answer reveals nothing about entries that are not theirs.
 * Hashes and the caller's own entry only: reading one is not audited (as for a citizen's proof).
 */
public final class ActorProofs {

  /** An actor's entry with its proof against {@code checkpoint}. */
  public record ActorProof(long index, byte[] leafInput, StoredCheckpoint checkpoint, List<Sha256Hash> hashes) {

    public ActorProof {
      leafInput = leafInput.clone();
      requireNonNull(checkpoint, "checkpoint is null");
      hashes = List.copyOf(hashes);
    }

    @Override
    public byte[] leafInput() {
      return leafInput.clone();
    }

    /** {@code {"index", "size", "leafInput", "checkpoint", "hashes"}}, bytes and hashes in base64. */
    public ObjectNode toJson() {
      ObjectNode json = JsonNodeFactory.instance.objectNode()
          .put("index", index)
          .put("size", checkpoint.size())
          .put("leafInput", Base64.getEncoder().encodeToString(leafInput))
          .put("checkpoint", checkpoint.note());
      ArrayNode array = json.putArray("hashes");
      hashes.forEach(hash -> array.add(hash.base64()));
      return json;
    }
  }

  private final AuditStore store;
  private final PublicCheckpoint checkpoints;

  public ActorProofs(AuditStore store, PublicCheckpoint checkpoints) {
    this.store = requireNonNull(store, "store is null");
    this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
  }

  /**
   * The proof of entry {@code index} against the public checkpoint when {@code actor} made the
   * entry; empty otherwise. Fails with {@link AuditRangeException} when the entry is theirs but no
   * public checkpoint covers it yet (one follows within {@code audit.checkpoint-interval-millis}).
   */
  public Future<Optional<ActorProof>> inclusion(String actor, long index) {
    requireNonNull(actor, "actor is null");
    return store.entriesAt(List.of(index)).compose(found -> {
      if (found.isEmpty() || !AuditEntry.parse(found.get(0).leafInput()).event().actor().equals(actor)) {
        return Future.succeededFuture(Optional.empty());
      }
      byte[] leafInput = found.get(0).leafInput();
      return checkpoints.latest().compose(latest -> {
        if (latest.isEmpty() || latest.get().size() <= index) {
          return Future.failedFuture(new AuditRangeException("no public checkpoint covers this entry yet"));
        }
        StoredCheckpoint checkpoint = latest.get();
        return store.inclusionProof(index, checkpoint.size())
            .map(hashes -> Optional.of(new ActorProof(index, leafInput, checkpoint, hashes)));
      });
    });
  }
}
