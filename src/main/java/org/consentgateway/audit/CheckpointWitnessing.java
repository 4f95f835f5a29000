package org.consentgateway.audit;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.consentgateway.db.Rounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the configured witnesses to cosign the latest checkpoint (C2SP tlog-witness), each with the
 * consistency proof from the size it last cosigned, and stores the cosignatures that verify. A
 * witness that answers 409 holds another size: the next request starts from it (another gateway
 * on the same database may have fed it). One that fails or cannot be reached is asked again after
 * 1, 2, 4 … 60 s. Runs every checkpoint interval, one round at a time; never blocks.
 */
public final class CheckpointWitnessing {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointWitnessing.class);

  static final String SIZE_METRIC = "gateway_witness_cosigned_size";
  static final String AGE_METRIC = "gateway_witness_cosigned_age_seconds";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** What the gateway knows of one witness. */
  private static final class Known {
    final AtomicLong size = new AtomicLong(-1); // -1: not read from the database yet
    final AtomicLong cosignedAtSecond = new AtomicLong(-1);
    volatile Instant nextAttempt = Instant.EPOCH;
    volatile Duration backoff = Duration.ZERO;
    volatile boolean failing;
  }

  private final AuditStore store;
  private final Cosignatures cosignatures;
  private final WitnessConfig config;
  private final Duration interval;
  private final Clock clock;
  private final WebClient client;
  private final Map<String, Known> known = new ConcurrentHashMap<>();
  private final Rounds rounds;

  public CheckpointWitnessing(Vertx vertx, AuditStore store, Cosignatures cosignatures, WitnessConfig config, Duration interval,
      Clock clock, MeterRegistry metrics) {
    requireNonNull(vertx, "vertx is null");
    this.store = requireNonNull(store, "store is null");
    this.cosignatures = requireNonNull(cosignatures, "cosignatures is null");
    this.config = requireNonNull(config, "config is null");
    this.interval = requireNonNull(interval, "interval is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.rounds = new Rounds(vertx, interval, this::witnessNow);
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) REQUEST_TIMEOUT.toMillis())
        .setIdleTimeout(30).setFollowRedirects(false));
    for (WitnessConfig.Witness witness : config.witnesses()) {
      Known state = new Known();
      known.put(witness.key().name(), state);
      Gauge.builder(SIZE_METRIC, state.size, size -> Math.max(0, size.get()))
          .description("The largest checkpoint size this witness has cosigned, as the gateway knows it")
          .tag("witness", witness.key().name()).register(metrics);
      Gauge.builder(AGE_METRIC, state.cosignedAtSecond, at -> at.get() < 0 ? Double.NaN : clock.instant().getEpochSecond() - at.get())
          .description("Seconds since this witness last cosigned a checkpoint for this gateway (NaN: not since start)")
          .tag("witness", witness.key().name()).register(metrics);
    }
  }

  /** Starts asking every interval; does nothing without witnesses or if already started. */
  public void start() {
    if (!config.isEmpty()) {
      rounds.start();
    }
  }


  public void stop() {
    rounds.stop();
  }


  /** One round: each witness that is due is sent the latest checkpoint. Completes when all have answered. */
  public Future<Void> witnessNow() {
    return knownSizes().compose(ready -> store.latestCheckpoint()).compose(latest -> {
      if (latest.isEmpty()) {
        return Future.succeededFuture();
      }
      List<Future<Void>> rounds = new ArrayList<>();
      Instant now = clock.instant();
      for (WitnessConfig.Witness witness : config.witnesses()) {
        Known state = known.get(witness.key().name());
        if (state.size.get() < latest.get().size() && !now.isBefore(state.nextAttempt)) {
          rounds.add(send(witness, state, latest.get(), true));
        }
      }
      return Future.join(rounds).<Void>mapEmpty().recover(failure -> Future.succeededFuture());
    }).recover(failure -> {
      LOG.warn("Could not ask the witnesses to cosign: {}", failure.toString());
      return Future.succeededFuture();
    });
  }

  // The sizes stored in the database, read once: a restart resumes where the witnesses are.
  private Future<Void> knownSizes() {
    if (known.values().stream().noneMatch(state -> state.size.get() < 0)) {
      return Future.succeededFuture();
    }
    return cosignatures.lastCosigned().map(sizes -> {
      known.forEach((name, state) -> state.size.compareAndSet(-1, sizes.getOrDefault(name, 0L)));
      return null;
    });
  }

  private Future<Void> send(WitnessConfig.Witness witness, Known state, StoredCheckpoint checkpoint, boolean mayResend) {
    long from = state.size.get();
    Future<List<Sha256Hash>> proof = from == 0 || from >= checkpoint.size()
        ? Future.succeededFuture(List.of())
        : store.consistencyProof(from, checkpoint.size());
    return proof.compose(hashes -> client.postAbs(witness.addCheckpoint().toString())
            .timeout(REQUEST_TIMEOUT.toMillis())
            .sendBuffer(Buffer.buffer(body(from, hashes, checkpoint))))
        .compose(response -> answered(witness, state, checkpoint, response, mayResend))
        .recover(failure -> {
          failed(witness, state, failure.toString());
          return Future.succeededFuture();
        });
  }

  private static String body(long from, List<Sha256Hash> proof, StoredCheckpoint checkpoint) {
    StringBuilder body = new StringBuilder("old ").append(from).append('\n');
    proof.forEach(hash -> body.append(hash.base64()).append('\n'));
    return body.append('\n').append(checkpoint.note()).toString();
  }

  private Future<Void> answered(WitnessConfig.Witness witness, Known state, StoredCheckpoint checkpoint,
      HttpResponse<Buffer> response, boolean mayResend) {
    String text = response.body() == null ? "" : response.body().toString(StandardCharsets.UTF_8);
    if (response.statusCode() == 200) {
      return cosigned(witness, state, checkpoint, text);
    }
    if (response.statusCode() == 409 && "text/x.tlog.size".equals(contentType(response))) {
      long held;
      try {
        held = Long.parseLong(text.strip());
      } catch (NumberFormatException e) {
        failed(witness, state, "409 without a size");
        return Future.succeededFuture();
      }
      if (held == checkpoint.size() && state.size.get() == held) {
        // It holds this size with another root: a fork of this log, or a witness that lies.
        failed(witness, state, "it holds another tree of size " + held + ": a fork of the log?");
        LOG.error("Witness {} refuses the checkpoint of size {}: it cosigned another root for that size", witness.key().name(), held);
        return Future.succeededFuture();
      }
      state.size.set(held);
      // At most one resend a round: from the size it holds, when that is not beyond ours.
      return mayResend && held <= checkpoint.size() ? send(witness, state, checkpoint, false) : Future.succeededFuture();
    }
    failed(witness, state, "HTTP " + response.statusCode() + " " + text.lines().findFirst().orElse(""));
    return Future.succeededFuture();
  }

  private Future<Void> cosigned(WitnessConfig.Witness witness, Known state, StoredCheckpoint checkpoint, String lines) {
    Optional<SignedNote> note;
    try {
      note = Optional.of(SignedNote.parse(checkpoint.note() + lines));
    } catch (AuditFormatException e) {
      note = Optional.empty();
    }
    byte[] text = checkpoint.signedNote().textBytes();
    // Each line verified once: the first of the witness's key that verifies, with its time.
    Optional<Map.Entry<NoteSignature, Instant>> verified = note.flatMap(parsed -> parsed.signatures().stream()
        .flatMap(signature -> witness.key().cosignedAt(text, signature).map(at -> Map.entry(signature, at)).stream())
        .findFirst());
    if (verified.isEmpty()) {
      failed(witness, state, "its answer holds no cosignature that verifies with its key");
      return Future.succeededFuture();
    }
    Instant at = verified.get().getValue();
    return cosignatures.record(checkpoint.size(), witness.key().name(), verified.get().getKey(), at).map(stored -> {
      state.size.set(checkpoint.size());
      state.cosignedAtSecond.set(at.getEpochSecond());
      if (state.failing) {
        LOG.info("Witness {} cosigns again (checkpoint of size {})", witness.key().name(), checkpoint.size());
      }
      state.failing = false;
      state.backoff = Duration.ZERO;
      state.nextAttempt = Instant.EPOCH;
      return null;
    });
  }

  private void failed(WitnessConfig.Witness witness, Known state, String why) {
    Duration backoff = state.backoff.isZero() ? Duration.ofSeconds(1) : state.backoff.multipliedBy(2);
    state.backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    state.nextAttempt = clock.instant().plus(state.backoff);
    if (!state.failing) {
      LOG.warn("Witness {} did not cosign: {}; asking again with back-off", witness.key().name(), why);
    }
    state.failing = true;
  }

  private static String contentType(HttpResponse<Buffer> response) {
    String type = response.getHeader("Content-Type");
    return type == null ? "" : type.split(";")[0].strip();
  }

  /** Closes the HTTP client. */
  public void close() {
    stop();
    client.close();
  }
}
