package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import org.consentgateway.db.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes signed checkpoints of the log: every {@link AuditConfig#checkpointInterval()}, if the
 * tree has grown since the last published checkpoint, its root is computed from stored nodes,
 * written as a C2SP tlog-checkpoint, signed as a C2SP signed-note and stored. Every checkpoint is
 * kept. The log is append-only, so a checkpoint is always consistent with every earlier one.
 *
 * <p>Several gateway instances may run one each: they race to store a checkpoint of the same size,
 * and the first wins (the others sign the same tree with the same key, and Ed25519 is
 * deterministic, so the notes are identical anyway). Thread-safe; never blocks.
 */
public final class Checkpointer {

  private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

  private static final String GROWTH = """
      select h.size, coalesce((select max(size) from audit_checkpoints), 0)
        from audit_head h where h.id = 1""";
  private static final String INSERT = """
      insert into audit_checkpoints (size, root_hash, note) values ($1, $2, $3)
      on conflict (size) do nothing""";

  private final Pool pool;
  private final AuditStore store;
  private final NoteSigner signer;
  private final AuditConfig config;
  private final Rounds rounds;

  public Checkpointer(Vertx vertx, Pool pool, AuditStore store, NoteSigner signer, AuditConfig config) {
    this.pool = requireNonNull(pool, "pool is null");
    this.store = requireNonNull(store, "store is null");
    this.signer = requireNonNull(signer, "signer is null");
    this.config = requireNonNull(config, "config is null");
    this.rounds = new Rounds(requireNonNull(vertx, "vertx is null"), config.checkpointInterval(), this::round);
  }

  /** Starts signing every interval; does nothing if already started. */
  public void start() {
    rounds.start();
  }


  /** Stops the periodic signing; a checkpoint being written still completes. */
  public void stop() {
    rounds.stop();
  }


  /**
   * Signs and stores a checkpoint of the current tree if it is larger than the last published
   * one; empty when it is not, or when another instance stored that size first.
   */
  public Future<Optional<StoredCheckpoint>> checkpointNow() {
    return pool.query(GROWTH).execute().compose(rows -> {
      Row row = rows.iterator().next();
      long size = row.getLong(0);
      long published = row.getLong(1);
      if (size <= published) {
        return Future.succeededFuture(Optional.empty());
      }
      return store.rootHash(size).compose(root -> publish(size, root));
    });
  }

  private Future<Optional<StoredCheckpoint>> publish(long size, Sha256Hash root) {
    String note = Checkpoint.of(config.origin(), size, root).sign(signer).encode();
    Tuple values = Tuple.of(size, Buffer.buffer(root.raw()), note);
    return pool.preparedQuery(INSERT).execute(values).map(rows -> rows.rowCount() == 1
        ? Optional.of(new StoredCheckpoint(size, root, note))
        : Optional.<StoredCheckpoint>empty());
  }

  private Future<?> round() {
    return checkpointNow()
        .onSuccess(published -> published.ifPresent(checkpoint ->
            LOG.debug("Published the audit checkpoint of size {}", checkpoint.size())))
        .onFailure(failure -> LOG.warn("Could not publish an audit checkpoint: {}", failure.toString()));
  }
}
