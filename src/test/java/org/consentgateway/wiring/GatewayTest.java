package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.KeyFileException;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The whole gateway in this JVM, on an external database (the suite's), as with {@code GATEWAY_DB_URL}. */
@ExtendWith(TestDatabase.class)
class GatewayTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void startsOnAnExternalDatabaseAndIsReady(DatabaseCoordinates database) throws Exception {
    try (Gateway gateway = Gateway.start(config(database, Map.of()))) {
      HttpResponse<String> ready = OpenApiContract.checked(client.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/health/ready")).build(),
          HttpResponse.BodyHandlers.ofString()));

      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"database\":\"UP\"");
    }
  }

  @Test
  void aMissingKeyStopsStartUpNamingTheFile(DatabaseCoordinates database, @TempDir Path emptyKeys) {
    assertThatThrownBy(() -> Gateway.start(config(database, Map.of(ConfigKeys.KEYS_DIR, emptyKeys.toString()))))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(emptyKeys.toString());
  }

  @Test
  void anUnreachableDatabaseStopsStartUp() {
    DatabaseCoordinates nowhere = new DatabaseCoordinates("127.0.0.1", 1, "gateway", "gateway", "x");

    assertThatThrownBy(() -> Gateway.start(config(nowhere, Map.of()))).isNotNull();
  }

  private static GatewayConfig config(DatabaseCoordinates database, Map<String, String> more) {
    Map<String, String> settings = new java.util.HashMap<>(Map.of(
        ConfigKeys.HTTP_PORT, "0",
        ConfigKeys.HTTP_HOST, "127.0.0.1",
        ConfigKeys.DB_URL, "postgresql://" + database.host() + ":" + database.port() + "/" + database.database(),
        ConfigKeys.DB_USER, database.user(),
        ConfigKeys.DB_PASSWORD, database.password()));
    settings.putAll(more);
    return GatewayConfig.from(Settings.defaults().with(settings));
  }
}
