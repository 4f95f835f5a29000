package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL connection of its own LISTENing on a channel, for as long as it is open. When the
 * connection is lost it tells its {@link Subscriber} at once and connects again, waiting
 * {@link #FIRST_RETRY} and then twice as long each time, at most {@link #LONGEST_RETRY}. A
 * notification sent while nobody was listening is lost for good, which is why the subscriber hears
 * both of the loss and of the listening again. A connection whose server stops answering without
 * closing it (a network that drops packets, a frozen server) is found by a heartbeat: a
 * {@code select 1} every {@link #HEARTBEAT} that must answer within as long, else the connection
 * counts as lost and is closed.
 *
 * <p>Non-blocking; the subscriber is called on the connection's Vert.x thread. Thread-safe.
 */
public final class ChannelListener implements AutoCloseable {

  public static final Duration FIRST_RETRY = Duration.ofMillis(100);
  public static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
  public static final Duration HEARTBEAT = Duration.ofSeconds(1);

  /** What hears of the channel. */
  public interface Subscriber {

    /** LISTEN has taken effect: from now on every notification on the channel arrives. */
    void listening();

    /** A notification on the channel, with its payload. */
    void notified(String payload);

    /** The connection is gone: notifications may be missed until {@link #listening()} again. */
    void lost();
  }

  private static final Logger LOG = LoggerFactory.getLogger(ChannelListener.class);
  /** The application_name of the session listening on {@code channel}. */
  public static String applicationName(String channel) {
    return "consent-gateway listening on " + channel;
  }

  /** A channel is written into LISTEN as it is: only plain lower-case identifiers. */
  private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final String channel;
  private final Subscriber subscriber;
  /** Guarded by this. */
  private PgConnection connection;
  private long retryTimer = -1;
  private long heartbeatTimer = -1;
  private Duration nextRetry = FIRST_RETRY;
  private boolean closed;

  private ChannelListener(Vertx vertx, PgConnectOptions options, String channel, Subscriber subscriber) {
    this.vertx = vertx;
    this.options = options;
    this.channel = channel;
    this.subscriber = subscriber;
  }

  /** Starts listening on {@code channel} of {@code database}; the subscriber hears {@code listening()} once it does. */
  public static ChannelListener start(Vertx vertx, DatabaseCoordinates database, PoolTimeouts timeouts, String channel,
      Subscriber subscriber) {
    requireNonNull(vertx, "vertx is null");
    requireNonNull(subscriber, "subscriber is null");
    if (!CHANNEL.matcher(channel).matches()) {
      throw new IllegalArgumentException("channel must be a lower-case identifier, was " + channel);
    }
    // Keep-alive: a server that vanishes without closing the socket is still noticed, if late.
    PgConnectOptions options = ReactiveDatabase.connectOptions(database, timeouts).setTcpKeepAlive(true);
    // Named, so an operator (or a test) can tell the listening sessions in pg_stat_activity.
    options.addProperty("application_name", applicationName(channel));
    ChannelListener listener = new ChannelListener(vertx, options, channel, subscriber);
    listener.connect();
    return listener;
  }

  private void connect() {
    PgConnection.connect(vertx, options).onComplete(connected -> {
      if (connected.failed()) {
        LOG.debug("could not connect to listen on {}: {}", channel, connected.cause().toString());
        retryLater();
        return;
      }
      PgConnection opened = connected.result();
      synchronized (this) {
        if (closed) {
          opened.close();
          return;
        }
        connection = opened;
      }
      opened.notificationHandler(notification -> {
        if (channel.equals(notification.getChannel())) {
          subscriber.notified(notification.getPayload());
        }
      });
      opened.exceptionHandler(failure -> LOG.debug("the connection listening on {} failed: {}", channel, failure.toString()));
      opened.closeHandler(nothing -> lost(opened));
      opened.query("LISTEN " + channel).execute().onComplete(listened -> {
        if (listened.failed()) {
          LOG.warn("could not listen on {}: {}", channel, listened.cause().toString());
          opened.close();
          return;
        }
        synchronized (this) {
          if (connection != opened) {
            return;
          }
          nextRetry = FIRST_RETRY;
        }
        LOG.info("listening on {}", channel);
        subscriber.listening();
        beat(opened);
      });
    });
  }

  /** Asks {@code opened} for a sign of life every {@link #HEARTBEAT}; no answer in time is a loss. */
  private void beat(PgConnection opened) {
    synchronized (this) {
      if (connection != opened) {
        return;
      }
      heartbeatTimer = vertx.setTimer(HEARTBEAT.toMillis(), timer -> {
        AtomicBoolean answered = new AtomicBoolean();
        long deadline = vertx.setTimer(HEARTBEAT.toMillis(), late -> {
          if (answered.compareAndSet(false, true)) {
            LOG.debug("the connection listening on {} did not answer its heartbeat", channel);
            lost(opened);
            opened.close();
          }
        });
        opened.query("select 1").execute().onComplete(result -> {
          vertx.cancelTimer(deadline);
          if (answered.compareAndSet(false, true)) {
            if (result.succeeded()) {
              beat(opened);
            } else {
              lost(opened);
              opened.close();
            }
          }
        });
      });
    }
  }

  private void lost(PgConnection gone) {
    synchronized (this) {
      if (connection != gone) {
        return;
      }
      connection = null;
      if (heartbeatTimer != -1) {
        vertx.cancelTimer(heartbeatTimer);
        heartbeatTimer = -1;
      }
    }
    subscriber.lost();
    if (!isClosed()) {
      LOG.warn("the connection listening on {} was lost; connecting again", channel);
      retryLater();
    }
  }

  private void retryLater() {
    synchronized (this) {
      if (closed) {
        return;
      }
      Duration wait = nextRetry;
      nextRetry = nextRetry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : nextRetry.multipliedBy(2);
      retryTimer = vertx.setTimer(wait.toMillis(), timer -> {
        synchronized (this) {
          retryTimer = -1;
        }
        connect();
      });
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Stops listening and connecting again; the subscriber hears {@code lost()} if it was listening. */
  @Override
  public void close() {
    PgConnection open;
    synchronized (this) {
      closed = true;
      if (retryTimer != -1) {
        vertx.cancelTimer(retryTimer);
        retryTimer = -1;
      }
      if (heartbeatTimer != -1) {
        vertx.cancelTimer(heartbeatTimer);
        heartbeatTimer = -1;
      }
      open = connection;
    }
    if (open != null) {
      open.close();
    }
  }
}
