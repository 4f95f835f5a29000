package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.AccessRules;
import org.consentgateway.http.MetricLabels;
import org.consentgateway.wiring.HostileAnswers.Finding;
import org.consentgateway.wiring.HostileRequests.Hostile;
import org.consentgateway.wiring.HostileRequests.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded run of malformed requests over every operation of docs/openapi.yaml against a real
 * gateway (HostileRequests makes them, HostileAnswers judges the answers): no 5xx, every error a
 * problem, nothing planted echoed, every request answered. The same seed gives the same run; a
 * longer one is {@code bench/fuzz.sh}.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRequestsTest {

  private static final long SEED = 20261202L;
  private static final int REQUESTS = 2_000;
  /** A guard against a hang, not a timing: an answer normally comes in milliseconds. */
  private static final int SILENCE_MILLIS = 10_000;

  private HostileWorld world;

  @BeforeAll
  void start(DatabaseCoordinates database, @TempDir Path folder) throws Exception {
    world = HostileWorld.open(database, folder, Map.of());
  }

  /**
   * After the gateway has stopped: nothing planted reached the log. The suite's own scan already
   * looks for the planted ID number; this looks for the marker word, which only this class sends.
   */
  @AfterAll
  void stop() throws Exception {
    world.close();
    Path log = Path.of(System.getProperty("gateway.test.log-file", "target/test-logs/suite.log"));
    if (Files.exists(log)) {
      assertThat(new String(Files.readAllBytes(log), StandardCharsets.UTF_8)).as("the suite's log").doesNotContainIgnoringCase(Canaries.MARKER);
    }
  }

  @Test
  @Timeout(120)
  void malformedRequestsOverEveryOperationAreRefusedAsProblemsWithoutEcho() throws Exception {
    HostileRequests requests = world.requests(SEED);
    List<Finding> findings = new ArrayList<>();
    Set<String> operations = new java.util.TreeSet<>();
    Set<Kind> kinds = java.util.EnumSet.noneOf(Kind.class);
    for (int i = 0; i < REQUESTS; i++) {
      Hostile request = requests.next();
      operations.add(request.operation());
      kinds.add(request.kind());
      findings.addAll(HostileAnswers.check(request, RawExchange.send(world.gateway.port(), request.bytes(), SILENCE_MILLIS)));
    }

    assertThat(operations).as("operations covered").hasSize(world.contract.all().size());
    assertThat(kinds).as("kinds of mangling covered").containsExactlyInAnyOrder(Kind.values());
    Map<String, List<Finding>> byRule = findings.stream()
        .collect(Collectors.groupingBy(finding -> finding.rule() + "/" + finding.request().kind(), TreeMap::new, Collectors.toList()));
    StringBuilder report = new StringBuilder();
    byRule.forEach((rule, found) -> report.append(rule).append(" x").append(found.size()).append(": ").append(found.get(0)).append('\n'));
    System.out.println(report);
    assertThat(byRule.keySet()).as(report.toString()).isEmpty();
  }

  /**
   * Invented methods on invented paths: once the first round has made the series an answer of
   * each status needs, a second round of new names adds none, and no label holds what was sent.
   */
  @Test
  void hostileMethodsAndPathsAddNoMetricSeries() throws Exception {
    inventedRequests(0, 40);
    scrape(); // the scrape's own series, from here on present in each
    List<String> before = series(scrape());
    inventedRequests(40, 200);
    String after = scrape();

    assertThat(series(after)).containsExactlyInAnyOrderElementsOf(before);
    assertThat(after).doesNotContain(Canaries.MARKER, Canaries.MARKER.toUpperCase(), Canaries.PLANTED_ID_NUMBER);
    assertThat(labelValues(after, "method")).isSubsetOf(MetricLabels.STANDARD_METHODS_AND_OTHER);
    // A route label is empty (no route matched) or templates (joined by '>' when one request matched several).
    Set<String> templates = world.gateway.mountedRoutes().stream().map(AccessRules.Endpoint::path).collect(Collectors.toSet());
    assertThat(labelValues(after, "route")).allSatisfy(route -> assertThat(route.isEmpty()
        || templates.containsAll(List.of(route.split(">")))).as(route).isTrue());
  }

  private void inventedRequests(int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      String method = Canaries.MARKER.toUpperCase() + i;
      String path = i % 2 == 0 ? "/v1/" + Canaries.MARKER + i : "/v1/me/consents/" + Canaries.PLANTED_ID_NUMBER + i + "/pause";
      for (String request : List.of(method + " " + path + " HTTP/1.1", "GET " + path + " HTTP/1.1", "POST " + path + "?" + i + " HTTP/1.1")) {
        RawExchange.send(world.gateway.port(), (request + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII), SILENCE_MILLIS);
      }
    }
  }

  private String scrape() throws Exception {
    return RawExchange.send(world.gateway.port(),
        "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII), SILENCE_MILLIS).body();
  }

  /** The HTTP server's series (name and labels), without their values. */
  private static List<String> series(String scrape) {
    return scrape.lines().filter(line -> line.startsWith("vertx_http_server")).map(line -> line.substring(0, line.lastIndexOf(' '))).toList();
  }

  /** The values label {@code label} takes in a Prometheus scrape. */
  static Set<String> labelValues(String scrape, String label) {
    Matcher matcher = Pattern.compile("[{,]" + label + "=\"([^\"]*)\"").matcher(scrape);
    Set<String> values = new java.util.TreeSet<>();
    while (matcher.find()) {
      values.add(matcher.group(1));
    }
    return values;
  }
}
