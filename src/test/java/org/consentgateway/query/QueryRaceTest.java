package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryWorld.BULK;
import static org.consentgateway.query.QueryWorld.query;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** N uses left give exactly N answers under any concurrency, and every attempt is audited. */
@ExtendWith(TestDatabase.class)
class QueryRaceTest {

  private static final int USES = 10;
  private static final int RACERS = 50;

  @Test
  void fiftyConcurrentQueriesOnTenUsesGiveExactlyTenAnswers(DatabaseCoordinates database) throws Exception {
    try (QueryWorld world = new QueryWorld(database, Files.createTempDirectory("query-race"))) {
      QueryWorld.Granted consent = world.grant(BULK, "SUMMARY", 30, USES);
      String bank = world.bankToken();
      String body = query(consent.token(), BULK, "SUMMARY");
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(RACERS);
      List<Future<HttpResponse<String>>> racing = new ArrayList<>();
      try {
        for (int i = 0; i < RACERS; i++) {
          racing.add(pool.submit(() -> {
            start.await();
            return world.client.post("/v1/queries", bank, body);
          }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> response : racing) {
          responses.add(response.get());
        }

        List<HttpResponse<String>> answered = responses.stream().filter(response -> response.statusCode() == 200).toList();
        List<HttpResponse<String>> refused = responses.stream().filter(response -> response.statusCode() != 200).toList();
        assertThat(answered).hasSize(USES);
        assertThat(refused).hasSize(RACERS - USES).allSatisfy(response -> QueryClient.assertProblem(response, 403, "consent_exhausted"));
        assertThat(answered.stream().map(response -> new JsonObject(response.body()).getLong("auditIndex")).distinct()).hasSize(USES);
      } finally {
        pool.shutdownNow();
      }

      List<AuditEvent> audited = QueryClient.auditEntries(database).stream().map(AuditEntry::event)
          .filter(event -> event.consentId().filter(consent.consentId()::equals).isPresent())
          .filter(event -> event.action() == AuditAction.QUERY_ALLOWED || event.action() == AuditAction.QUERY_DENIED).toList();
      assertThat(audited).hasSize(RACERS);
      assertThat(audited.stream().filter(event -> event.action() == AuditAction.QUERY_ALLOWED && event.outcome() == AuditOutcome.ALLOWED))
          .hasSize(USES);
      assertThat(audited.stream().filter(event -> event.action() == AuditAction.QUERY_DENIED)).hasSize(RACERS - USES)
          .allSatisfy(event -> assertThat(event.reasonCode()).contains("consent_exhausted"));
      String id = "'" + consent.consentId() + "'";
      assertThat(QueryClient.scalar(database, "select uses_left || ' ' || status from consents where id = " + id)).isEqualTo("0 EXHAUSTED");
      assertThat(QueryClient.scalar(database, "select count(*) from consent_uses where consent_id = " + id)).isEqualTo(String.valueOf(USES));
    }
  }
}
