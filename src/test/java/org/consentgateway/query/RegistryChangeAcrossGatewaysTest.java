package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.query.QueryWorld.BANK;
import static org.consentgateway.query.QueryWorld.BULK;
import static org.consentgateway.query.QueryWorld.query;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.consentgateway.db.ChannelListener;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.identity.RegistryCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gateways on one database cache the registry; an institution disabled through the registry's
 * administration (the command line's path, neither gateway's) is refused on the gateway that had it
 * cached within one second: the change's notification reaches every instance.
 */
@ExtendWith(TestDatabase.class)
class RegistryChangeAcrossGatewaysTest {

  /** The bound the issue sets; the test polls no longer than this, and asserts nothing finer. */
  private static final Duration WITHIN = Duration.ofSeconds(1);
  private static final Duration INTERVAL = Duration.ofMillis(100);

  @Test
  void anInstitutionDisabledElsewhereIsRefusedOnTheOtherGatewayWithinOneSecond(DatabaseCoordinates database) throws Exception {
    try (QueryWorld world = new QueryWorld(database, Files.createTempDirectory("registry-change"))) {
      Polling.until("both gateways listen", () -> listeners(database) == 2);
      QueryWorld.Granted consent = world.grant(BULK, "SUMMARY", 30, 10);
      String body = query(consent.token(), BULK, "SUMMARY");
      // Gateway B's clock is eight days ahead: its access token is issued on its own time.
      String onB = world.laterClient.accessToken(BANK, world.bankKey, Instant.now().plus(QueryWorld.AHEAD));
      assertThat(world.laterClient.post("/v1/queries", onB, body).statusCode()).as("B answers, and caches the bank").isEqualTo(200);
      assertThat(world.laterClient.post("/v1/queries", onB, body).statusCode()).isEqualTo(200);

      world.registry.disableInstitution(BANK);

      long deadline = System.nanoTime() + WITHIN.toNanos();
      HttpResponse<String> last = world.laterClient.post("/v1/queries", onB, body);
      while (last.statusCode() == 200 && System.nanoTime() < deadline) {
        Thread.sleep(INTERVAL.toMillis());
        last = world.laterClient.post("/v1/queries", onB, body);
      }
      QueryClient.assertProblem(last, 403, "consent_not_yours");
    }
  }

  private static long listeners(DatabaseCoordinates database) {
    try {
      // By the session's name: its last statement is the heartbeat's most of the time, not LISTEN.
      return Long.parseLong(QueryClient.scalar(database, "select count(*) from pg_stat_activity where datname = current_database() "
          + "and application_name = '" + ChannelListener.applicationName(RegistryCache.CHANNEL) + "'"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
