package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code http.management-port} moves {@code /metrics} off the API's listener, and nothing else onto it. */
@ExtendWith(TestDatabase.class)
class ManagementPortTest {

  private static final int SILENCE_MILLIS = 10_000;

  @Test
  void metricsAreServedOnTheManagementPortAloneAndNotOnTheApisPort(DatabaseCoordinates database) throws Exception {
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.put(ConfigKeys.HTTP_MANAGEMENT_PORT, "0");
    try (Gateway gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)))) {
      int management = gateway.managementPort().orElseThrow();

      assertProblem(get(gateway.port(), "/metrics"), 404);
      assertProblem(get(management, "/v1/whoami"), 404);
      assertProblem(get(management, "/health/live"), 404);
      assertThat(get(gateway.port(), "/health/live").status()).isEqualTo(200);

      RawExchange.Answer metrics = get(management, "/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      assertThat(metrics.body()).contains("vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/health/live\",}");
    }
  }

  @Test
  void withoutOneMetricsStayOnTheApisPort(DatabaseCoordinates database) throws Exception {
    try (Gateway gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(GatewayHttpClient.settings(database))))) {
      assertThat(gateway.managementPort()).isEmpty();
      RawExchange.Answer metrics = get(gateway.port(), "/metrics");
      assertThat(metrics.status()).isEqualTo(200);
      // Which JCA provider signatures run on, for the operator who wonders why they are slow.
      assertThat(metrics.body()).containsPattern("gateway_crypto_provider\\{native=\"(true|false)\",provider=\"[A-Za-z0-9-]+\",\\} 1\\.0");
    }
  }

  private static RawExchange.Answer get(int port, String path) throws Exception {
    return RawExchange.send(port, ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII), SILENCE_MILLIS);
  }

  private static void assertProblem(RawExchange.Answer answer, int status) {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).contains("application/problem+json");
  }
}
