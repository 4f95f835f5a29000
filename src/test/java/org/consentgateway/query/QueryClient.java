package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
}
