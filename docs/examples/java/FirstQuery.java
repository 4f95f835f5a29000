// A bank's first query with the Java client library (org.consentgateway.client): discovery from the
// gateway's metadata, a token from the bank's key, a consent request, the citizen's decision, the
// query, and everything received verified (consent token, receipt, signed answer, and the inclusion
// of the query's audit entry in the signed log). One file, no build:
//
//   ./mvnw -q -DskipTests package        # makes target/consent-gateway-client.jar
//   java -cp target/consent-gateway-client.jar:<nimbus-jose-jwt.jar> docs/examples/java/FirstQuery.java
//
// Settings (environment), with the defaults for `./gateway demo`:
//   GATEWAY_URL    the gateway's issuer URL (default http://localhost:8080)
//   CLIENT_ID      the bank's USCC (default the demo bank, 91350100M000100Y43)
//   KEY            the bank's private key, PEM (default keys-example/institution.key.pem)
//   CITIZEN        the citizen's resident ID number (required; the demo prints some)
//   PURPOSE, GRADE what to ask for (default LOAN_APPROVAL, SUMMARY)
//   CITIZEN_TOKEN  demo only: a citizen token (`./gateway dev citizen-token --id-number ...`) with which
//                  this program plays the citizen and approves; without it, it waits up to 10 minutes
//                  for the citizen to approve in the citizen app.
// Exits 0 when the query's answer and its audit entry verified, 1 otherwise.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.consentgateway.client.BlockingConsentGatewayClient;
import org.consentgateway.client.ClientSigningKey;
import org.consentgateway.client.ConsentGatewayClient;
import org.consentgateway.client.ConsentGatewayException;
import org.consentgateway.client.ConsentRequest;
import org.consentgateway.client.ConsentRequestStatus;
import org.consentgateway.client.ConsentToken;
import org.consentgateway.client.ProvenEntry;
import org.consentgateway.client.QueryAnswer;
import org.consentgateway.client.Receipt;

public class FirstQuery {

  public static void main(String[] args) throws Exception {
    String issuer = setting("GATEWAY_URL", "http://localhost:8080");
    String clientId = setting("CLIENT_ID", "91350100M000100Y43");
    Path key = Path.of(setting("KEY", "keys-example/institution.key.pem"));
    String citizen = setting("CITIZEN", null);
    String purpose = setting("PURPOSE", "LOAN_APPROVAL");
    String grade = setting("GRADE", "SUMMARY");
    try {
      run(issuer, clientId, key, citizen, purpose, grade);
    } catch (ConsentGatewayException e) {
      // Every refusal is a typed exception; GatewayProblemException carries the problem's code.
      System.out.println("FAILED: " + e);
      System.exit(1);
    }
  }

  private static void run(String issuer, String clientId, Path key, String citizen, String purpose, String grade) throws Exception {
    // 1-2. Discovery and the token: the client reads <issuer>/.well-known/oauth-authorization-server and
    // signs its client assertions with the bank's key; it caches the access token and renews it.
    BlockingConsentGatewayClient bank = ConsentGatewayClient.builder(issuer, clientId, ClientSigningKey.fromPem(key)).connectBlocking();
    System.out.println("== 1. discovered " + bank.metadata().issuer() + ", token endpoint " + bank.metadata().tokenEndpoint());

    // 3. The consent request (add .redirect(uri, state) to send the citizen's browser to the consent page and back).
    ConsentRequestStatus asked = bank.requestConsent(ConsentRequest.builder(citizen, purpose, grade).validDays(30).maxUses(3).build());
    System.out.println("== 3. consent request " + asked.id() + " is " + asked.status());

    // 4. The citizen decides. Demo only: with a citizen token this program approves in the citizen's place.
    String citizenToken = System.getenv("CITIZEN_TOKEN");
    if (citizenToken != null && !citizenToken.isBlank()) {
      String receipt = approveAsCitizen(issuer, asked.id(), citizenToken);
      Receipt verified = bank.verifyReceipt(receipt);
      System.out.println("== 4. the citizen " + verified.action() + " consent " + verified.consentId() + " (receipt verified)");
    } else {
      System.out.println("== 4. waiting for the citizen to approve request " + asked.id() + " in the citizen app");
    }
    ConsentRequestStatus decided = bank.awaitDecision(asked.id(), Duration.ofSeconds(2), Duration.ofMinutes(10));
    if (!"APPROVED".equals(decided.status())) {
      System.out.println("FAILED: the request is " + decided.status());
      System.exit(1);
    }
    // The library verified the consent token: signed by the gateway, issued to this bank, in its period.
    ConsentToken consent = decided.consentToken().orElseThrow();
    System.out.println("== 5. " + consent);

    // 6. The query. Not retried by the library once sent: its answer may have been produced (and a use spent).
    QueryAnswer answer = bank.query(consent, purpose, grade);
    System.out.println("== 6. answered, audit entry " + answer.auditIndex() + ", signature " + answer.signature().algorithm()
        + " verified");

    // 7. The query's audit entry is in the signed log, and binds this very answer.
    ProvenEntry entry = bank.proveAnswer(answer);
    System.out.println("== 7. entry " + entry.index() + " (" + entry.action() + ") is in the log of size " + entry.checkpoint().size()
        + " and binds this answer");
    System.out.println("OK: first query done and verified");
  }

  /** Demo only: what the citizen app does when the citizen presses Approve. Returns the receipt (a JWS). */
  private static String approveAsCitizen(String issuer, String requestId, String citizenToken) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(issuer + "/v1/me/consent-requests/" + requestId + "/approve"))
        .header("Authorization", "Bearer " + citizenToken).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("the approval answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().replaceAll("(?s).*\"receipt\"\\s*:\\s*\"([^\"]+)\".*", "$1");
  }

  private static String setting(String name, String fallback) {
    String value = System.getenv(name);
    if (value != null && !value.isBlank()) {
      return value;
    }
    if (fallback == null) {
      System.out.println("set " + name);
      System.exit(2);
    }
    return fallback;
  }
}
