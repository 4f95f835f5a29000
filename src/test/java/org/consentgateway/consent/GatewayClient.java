package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.consentgateway.config.Settings;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.wiring.GatewayConfig;

/**
 * A consent test's client: the shared one, plus its gateway configuration, the citizen's
 * subjectRef, gateway signatures checked against the published JWKS, and table rows as text.
 */
final class GatewayClient extends GatewayHttpClient {

  GatewayClient(int port) {
    super(port);
  }

  static GatewayConfig config(DatabaseCoordinates database) {
    return GatewayConfig.from(Settings.defaults().with(settings(database)));
  }

  /** The subjectRef the gateway knows this citizen by (their principal id). */
  String subjectRef(String citizenToken) throws Exception {
    return json(get("/v1/whoami", citizenToken), 200).getString("id");
  }

  /** Parses {@code token} and checks its ES256 signature with the JWKS key its {@code kid} names. */
  SignedJWT verifiedByJwks(String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    HttpResponse<String> jwks = getPublic("/.well-known/jwks.json");
    ECKey key = JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID()).toECKey();
    assertThat(jwt.verify(new ECDSAVerifier(key))).as("signature by JWKS key " + jwt.getHeader().getKeyID()).isTrue();
    return jwt;
  }

  /** Every row of {@code table} as JSON text (PostgreSQL's own rendering of each column). */
  static List<String> rowsAsText(DatabaseCoordinates database, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select row_to_json(t)::text from " + table + " t")) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }

  static Path keys() {
    return Path.of("keys-example");
  }
}
