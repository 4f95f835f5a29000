package org.consentgateway.consent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** The wire form of requests and consents (docs/api.md "Institution" and "Citizen"). Times are RFC 3339 UTC. */
public final class ConsentJson {

  private ConsentJson() {}

  /** What the institution sees of its request, with the status as of {@code now}. */
  public static JsonObject forInstitution(ConsentRequest request, Instant now) {
    return request(request, now, false);
  }

  /** What the citizen sees of a request addressed to them: the same, and who asks. */
  public static JsonObject forCitizen(ConsentRequest request, Instant now) {
    return request(request, now, true);
  }

  private static JsonObject request(ConsentRequest request, Instant now, boolean namingTheInstitution) {
    JsonObject json = new JsonObject()
        .put("id", request.id().toString())
        .put("status", request.statusAt(now).name());
    if (namingTheInstitution) {
      json.put("institution", institution(request.institutionUscc(), request.institutionName()));
    }
    return json
        .put("purpose", request.purpose())
        .put("grade", request.grade().name())
        .put("validDays", request.validDays())
        .put("maxUses", request.maxUses())
        .put("dataWindowMonths", request.dataWindowMonths())
        .put("createdAt", request.createdAt().toString())
        .put("expiresAt", request.expiresAt().toString());
  }

  public static JsonObject consent(Consent consent, Instant now) {
    return new JsonObject()
        .put("id", consent.id().toString())
        .put("requestId", consent.requestId().toString())
        .put("status", consent.statusAt(now).name())
        .put("institution", institution(consent.institutionUscc(), consent.institutionName()))
        .put("purpose", consent.purpose())
        .put("grade", consent.grade().name())
        .put("notBefore", consent.notBefore().toString())
        .put("expiresAt", consent.expiresAt().toString())
        .put("maxUses", consent.maxUses())
        .put("usesLeft", consent.usesLeft())
        .put("dataWindowMonths", consent.dataWindowMonths())
        .put("createdAt", consent.createdAt().toString())
        .put("updatedAt", consent.updatedAt().toString());
  }

  public static JsonArray consents(List<Consent> consents, Instant now) {
    JsonArray array = new JsonArray();
    consents.forEach(consent -> array.add(consent(consent, now)));
    return array;
  }

  private static JsonObject institution(String uscc, String name) {
    return new JsonObject().put("uscc", uscc).put("name", name);
  }
}
