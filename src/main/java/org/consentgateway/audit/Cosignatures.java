package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Witnesses' cosignatures of the stored checkpoints (table {@code audit_cosignatures}): stored once
 * verified, and the public checkpoint, the largest one a quorum of the configured witnesses has
 * cosigned, served with their lines after the log's own. Thread-safe; never blocks.
 */
public final class Cosignatures {

  private static final String RECORD = """
      insert into audit_cosignatures (size, witness, line, cosigned_at) values ($1, $2, $3, $4)
      on conflict (size, witness) do nothing""";
  private static final String LAST_COSIGNED = "select witness, max(size) from audit_cosignatures group by witness";
  // One row per witness, its largest size, through the (witness, size desc) index.
  private static final String PROGRESS = """
      select distinct on (witness) witness, size, cosigned_at from audit_cosignatures order by witness, size desc""";
  // Walks the checkpoints down from the largest and stops at the first with a quorum: the
  // latest is usually cosigned within a second, so few rows are looked at.
  private static final String LATEST_WITNESSED = """
      select c.size, c.root_hash, c.note || (select string_agg(w.line || E'\\n', '' order by w.witness)
                                              from audit_cosignatures w
                                             where w.size = c.size and w.witness = any($1))
        from audit_checkpoints c
       where (select count(*) from audit_cosignatures w where w.size = c.size and w.witness = any($1)) >= $2
       order by c.size desc limit 1""";

  private final Pool pool;

  public Cosignatures(Pool pool) {
    this.pool = requireNonNull(pool, "pool is null");
  }

  /** Stores a verified cosignature line (without its newline) of the checkpoint of {@code size}. */
  public Future<Void> record(long size, String witness, NoteSignature line, Instant cosignedAt) {
    return pool.preparedQuery(RECORD)
        .execute(Tuple.of(size, witness, line.line().stripTrailing(), OffsetDateTime.ofInstant(cosignedAt, ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** The largest checkpoint size each witness has a stored cosignature of. */
  public Future<Map<String, Long>> lastCosigned() {
    return pool.query(LAST_COSIGNED).execute().map(rows -> {
      Map<String, Long> sizes = new HashMap<>();
      for (Row row : rows) {
        sizes.put(row.getString(0), row.getLong(1));
      }
      return Map.copyOf(sizes);
    });
  }

  /** Each witness with a stored cosignature: its largest cosigned size and when it was received. Any gateway on the database. */
  public Future<List<WitnessProgress>> progress() {
    return pool.query(PROGRESS).execute().map(rows -> {
      List<WitnessProgress> progress = new ArrayList<>(rows.size());
      for (Row row : rows) {
        progress.add(new WitnessProgress(row.getString(0), row.getLong(1), row.getOffsetDateTime(2).toInstant()));
      }
      return List.copyOf(progress);
    });
  }

  /** The largest checkpoint cosigned by at least {@code quorum} of {@code witnesses}, their lines appended. */
  public Future<Optional<StoredCheckpoint>> latestWitnessed(Set<String> witnesses, int quorum) {
    return pool.preparedQuery(LATEST_WITNESSED)
        .execute(Tuple.of(witnesses.toArray(String[]::new), quorum))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new StoredCheckpoint(row.getLong(0), Sha256Hash.of(row.getBuffer(1).getBytes()), row.getString(2)));
        });
  }
}
