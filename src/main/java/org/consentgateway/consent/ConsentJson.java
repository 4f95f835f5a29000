package org.consentgateway.consent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The wire form of requests and consents (docs/api.md "Institution" and "Citizen"). Times are RFC 3339 UTC. */
public final class ConsentJson {

  private ConsentJson() {}

  /** What the institution sees of its request, with the status as of {@code now}. */
  public static ObjectNode forInstitution(ConsentRequest request, Instant now) {
    return request(request, now, false);
  }

  /** What the citizen sees of a request addressed to them: the same, and who asks. */
  public static ObjectNode forCitizen(ConsentRequest request, Instant now) {
    return request(request, now, true);
  }

  private static ObjectNode request(ConsentRequest request, Instant now, boolean namingTheInstitution) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("id", request.id().toString())
        .put("status", request.statusAt(now).name());
    if (namingTheInstitution) {
      json.set("institution", institution(request.institutionUscc(), request.institutionName()));
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

  public static ObjectNode consent(Consent consent, Instant now) {
    ObjectNode json = JsonNodeFactory.instance.objectNode()
        .put("id", consent.id().toString())
        .put("requestId", consent.requestId().toString())
        .put("status", consent.statusAt(now).name());
    json.set("institution", institution(consent.institutionUscc(), consent.institutionName()));
    return json
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

  public static ArrayNode consents(List<Consent> consents, Instant now) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    consents.forEach(consent -> array.add(consent(consent, now)));
    return array;
  }

  /** What the citizen sees of requests addressed to them. */
  public static ArrayNode forCitizen(List<ConsentRequest> requests, Instant now) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    requests.forEach(request -> array.add(forCitizen(request, now)));
    return array;
  }

  private static ObjectNode institution(String uscc, String name) {
    return JsonNodeFactory.instance.objectNode().put("uscc", uscc).put("name", name);
  }
}
