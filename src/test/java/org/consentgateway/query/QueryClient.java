package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.wiring.GatewayConfig;

/** A query test's client: the shared one, plus its gateway configuration and one-value SQL reads. */
final class QueryClient extends GatewayHttpClient {

  QueryClient(int port) {
    super(port);
  }

  /** A gateway on {@code database} with the policies in {@code policies}; a generous rate limit for the race test. */
  static GatewayConfig config(DatabaseCoordinates database, Path policies) {
    Map<String, String> settings = new HashMap<>(settings(database));
    settings.put(ConfigKeys.POLICIES_DIR, policies.toString());
    settings.put(ConfigKeys.AUTH_RATE_PER_SECOND, "10000");
    settings.put(ConfigKeys.AUTH_RATE_BURST, "10000");
    return GatewayConfig.from(Settings.defaults().with(settings));
  }

  /** One value of a one-row, one-column query, as text. */
  static String scalar(DatabaseCoordinates database, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  /**
   * The gauge {@code metric} (e.g. {@code gateway_disputes_overdue}) in {@code /metrics}, once the
   * gateway's first count has landed: the overdue gauges count in the background, so it is asked
   * again until it is above 0 or 10 s have passed.
   */
  double overdueGauge(String metric) throws Exception {
    Instant deadline = Instant.now().plusSeconds(10);
    while (true) {
      for (String line : get("/metrics", "none").body().split("\n")) {
        if (line.startsWith(metric + " ") && (Double.parseDouble(line.split(" ")[1]) > 0 || Instant.now().isAfter(deadline))) {
          return Double.parseDouble(line.split(" ")[1]);
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("no " + metric + " in /metrics");
      }
      Thread.sleep(50);
    }
  }
}
