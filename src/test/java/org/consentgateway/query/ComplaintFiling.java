package org.consentgateway.query;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.consentgateway.http.GatewayHttpClient;

/** A citizen files a complaint through the API, as the tests that need one filed do. */
public final class ComplaintFiling {

  private ComplaintFiling() {}

  /**
   * Files a complaint, waiting (up to 10 s) for the checkpoint that covers the entry. A 503 is
   * asked again, as its Retry-After says: on a machine loaded enough for the gateway's database
   * probe to time out, the outage cutoff answers 503 while the filing may still commit, so a
   * complaint_open after it is that filing. Answers the complaint as the citizen sees it.
   */
  public static JsonObject file(GatewayHttpClient client, String citizenToken, long index, String reason, String text)
      throws Exception {
    String body = new JsonObject().put("auditIndex", index).put("reason", reason).put("text", text).encode();
    Instant deadline = Instant.now().plusSeconds(10);
    boolean unanswered = false;
    while (true) {
      HttpResponse<String> response = client.post("/v1/me/complaints", citizenToken, body);
      String code = response.statusCode() >= 400 ? new JsonObject(response.body()).getString("code") : "";
      if (unanswered && code.equals("complaint_open")) {
        return client.jsonArray(client.get("/v1/me/complaints", citizenToken), 200).stream().map(JsonObject.class::cast)
            .filter(c -> c.getLong("auditIndex") == index && !c.getString("status").equals("RESOLVED")).findFirst().orElseThrow();
      }
      if (!(code.equals("conflict") || code.equals("unavailable")) || Instant.now().isAfter(deadline)) {
        return client.json(response, 201);
      }
      unanswered |= code.equals("unavailable");
      Thread.sleep(code.equals("unavailable") ? 500 : 100); // as Retry-After asks, or until the next checkpoint
    }
  }
}
