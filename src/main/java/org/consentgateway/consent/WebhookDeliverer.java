package org.consentgateway.consent;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs the outbox {@code consent_notifications} to the institutions' webhooks, once a second: the
 * due undelivered rows, a small batch at a time, locked {@code for update skip locked} so gateways
 * sharing a database never send one row twice at once. A 2xx marks the row delivered; anything
 * else (status, timeout, refused connection) counts an attempt and schedules the next one after
 * 1 s, 2 s, 4 s … capped at 5 min. After {@value #MAX_ATTEMPTS} attempts the row is left alone (kept).
 */
public final class WebhookDeliverer {

  static final int MAX_ATTEMPTS = 10;
  static final long MAX_BACKOFF_SECONDS = 300;
  private static final long PERIOD_MILLIS = 1_000;
  private static final long TIMEOUT_MILLIS = 5_000;
  private static final int BATCH = 20;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);

  private final Vertx vertx;
  private final Pool pool;
  private final WebClient client;
  private final AtomicBoolean busy = new AtomicBoolean();
  private long timer = -1;

  public WebhookDeliverer(Vertx vertx, Pool pool) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.pool = requireNonNull(pool, "pool is null");
    this.client = WebClient.create(vertx);
  }

  public synchronized void start() {
    if (timer < 0) {
      timer = vertx.setPeriodic(PERIOD_MILLIS, id -> tick());
    }
  }

  public synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    client.close();
  }

  /** Delay before attempt {@code attempts + 1}, after {@code attempts} failed ones (at least one). */
  static long backoffSeconds(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 20);
    return Math.min(1L << doublings, MAX_BACKOFF_SECONDS);
  }

  // One batch at a time per gateway: a slow webhook delays the next tick instead of piling up.
  private void tick() {
    if (!busy.compareAndSet(false, true)) {
      return;
    }
    deliverDue().onComplete(done -> {
      busy.set(false);
      if (done.failed()) {
        LOG.warn("webhook delivery round failed: {}", done.cause().toString());
      }
    });
  }

  Future<Void> deliverDue() {
    return pool.withTransaction(tx -> tx
        .preparedQuery("select id, url, event_jws, attempts from consent_notifications "
            + "where delivered_at is null and attempts < $1 and next_attempt_at <= now() "
            + "order by next_attempt_at, id limit $2 for update skip locked")
        .execute(Tuple.of(MAX_ATTEMPTS, BATCH))
        .compose(rows -> {
          List<Future<Void>> sent = new ArrayList<>();
          rows.forEach(row -> sent.add(deliver(tx, row)));
          return Future.join(sent).<Void>mapEmpty();
        }));
  }

  private Future<Void> deliver(SqlConnection tx, Row row) {
    long id = row.getLong("id");
    int attempts = row.getInteger("attempts") + 1;
    return post(row.getString("url"), row.getString("event_jws")).compose(delivered -> {
      if (delivered) {
        return tx.preparedQuery("update consent_notifications set delivered_at = now(), attempts = $2 where id = $1")
            .execute(Tuple.of(id, attempts)).<Void>mapEmpty();
      }
      if (attempts >= MAX_ATTEMPTS) {
        LOG.warn("giving up on consent notification {} after {} attempts", id, attempts);
      }
      return tx.preparedQuery("update consent_notifications set attempts = $2, "
              + "next_attempt_at = now() + $3::int * interval '1 second' where id = $1")
          .execute(Tuple.of(id, attempts, (int) backoffSeconds(attempts))).<Void>mapEmpty();
    });
  }

  /** True on a 2xx answer; false on any other answer or failure. */
  private Future<Boolean> post(String url, String jws) {
    try {
      return client.postAbs(url)
          .timeout(TIMEOUT_MILLIS)
          .putHeader("content-type", "application/jwt")
          .sendBuffer(Buffer.buffer(jws))
          .map(response -> response.statusCode() / 100 == 2)
          .recover(failure -> {
            LOG.info("webhook {} not reached: {}", url, failure.toString());
            return Future.succeededFuture(false);
          });
    } catch (RuntimeException e) {
      LOG.info("webhook {} not usable: {}", url, e.toString());
      return Future.succeededFuture(false);
    }
  }
}
