package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The checkpoint the gateway shows everyone: without witnesses, the latest it signed; with them,
 * the latest a quorum of them cosigned, so that a reader holding it knows no other history of the
 * log was shown to those witnesses. The latest one not yet cosigned stays in the regulators' list.
 */
public final class PublicCheckpoint {

  private final AuditStore store;
  private final Cosignatures cosignatures;
  private final WitnessConfig witnesses;

  public PublicCheckpoint(AuditStore store, Cosignatures cosignatures, WitnessConfig witnesses) {
    this.store = requireNonNull(store, "store is null");
    this.cosignatures = requireNonNull(cosignatures, "cosignatures is null");
    this.witnesses = requireNonNull(witnesses, "witnesses is null");
  }

  /** The checkpoint to serve, if there is one yet. */
  public Future<Optional<StoredCheckpoint>> latest() {
    return witnesses.isEmpty() ? store.latestCheckpoint() : cosignatures.latestWitnessed(witnesses.names(), witnesses.quorum());
  }

  /** Why there is none, in words for a problem detail. */
  public String whyNone() {
    return witnesses.isEmpty() ? "No checkpoint has been signed yet."
        : "No checkpoint has been cosigned by " + witnesses.quorum() + " of the log's witnesses yet.";
  }
}
