package org.consentgateway.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.EmbeddedPostgres;
import org.consentgateway.db.Migrations;
import org.consentgateway.http.CitizenAuditRoutes;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.identity.IdentityConfig;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;

/**
 * The inquiry history benchmark (bench/inquiry-history.sh), not a test: on a fresh embedded
 * PostgreSQL it appends {@code entries} audit entries through {@link AuditLog} (so the rows have
 * their real shape, the by-subject rows included), one in {@value #EVERY} a query about one citizen and
 * the rest queries, consent events and regulator reads spread over {@value #SUBJECTS} other
 * subjects; then it times the first page of that citizen's history, {@link InquiryStore} alone and
 * {@code GET /v1/me/queries} through a running gateway, one call at a time after a warm-up.
 * Arguments: {@code DATA_DIR [entries] [runs]}; the data folder is left for the caller to delete.
 */
public final class InquiryHistoryBench {

  /** One entry in this many is a query about the benchmark's citizen: 10,000 of 1,000,000. */
  private static final int EVERY = 100;
  private static final int SUBJECTS = 100_000;
  private static final int CHUNK = 16_384;
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final Path KEYS = Path.of("keys-example");
  private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");
  private static final Sha256Hash RESPONSE = Sha256Hash.digest("response".getBytes(StandardCharsets.UTF_8));
  private static final Sha256Hash POLICY = Sha256Hash.digest("policies".getBytes(StandardCharsets.UTF_8));

  private final List<String> banks = new ArrayList<>();
  private final String citizen;

  private InquiryHistoryBench(String citizen) {
    this.citizen = citizen;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: InquiryHistoryBench DATA_DIR [entries] [runs]");
    }
    Path dir = Path.of(args[0]);
    int entries = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 1_000_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 200;
    int port = Integer.parseInt(System.getenv().getOrDefault("INQUIRY_BENCH_PORT", "54397"));
    String citizen = GatewayKeys.load(KEYS).pseudonymizer().subjectRef(ResidentIdNumber.parse(CITIZEN_ID)).value();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dir, port)) {
      DatabaseCoordinates db = postgres.coordinates();
      Migrations.migrate(db);
      InquiryHistoryBench bench = new InquiryHistoryBench(citizen);
      bench.registerBanks(db);
      Vertx vertx = Vertx.vertx();
      try {
        bench.fill(vertx, db, entries);
        bench.timeStore(vertx, db, runs);
        bench.timeHttp(db, runs);
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get();
      }
    }
  }

  private void registerBanks(DatabaseCoordinates db) {
    ClientKey key = ClientKey.read(KEYS.resolve("institution.pub.pem"));
    try (TestRegistry registry = TestRegistry.open(db)) {
      for (int i = 1; i <= 20; i++) {
        String uscc = UnifiedSocialCreditCode.of(String.format("91350100M000%05d", i)).value();
        registry.addInstitution(uscc, "银行" + i, key, List.of("LOAN_APPROVAL"), "DETAIL");
        banks.add(uscc);
      }
    }
  }

  /** Appends through the real appender; synchronous_commit off only to save time (no durability figure here). */
  private void fill(Vertx vertx, DatabaseCoordinates db, int entries) {
    Pool pool = pool(vertx, db, Map.of("synchronous_commit", "off"));
    AuditLog log = new AuditLog(vertx, pool, new AuditConfig(4_096, Duration.ofMillis(2), 65_536,
        AuditConfig.DEFAULT_ORIGIN, AuditConfig.DEFAULT_CHECKPOINT_INTERVAL), Clock.systemUTC());
    long start = System.nanoTime();
    for (int from = 0; from < entries; from += CHUNK) {
      List<Future<AppendedEntry>> chunk = new ArrayList<>(CHUNK);
      for (int n = from; n < Math.min(entries, from + CHUNK); n++) {
        chunk.add(log.append(event(n)));
      }
      await(Future.all(chunk));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    await(log.close());
    await(pool.query("vacuum analyze audit_entries, audit_subject_entries").execute());
    long mine = await(pool.preparedQuery("""
        select count(*) from audit_subject_entries where subject_ref = $1 and action in ('query.allowed', 'query.denied')""")
        .execute(Tuple.of(citizen))).iterator().next().getLong(0);
    System.out.printf("filled %,d entries through AuditLog in %.1f s (%,.0f entries/s, synchronous_commit off);"
        + " %,d queries about the citizen%n", entries, seconds, entries / seconds, mine);
    await(pool.close());
  }

  private AuditEvent event(long n) {
    AuditEvent.Builder event = AuditEvent.builder().time(START.plusMillis(n)).policyHash(POLICY);
    String bank = "institution:" + banks.get((int) (n % banks.size()));
    String other = otherSubject((n * 7919) % SUBJECTS);
    if (n % EVERY == 0) {
      return query(event, bank, citizen, n / EVERY % 5 == 4).consentId("c-" + n).build();
    }
    return switch ((int) (n % 10)) {
      case 1, 2, 3, 4, 5 -> query(event, bank, other, false).consentId("c-" + n).build();
      case 6 -> query(event, bank, other, true).build();
      // Consent events about the citizen too: in the by-subject index, never in the history.
      case 7, 8 -> event.action(AuditAction.CONSENT_REQUESTED).actor(bank)
          .subjectRef(n % 3 == 0 ? citizen : other).purpose("LOAN_APPROVAL").grade("SUMMARY").consentId("c-" + n)
          .outcome(AuditOutcome.RECORDED).build();
      default -> event.action(AuditAction.AUDIT_READ).actor("regulator:pboc").outcome(AuditOutcome.RECORDED)
          .disclosedFields(List.of("entries")).responseHash(RESPONSE).build();
    };
  }

  private static String otherSubject(long k) {
    return Sha256Hash.digest(("subject-" + k).getBytes(StandardCharsets.UTF_8)).hex();
  }

  private static AuditEvent.Builder query(AuditEvent.Builder event, String actor, String subjectRef, boolean denied) {
    event.actor(actor).subjectRef(subjectRef).purpose("LOAN_APPROVAL").grade("SUMMARY");
    return denied
        ? event.action(AuditAction.QUERY_DENIED).outcome(AuditOutcome.DENIED).reasonCode("consent_revoked")
        : event.action(AuditAction.QUERY_ALLOWED).outcome(AuditOutcome.ALLOWED)
            .disclosedFields(List.of("summary.accountCount", "summary.overdueCount")).responseHash(RESPONSE);
  }

  private void timeStore(Vertx vertx, DatabaseCoordinates db, int runs) throws Exception {
    Pool pool = pool(vertx, db, Map.of());
    InquiryStore store = new InquiryStore(pool);
    String rare = otherSubject(12_345);
    plan(pool, citizen, "the citizen (10,000 queries)");
    plan(pool, rare, "a subject with a few queries");
    report("InquiryStore.inquiries, first page of 50", runs,
        () -> await(store.inquiries(citizen, InquiryStore.NO_BOUND, CitizenAuditRoutes.DEFAULT_LIMIT)));
    report("InquiryStore.inquiries, first page of 200", runs,
        () -> await(store.inquiries(citizen, InquiryStore.NO_BOUND, CitizenAuditRoutes.MAX_LIMIT)));
    report("InquiryStore.inquiries, a subject with a few queries", runs,
        () -> await(store.inquiries(rare, InquiryStore.NO_BOUND, CitizenAuditRoutes.DEFAULT_LIMIT)));
    await(pool.close());
  }

  private static void plan(Pool pool, String subjectRef, String label) {
    System.out.println("plan of a first page for " + label + ":");
    for (Row row : await(pool.preparedQuery("explain (analyze, buffers) " + InquiryStore.INQUIRIES)
        .execute(Tuple.of(subjectRef, InquiryStore.NO_BOUND, CitizenAuditRoutes.DEFAULT_LIMIT + 1)))) {
      System.out.println("  " + row.getString(0));
    }
  }

  private void timeHttp(DatabaseCoordinates db, int runs) throws Exception {
    Map<String, String> settings = Map.of(
        ConfigKeys.HTTP_PORT, "0",
        ConfigKeys.HTTP_HOST, "127.0.0.1",
        ConfigKeys.DB_URL, "postgresql://" + db.host() + ":" + db.port() + "/" + db.database(),
        ConfigKeys.DB_USER, db.user(),
        ConfigKeys.DB_PASSWORD, db.password(),
        ConfigKeys.POLICIES_DIR, "policies",
        ConfigKeys.AUTH_RATE_PER_SECOND, "100000",
        ConfigKeys.AUTH_RATE_BURST, "100000");
    try (Gateway gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)))) {
      String token = DevTokens.citizenToken(CITIZEN_ID, IdentityConfig.DEFAULT_IDP_ISSUER, IdentityConfig.DEFAULT_IDP_AUDIENCE,
          PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem")), Instant.now(), Duration.ofHours(1));
      HttpClient http = HttpClient.newHttpClient();
      for (String query : List.of("", "?limit=200")) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/me/queries" + query))
            .header("Authorization", "Bearer " + token).build();
        report("GET /v1/me/queries" + query + ", first page over HTTP", runs, () -> {
          HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 200 || response.body().length() < 100) {
            throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
          }
          return response;
        });
      }
    }
  }

  private static void report(String label, int runs, Callable<?> call) throws Exception {
    for (int i = 0; i < Math.max(50, runs); i++) {
      call.call(); // warm-up
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      call.call();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf("%s: %,d calls one at a time, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        label, runs, nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.99)] / 1e6, nanos[runs - 1] / 1e6);
  }

  private static Pool pool(Vertx vertx, DatabaseCoordinates db, Map<String, String> properties) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(db.host()).setPort(db.port()).setDatabase(db.database())
        .setUser(db.user()).setPassword(db.password())
        .setCachePreparedStatements(true);
    properties.forEach(connect::addProperty);
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(connect).using(vertx).build();
  }

  private static <T> T await(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture().join();
  }
}
