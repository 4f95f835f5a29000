package org.consentgateway.wiring;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.EmbeddedPostgres;
import org.consentgateway.db.Migrations;
import org.consentgateway.wiring.HostileAnswers.Finding;
import org.consentgateway.wiring.HostileRequests.Hostile;

/**
 * The long fuzz run (bench/fuzz.sh), not a test: HostileRequestsTest's generator and judge for
 * minutes on a fresh embedded PostgreSQL. Prints what it sent, every broken rule with a count and
 * its first example, and the HTTP server's metric series before and after; exits 1 when any rule
 * broke. Arguments:
 * {@code DATA_DIR [minutes] [seed]}; the data folder is left for the caller to delete.
 */
public final class HostileRequestsBench {

  private static final int SILENCE_MILLIS = 10_000;
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

  private HostileRequestsBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: HostileRequestsBench DATA_DIR [minutes] [seed]");
    }
    Path dir = Path.of(args[0]);
    Duration length = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 10);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    int port = Integer.parseInt(System.getenv().getOrDefault("FUZZ_BENCH_PORT", "54397"));
    boolean clean;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir.resolve("postgres"), port)) {
      DatabaseCoordinates db = postgres.coordinates();
      Migrations.migrate(db);
      java.nio.file.Files.createDirectories(dir.resolve("world"));
      try (HostileWorld world = HostileWorld.open(db, dir.resolve("world"), Map.of())) {
        clean = run(world, length, seed);
      }
    }
    System.exit(clean ? 0 : 1);
  }

  private static boolean run(HostileWorld world, Duration length, long seed) throws Exception {
    int port = world.gateway.port();
    HostileRequests requests = world.requests(seed);
    Map<String, Long> counts = new TreeMap<>();
    Map<String, Finding> examples = new TreeMap<>();
    long sent = 0;
    long serverErrors = 0;
    long seriesAtStart = -1;
    long start = System.nanoTime();
    long deadline = start + length.toNanos();
    long nextProgress = start + PROGRESS_EVERY.toNanos();
    System.out.printf("== fuzzing for %s with seed %d (%d operations)%n", length, seed, world.contract.all().size());
    while (System.nanoTime() < deadline) {
      Hostile request = requests.next();
      RawExchange.Answer answer = RawExchange.send(port, request.bytes(), SILENCE_MILLIS);
      sent++;
      serverErrors += answer.status() >= 500 ? 1 : 0;
      for (Finding finding : HostileAnswers.check(request, answer)) {
        String key = finding.rule() + "/" + finding.request().kind();
        counts.merge(key, 1L, Long::sum);
        examples.putIfAbsent(key, finding);
      }
      if (sent == 1_000) {
        seriesAtStart = httpSeries(scrape(port));
      }
      if (System.nanoTime() >= nextProgress) {
        System.out.printf("%,d requests, %,d answered 5xx, %d rules broken%n", sent, serverErrors, counts.size());
        nextProgress += PROGRESS_EVERY.toNanos();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("== %,d requests in %.0f s (%.0f/s), %,d answered 5xx%n", sent, seconds, sent / seconds, serverErrors);
    String scrape = scrape(port);
    // More series at the end are new (route, method, status) combinations, bounded by the
    // templates, the methods and the statuses; a label value from the client would be unbounded.
    System.out.printf("HTTP server metric series: %d after the first 1,000 requests, %d at the end; label values: method %s, code %s,"
        + " route: %d values%n", seriesAtStart, httpSeries(scrape), HostileRequestsTest.labelValues(scrape, "method"),
        HostileRequestsTest.labelValues(scrape, "code"), HostileRequestsTest.labelValues(scrape, "route").size());
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      System.out.printf("%s x%,d%n  first: %s%n", count.getKey(), count.getValue(), examples.get(count.getKey()));
    }
    System.out.println(counts.isEmpty() ? "== no rule broken" : "== RULES BROKEN");
    return counts.isEmpty();
  }

  private static String scrape(int port) throws Exception {
    return RawExchange.send(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII), SILENCE_MILLIS).body();
  }

  private static long httpSeries(String scrape) {
    return scrape.lines().filter(line -> line.startsWith("vertx_http_server")).count();
  }
}
