package org.consentgateway.bench;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.consentgateway.consent.ConsentUses;

/**
 * The bare baseline of bench/query-load.sh, not a test: a minimal Vert.x + PostgreSQL server that
 * does, for each {@code POST /v1/queries}, the database round trips the gateway's query does, with
 * the same statements, and answers a fixed JSON body. It tells how close the gateway comes to what
 * its database work allows. No signature is checked, nothing is decrypted, nothing is hashed: the
 * consent id and subject come from the consent token's payload, read without verifying it.
 *
 * <p>The statements are copied (it is a bench) and must follow the gateway's:
 * <ol>
 *   <li>no institution: the gateway serves its registration from {@code identity.RegistryCache};
 *   <li>taking a use: {@code consent.ConsentUses#take}, one call of {@code take_consent_use} (migration V11);
 *   <li>the records: {@code records.RecordStore#creditFile} (one statement) beside
 *       {@code RecordStore#statements} and {@code dispute.DisputeStore#openRecordIds}, the three at once,
 *       as {@code query.NotedFiles#of} reads them;
 *   <li>one audit entry: appended in a batched transaction as {@code audit.BatchWriter#write} does (one
 *       appender at a time: begin, lock the head, write entries, subject index, tree nodes and head in one
 *       statement, commit). The entries go to copies of the audit tables in schema {@code bare}, so the
 *       gateway's own log stays whole.
 * </ol>
 * Arguments: {@code HTTP_PORT DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD POOL_SIZE EVENT_LOOPS}.
 */
public final class BareQueryBaseline {

  private static final String FIXED_ANSWER = "{\"queryId\":0,\"auditIndex\":0,\"grade\":\"SUMMARY\",\"report\":{\"accounts\":[]}}";

  // consent.ConsentUses#take: one call of the function V11 creates (the institution's registration is
  // cached in the gateway, so a query reads none).
  private static final String TAKE_USE = "select taken from take_consent_use($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
  // records.RecordStore#creditFile and #statements, dispute.DisputeStore#openRecordIds: one round of three, as query.NotedFiles.
  private static final String CREDIT_FILE = "select '0_SUBJECT' as part, null::uuid as id, identity as payload from subjects "
      + "where subject_ref = $1 union all select '1_ACCOUNT', id, payload from credit_accounts where subject_ref = $1 "
      + "union all select '2_PUBLIC_RECORD', id, payload from public_records where subject_ref = $1 order by part, id";
  private static final String STATEMENTS = "select record_id, statement from record_statements where subject_ref = $1";
  private static final String DISPUTED = "select record_id from disputes where subject_ref = $1 and status = 'OPEN'";
  // audit.BatchWriter, on the copies in schema bare.
  private static final String LOCK_HEAD = "select size, chain_hash from bare.audit_head where id = 1 for update";
  private static final String WRITE_BATCH = """
      with entries as (
        insert into bare.audit_entries (idx, entry, leaf_hash, chain_hash, recorded_at)
        select idx, entry, leaf_hash, chain_hash, $7
          from unnest($1::bigint[], $2::bytea[], $3::bytea[], $4::bytea[]) as batch(idx, entry, leaf_hash, chain_hash)),
      by_subject as (
        insert into bare.audit_subject_entries (subject_ref, idx, action)
        select subject_ref, idx, action from unnest($1::bigint[], $5::text[], $6::text[]) as batch(idx, subject_ref, action)
         where subject_ref is not null),
      nodes as (
        insert into bare.audit_tree_nodes (level, idx, hash)
        select * from unnest($8::int[], $9::bigint[], $10::bytea[]))
      update bare.audit_head set size = $11, chain_hash = $12 where id = 1 and size = $13""";
  private static final List<String> BARE_TABLES = List.of(
      "create schema if not exists bare",
      "create table if not exists bare.audit_entries (like public.audit_entries including all)",
      "create table if not exists bare.audit_subject_entries (like public.audit_subject_entries including all)",
      "create table if not exists bare.audit_tree_nodes (like public.audit_tree_nodes including all)",
      "create table if not exists bare.audit_head (like public.audit_head including all)",
      "insert into bare.audit_head (id, size, chain_hash) values (1, 0, decode(repeat('00', 32), 'hex')) on conflict do nothing");
  private static final int BATCH_MAX_ENTRIES = 512;

  public static void main(String[] args) throws Exception {
    if (args.length != 8) {
      throw new IllegalArgumentException("usage: BareQueryBaseline HTTP_PORT DB_HOST DB_PORT DB_NAME DB_USER DB_PASSWORD POOL_SIZE EVENT_LOOPS");
    }
    int httpPort = Integer.parseInt(args[0]);
    PgConnectOptions connect = new PgConnectOptions().setHost(args[1]).setPort(Integer.parseInt(args[2])).setDatabase(args[3])
        .setUser(args[4]).setPassword(args[5]).setCachePreparedStatements(true);
    int eventLoops = Integer.parseInt(args[7]);
    Vertx vertx = Vertx.vertx();
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(Integer.parseInt(args[6])).setShared(false))
        .connectingTo(connect).using(vertx).build();
    Future<Void> ready = Future.succeededFuture();
    for (String statement : BARE_TABLES) {
      ready = ready.compose(done -> pool.query(statement).execute().mapEmpty());
    }
    ready.toCompletionStage().toCompletableFuture().join();
    AuditBatcher audit = new AuditBatcher(pool);
    vertx.deployVerticle(() -> new Server(pool, audit, httpPort), new DeploymentOptions().setInstances(eventLoops))
        .toCompletionStage().toCompletableFuture().join();
    System.out.println("bare baseline listening on " + httpPort + " with " + eventLoops + " event loops");
  }

  /** One HTTP server instance per event loop, all on one port. */
  private static final class Server extends AbstractVerticle {
    private final Pool pool;
    private final AuditBatcher audit;
    private final int port;

    Server(Pool pool, AuditBatcher audit, int port) {
      this.pool = pool;
      this.audit = audit;
      this.port = port;
    }

    @Override
    public void start(Promise<Void> started) {
      vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> serve(request, body))
              .onFailure(failure -> request.response().setStatusCode(400).end()))
          .listen(port).<Void>mapEmpty().onComplete(started);
    }

    private void serve(HttpServerRequest request, Buffer body) {
      if (!"/v1/queries".equals(request.path())) {
        request.response().setStatusCode(404).end();
        return;
      }
      JsonObject claims = payload(body.toJsonObject().getString("consentToken"));
      UUID consentId = UUID.fromString(claims.getString("jti"));
      String subjectRef = claims.getString("sub");
      String institution = claims.getValue("aud") instanceof String single ? single : claims.getJsonArray("aud").getString(0);
      Instant now = Instant.now();
      takeUse(consentId, institution, subjectRef, claims.getString("purpose"), claims.getString("grade"), now)
          .compose(used -> readRecords(subjectRef))
          .compose(read -> audit.append(subjectRef))
          .onSuccess(index -> request.response().putHeader("Content-Type", "application/json").end(FIXED_ANSWER))
          .onFailure(failure -> request.response().setStatusCode(503).end(String.valueOf(failure)));
    }

    private Future<Void> takeUse(UUID consentId, String institution, String subjectRef, String purpose, String grade, Instant now) {
      ZonedDateTime local = now.atZone(ConsentUses.LIMIT_ZONE);
      OffsetDateTime dayStart = time(local.truncatedTo(ChronoUnit.DAYS).toInstant());
      OffsetDateTime monthStart = time(local.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).toInstant());
      return pool.preparedQuery(TAKE_USE).execute(Tuple.from(List.of(consentId, institution, subjectRef, purpose, grade,
          time(now), dayStart, monthStart, Integer.MAX_VALUE, Integer.MAX_VALUE))).mapEmpty();
    }

    private Future<Void> readRecords(String subjectRef) {
      Tuple ref = Tuple.of(subjectRef);
      return Future.all(pool.preparedQuery(CREDIT_FILE).execute(ref), pool.preparedQuery(STATEMENTS).execute(ref), pool.preparedQuery(DISPUTED).execute(ref)).mapEmpty();
    }
  }

  /**
   * Appends entries one batch at a time, like the gateway's AuditLog and BatchWriter: entries that
   * arrive while a batch is being written wait for the next one. Batching runs on one Vert.x context.
   */
  private static final class AuditBatcher {
    private static final byte[] HASH = new byte[32];
    private final Pool pool;
    private final List<Pending> queue = new ArrayList<>();
    private boolean writing;

    private record Pending(String subjectRef, Promise<Long> appended) {}

    AuditBatcher(Pool pool) {
      this.pool = pool;
    }

    Future<Long> append(String subjectRef) {
      Promise<Long> appended = Promise.promise();
      synchronized (this) {
        queue.add(new Pending(subjectRef, appended));
        if (writing) {
          return appended.future();
        }
        writing = true;
      }
      writeNext();
      return appended.future();
    }

    private void writeNext() {
      List<Pending> batch;
      synchronized (this) {
        if (queue.isEmpty()) {
          writing = false;
          return;
        }
        batch = new ArrayList<>(queue.subList(0, Math.min(queue.size(), BATCH_MAX_ENTRIES)));
        queue.subList(0, batch.size()).clear();
      }
      OffsetDateTime recordedAt = time(Instant.now());
      pool.withTransaction(tx -> tx.query(LOCK_HEAD).execute()
              .compose(rows -> insert(tx, rows.iterator().next().getLong(0), batch, recordedAt)))
          .onComplete(written -> {
            for (int i = 0; i < batch.size(); i++) {
              if (written.succeeded()) {
                batch.get(i).appended().complete(written.result() + i);
              } else {
                batch.get(i).appended().fail(written.cause());
              }
            }
            writeNext();
          });
    }

    private static Future<Long> insert(SqlConnection tx, long size, List<Pending> batch, OffsetDateTime recordedAt) {
      int n = batch.size();
      Long[] indexes = new Long[n];
      Buffer[] entries = new Buffer[n];
      Buffer[] hashes = new Buffer[n];
      String[] subjects = new String[n];
      String[] actions = new String[n];
      List<Integer> levels = new ArrayList<>();
      List<Long> nodeIndexes = new ArrayList<>();
      List<Buffer> nodeHashes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long index = size + i;
        indexes[i] = index;
        entries[i] = Buffer.buffer(entry(batch.get(i).subjectRef(), index));
        hashes[i] = Buffer.buffer(HASH);
        subjects[i] = batch.get(i).subjectRef();
        actions[i] = "query.allowed";
        // The tree nodes this leaf completes: the leaf, and each subtree it closes (about two per entry, as the gateway's).
        for (int level = 0; ((index + 1) & ((1L << level) - 1)) == 0 && level < 63; level++) {
          levels.add(level);
          nodeIndexes.add(((index + 1) >> level) - 1);
          nodeHashes.add(Buffer.buffer(HASH));
        }
      }
      Tuple values = Tuple.tuple().addArrayOfLong(indexes).addArrayOfBuffer(entries).addArrayOfBuffer(hashes)
          .addArrayOfBuffer(hashes).addArrayOfString(subjects).addArrayOfString(actions).addOffsetDateTime(recordedAt)
          .addArrayOfInteger(levels.toArray(Integer[]::new)).addArrayOfLong(nodeIndexes.toArray(Long[]::new))
          .addArrayOfBuffer(nodeHashes.toArray(Buffer[]::new)).addLong(size + n).addBuffer(Buffer.buffer(HASH)).addLong(size);
      return tx.preparedQuery(WRITE_BATCH).execute(values).map(rows -> size);
    }

    /** An entry of about the size of the gateway's query.allowed entries. */
    private static byte[] entry(String subjectRef, long index) {
      return ("{\"action\":\"query.allowed\",\"index\":" + index + ",\"actor\":\"91350100M000100Y43\",\"subject\":\"" + subjectRef
          + "\",\"at\":\"" + Instant.now() + "\",\"purpose\":\"BENCH\",\"grade\":\"SUMMARY\",\"consent\":\"" + UUID.randomUUID()
          + "\",\"disclosed\":[\"accounts\",\"publicRecords\"],\"outcome\":\"allowed\",\"hash\":\""
          + "0".repeat(64) + "\"}").getBytes(StandardCharsets.UTF_8);
    }
  }

  private static JsonObject payload(String jwt) {
    String[] parts = jwt.split("\\.");
    return new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
