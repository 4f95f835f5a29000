package org.consentgateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.IdentityConfig;

/**
 * The consent lifecycle of bench/query-load.sh, not a test: against a running gateway, K consents
 * made as an institution and its citizens would (the bank asks, the citizen approves, the bank
 * fetches the consent token), {@code inFlight} consents under way at once, timed in calls/s (three
 * calls per consent). Writes one line per consent, {@code <access token> TAB <consent token>}, for
 * the query load. Arguments:
 * {@code BASE_URL ISSUER SUBJECTS_JSONL CONSENTS IN_FLIGHT PURPOSE BANK_USCC OUT_FILE [SERVER_PID POSTGRES_PID]}; with
 * the two process ids it also prints the CPU the server JVM, PostgreSQL (the postmaster and every
 * backend) and this load generator used over the timed part, in cores and in milliseconds per call.
 */
public final class ConsentLifecycleLoad {

  private static final Path KEYS = Path.of("keys-example");

  /**
   * The calls go out on one Vert.x event loop over keep-alive connections, one per consent under
   * way: the JDK's HttpClient cost as much CPU a call as the gateway answering it, on the same cores.
   */
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final io.vertx.core.http.HttpClient http;
  private final URI base;
  private final String purpose;
  private final String bankToken;
  private final PrivateKey idpKey;
  /** One citizen token per subject, signed once: a citizen signs in once and approves many. */
  private final ConcurrentHashMap<String, String> citizenTokens = new ConcurrentHashMap<>();

  private ConsentLifecycleLoad(String base, String purpose, String bankToken, PrivateKey idpKey, int inFlight) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(inFlight));
    this.base = URI.create(base);
    this.purpose = purpose;
    this.bankToken = bankToken;
    this.idpKey = idpKey;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 8 && args.length != 10) {
      throw new IllegalArgumentException("usage: ConsentLifecycleLoad BASE_URL ISSUER SUBJECTS_JSONL CONSENTS IN_FLIGHT PURPOSE "
          + "BANK_USCC OUT_FILE [SERVER_PID POSTGRES_PID]");
    }
    Optional<CpuMeter> cpu = args.length == 10
        ? Optional.of(CpuMeter.of(new CpuMeter.Measured("server", Long.parseLong(args[8]), false),
            new CpuMeter.Measured("PostgreSQL", Long.parseLong(args[9]), true),
            new CpuMeter.Measured("load generator", ProcessHandle.current().pid(), false)))
        : Optional.empty();
    String base = args[0];
    List<String> subjects = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank())
        .map(line -> new JsonObject(line).getString("idNumber")).toList();
    int consents = Integer.parseInt(args[3]);
    int inFlight = Integer.parseInt(args[4]);
    String bankToken = accessToken(base, args[1], args[6], PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem")));
    ConsentLifecycleLoad load = new ConsentLifecycleLoad(base, args[5], bankToken,
        PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem")), inFlight);
    // Citizens sign in before the clock starts: their identity provider's signatures are not the gateway's work.
    subjects.forEach(load::citizenToken);
    String[] tokens = new String[consents];
    // An untimed warm-up at a quarter of the concurrency: a cold JVM's first seconds are not the lifecycle's speed.
    int warmUp = Math.min(consents / 4, 2 * inFlight);
    load.make(subjects, tokens, 0, warmUp, Math.max(1, inFlight / 4));
    Optional<double[]> cpuBefore = cpu.map(CpuMeter::seconds);
    long start = System.nanoTime();
    int failures = load.make(subjects, tokens, warmUp, consents, inFlight);
    double seconds = (System.nanoTime() - start) / 1e9;
    int timed = consents - warmUp;
    String used = cpu.map(meter -> "; " + meter.describe(cpuBefore.orElseThrow(), seconds, 3 * timed, "a call")).orElse("");
    System.out.printf("consent lifecycle: %,d consents (request, approve, token; %,d more before, untimed) over %,d subjects, "
        + "%d in flight: %.1f s, %,.0f calls/s (%,.0f consents/s), %d failed%s%n", timed, warmUp, subjects.size(), inFlight, seconds,
        3 * timed / seconds,
        timed / seconds, failures, used);
    // Failed ones (counted above) are made again, one at a time, so that the query load has all K.
    for (int i = 0; i < consents; i++) {
      if (tokens[i] == null) {
        tokens[i] = load.lifecycle(subjects.get(i % subjects.size())).join();
      }
    }
    List<String> lines = new ArrayList<>();
    for (String token : tokens) {
      lines.add(bankToken + "\t" + token);
    }
    Files.write(Path.of(args[7]), lines);
    load.vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  /** Consents {@code from} (inclusive) to {@code to} into {@code tokens}, {@code inFlight} at once; the number that failed. */
  private int make(List<String> subjects, String[] tokens, int from, int to, int inFlight) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    AtomicInteger failures = new AtomicInteger();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int index = i;
      slots.acquire();
      all.add(lifecycle(subjects.get(i % subjects.size())).handle((token, failure) -> {
        if (failure != null) {
          if (failures.getAndIncrement() == 0) {
            System.err.println("a consent lifecycle failed (" + (from == 0 ? "warm-up" : "timed")
                + "; later ones are only counted): " + failure.getMessage());
          }
        } else {
          tokens[index] = token;
        }
        slots.release();
        return null;
      }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
    return failures.get();
  }

  private String citizenToken(String idNumber) {
    return citizenTokens.computeIfAbsent(idNumber, id -> DevTokens.citizenToken(id, IdentityConfig.DEFAULT_IDP_ISSUER,
        IdentityConfig.DEFAULT_IDP_AUDIENCE, idpKey, Instant.now(), Duration.ofHours(2)));
  }

  /** Request, approve, fetch: the consent token. */
  private CompletableFuture<String> lifecycle(String idNumber) {
    String request = new JsonObject().put("subjectIdNumber", idNumber).put("purpose", purpose).put("grade", "DETAIL")
        .put("validDays", 30).put("maxUses", 1_000_000).encode();
    return send(HttpMethod.POST, "/v1/consent-requests", bankToken, request, 201)
        .compose(created -> {
          String id = new JsonObject(created).getString("id");
          return send(HttpMethod.POST, "/v1/me/consent-requests/" + id + "/approve", citizenToken(idNumber),
              "{\"confirmSensitive\":true}", 201)
              .compose(approved -> send(HttpMethod.GET, "/v1/consent-requests/" + id, bankToken, null, 200));
        })
        .map(fetched -> new JsonObject(fetched).getString("consentToken"))
        .toCompletionStage().toCompletableFuture();
  }

  /** The answer's body; fails unless the status is {@code status}. {@code body} null sends none. */
  private Future<String> send(HttpMethod method, String path, String bearer, String body, int status) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost(base.getHost()).setPort(base.getPort()).setURI(path)
        .putHeader("Authorization", "Bearer " + bearer);
    if (body != null) {
      options.putHeader("Content-Type", "application/json");
    }
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(answer -> {
          if (response.statusCode() != status) {
            throw new IllegalStateException(path + ": expected " + status + ", got " + response.statusCode() + ": " + answer);
          }
          return answer.toString();
        }));
  }

  private static String accessToken(String base, String issuer, String uscc, PrivateKey key) throws Exception {
    String form = "grant_type=client_credentials&client_assertion_type="
        + URLEncoder.encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", StandardCharsets.UTF_8)
        + "&client_assertion=" + URLEncoder.encode(DevTokens.clientAssertion(uscc, issuer, key, Instant.now()), StandardCharsets.UTF_8);
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("no access token: " + response.statusCode() + " " + response.body());
    }
    return new JsonObject(response.body()).getString("access_token");
  }
}
