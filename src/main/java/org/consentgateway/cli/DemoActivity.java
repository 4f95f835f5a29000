package org.consentgateway.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.wiring.GatewayConfig;

/**
 * What a demo starts with, played through the gateway's own API so every step is audited as in
 * real life: the demo bank asks the first two citizens for consent (one summary, one detail,
 * both left pending for the visitor to decide), and asks the first citizen for a loan-approval
 * consent, which the citizen approves and the bank then uses: two allowed queries and one
 * refused, for the inquiry history.
 */
final class DemoActivity {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final GatewayConfig config;
  private final List<String> citizens;

  DemoActivity(URI base, GatewayConfig config, List<String> citizens) {
    this.base = requireNonNull(base, "base is null");
    this.config = requireNonNull(config, "config is null");
    this.citizens = List.copyOf(citizens);
  }

  void play() throws IOException, InterruptedException {
    Path keys = config.keysDir();
    String issuer = config.http().issuer();
    GatewayApiClient bank = GatewayApiClient.signIn(base, DemoCommand.BANK, PemFiles.readPrivateKey(keys.resolve("institution.key.pem")),
        issuer);
    ask(bank, citizens.get(0), "GUARANTEE_REVIEW", "SUMMARY", 30, 3);
    ask(bank, citizens.get(1), "CREDIT_CARD_APPROVAL", "DETAIL", 30, 1);

    String granted = ask(bank, citizens.get(0), "LOAN_APPROVAL", "BASIC", 30, 5);
    PrivateKey identityProvider = PemFiles.readPrivateKey(keys.resolve("identity-provider.key.pem"));
    GatewayApiClient citizen = GatewayApiClient.as(base, DevTokens.citizenToken(citizens.get(0),
        config.identity().identityProviderIssuer(), config.identity().identityProviderAudience(), identityProvider, Instant.now(),
        Duration.ofMinutes(5)));
    citizen.post("/v1/me/consent-requests/" + granted + "/approve", "{}", 201);
    String consentToken = JSON.readTree(bank.get("/v1/consent-requests/" + granted)).path("consentToken").asText();
    query(bank, consentToken, "LOAN_APPROVAL", 200);
    query(bank, consentToken, "LOAN_APPROVAL", 200);
    // A purpose the citizen did not agree to: refused, and audited as refused.
    query(bank, consentToken, "POST_LOAN_MANAGEMENT", 403);
  }

  /** The bank's consent request; its id. */
  private static String ask(GatewayApiClient bank, String citizen, String purpose, String grade, int validDays, int maxUses)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("subjectIdNumber", citizen).put("purpose", purpose).put("grade", grade)
        .put("validDays", validDays).put("maxUses", maxUses);
    JsonNode request = bank.post("/v1/consent-requests", body.toString(), 201);
    return request.path("id").asText();
  }

  private static void query(GatewayApiClient bank, String consentToken, String purpose, int status)
      throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("consentToken", consentToken).put("purpose", purpose).put("grade", "BASIC");
    bank.post("/v1/queries", body.toString(), status);
  }
}
