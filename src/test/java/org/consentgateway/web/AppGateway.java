package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;

/**
 * A gateway for the app's tests, reachable at its issuer: a browser follows the identity
 * provider's redirect to {@code <issuer>/app/sign-in/callback}, so the issuer must be the address
 * the gateway listens on ({@code http://127.0.0.1:<a free port>}).
 */
final class AppGateway {

  final Gateway gateway;
  final GatewayConfig config;
  final String base;

  private AppGateway(Gateway gateway, GatewayConfig config, String base) {
    this.gateway = gateway;
    this.config = config;
    this.base = base;
  }

  static AppGateway start(DatabaseCoordinates database, Map<String, String> more, Clock clock) {
    int port = freePort();
    String base = "http://127.0.0.1:" + port;
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.put(ConfigKeys.HTTP_PORT, Integer.toString(port));
    settings.put(ConfigKeys.ISSUER, base);
    settings.putAll(more);
    GatewayConfig config = GatewayConfig.from(Settings.defaults().with(settings));
    return new AppGateway(Gateway.start(config, clock), config, base);
  }

  String url(String path) {
    return base + path;
  }

  /** The text of a page, which must have answered {@code status}. */
  static String page(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).contains(Pages.HTML);
    return response.body();
  }

  /** How many sessions the database holds, and how many of them are signed in. */
  static int[] sessionCounts(DatabaseCoordinates database) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*), count(subject_ref) from web_sessions")) {
      rows.next();
      return new int[] {rows.getInt(1), rows.getInt(2)};
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
