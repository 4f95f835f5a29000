package org.consentgateway.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.consentgateway.value.Role;

/** The wire form of a citizen's inquiry history, as {@code GET /v1/me/queries} and the export show it. */
public final class InquiryJson {

  /** The {@code actor} of a query the citizen made about themself ({@code GET /v1/me/report}). */
  public static final String SELF = "SELF";

  private InquiryJson() {}

  public static ArrayNode array(List<Inquiry> inquiries) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    inquiries.forEach(inquiry -> array.add(json(inquiry)));
    return array;
  }

  /** One row of a citizen's inquiry history. */
  public static ObjectNode json(Inquiry inquiry) {
    AuditEvent event = inquiry.event();
    ObjectNode item = JsonNodeFactory.instance.objectNode().put("time", EntryRules.formatTime(event.time()));
    inquiry.institution().ifPresentOrElse(uscc -> {
      ObjectNode institution = item.putObject("institution").put("uscc", uscc);
      inquiry.institutionName().ifPresent(name -> institution.put("name", name));
    }, () -> item.put("actor", actorKind(event.actor())));
    event.purpose().ifPresent(purpose -> item.put("purpose", purpose));
    event.grade().ifPresent(grade -> item.put("grade", grade));
    event.consentId().ifPresent(consentId -> item.put("consentId", consentId));
    item.put("outcome", event.outcome().name());
    event.reasonCode().ifPresent(code -> item.put("reasonCode", code));
    item.put("auditIndex", inquiry.auditIndex());
    return item;
  }

  /**
   * {@code SELF} for a citizen (who can only ever query themself), else the role in capitals;
   * never the actor's id.
   */
  public static String actorKind(String actor) {
    String role = actor.substring(0, Math.max(actor.indexOf(':'), 0));
    return Role.CITIZEN.wireName().equals(role) ? SELF : role.toUpperCase(Locale.ROOT);
  }
}
