package org.consentgateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The JSON members of an audit entry, both ways. */
final class AuditEntryJson {

  private static final Set<String> MEMBERS =
      Set.of(
          "v", "index", "time", "action", "actor", "subjectRef", "purpose", "grade", "consentId",
          "outcome", "reasonCode", "disclosedFields", "responseHash", "policyHash", "prev",
          "signatureBaseHash", "institution");

  private AuditEntryJson() {}

  static ObjectNode toJson(AuditEntry entry) {
    AuditEvent event = entry.event();
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("v", entry.v());
    json.put("index", entry.index());
    json.put("time", EntryRules.formatTime(event.time()));
    json.put("action", event.action().wireName());
    json.put("actor", event.actor());
    event.subjectRef().ifPresent(value -> json.put("subjectRef", value));
    event.purpose().ifPresent(value -> json.put("purpose", value));
    event.grade().ifPresent(value -> json.put("grade", value));
    event.consentId().ifPresent(value -> json.put("consentId", value));
    json.put("outcome", event.outcome().name());
    event.reasonCode().ifPresent(value -> json.put("reasonCode", value));
    ArrayNode fields = json.putArray("disclosedFields");
    event.disclosedFields().forEach(fields::add);
    event.responseHash().ifPresent(value -> json.put("responseHash", value.base64()));
    event.policyHash().ifPresent(value -> json.put("policyHash", value.base64()));
    event.institution().ifPresent(value -> json.put("institution", value));
    json.put("prev", entry.prev().base64());
    entry.signatureBaseHash().ifPresent(value -> json.put("signatureBaseHash", value.base64()));
    return json;
  }

  static AuditEntry fromJson(JsonNode json) {
    if (!json.isObject()) {
      throw new AuditFormatException("an entry is a JSON object");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!MEMBERS.contains(name)) {
        throw new AuditFormatException("unknown entry member " + name);
      }
    }
    try {
      AuditEvent event =
          new AuditEvent(
              time(requiredText(json, "time")),
              AuditAction.fromWireName(requiredText(json, "action"))
                  .orElseThrow(() -> new AuditFormatException("unknown action")),
              requiredText(json, "actor"),
              optionalText(json, "subjectRef"),
              optionalText(json, "purpose"),
              optionalText(json, "grade"),
              optionalText(json, "consentId"),
              outcome(requiredText(json, "outcome")),
              optionalText(json, "reasonCode"),
              textArray(json, "disclosedFields"),
              optionalText(json, "responseHash").map(Sha256Hash::fromBase64),
              optionalText(json, "policyHash").map(Sha256Hash::fromBase64),
              optionalText(json, "institution"));
      Sha256Hash prev = Sha256Hash.fromBase64(requiredText(json, "prev"));
      long version = integer(json, "v");
      if (version != AuditEntry.CURRENT_VERSION) {
        throw new AuditFormatException("unsupported entry version " + version);
      }
      return new AuditEntry((int) version, integer(json, "index"), event, prev,
          optionalText(json, "signatureBaseHash").map(Sha256Hash::fromBase64));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new AuditFormatException("invalid entry: " + e.getMessage(), e);
    }
  }

  private static String requiredText(JsonNode json, String name) {
    return optionalText(json, name)
        .orElseThrow(() -> new AuditFormatException("entry member " + name + " is missing"));
  }

  private static Optional<String> optionalText(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw new AuditFormatException("entry member " + name + " must be a string");
    }
    return Optional.of(value.textValue());
  }

  private static long integer(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new AuditFormatException("entry member " + name + " must be an integer");
    }
    return value.longValue();
  }

  private static List<String> textArray(JsonNode json, String name) {
    JsonNode value = json.get(name);
    if (value == null || !value.isArray()) {
      throw new AuditFormatException("entry member " + name + " must be an array of strings");
    }
    List<String> items = new ArrayList<>();
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw new AuditFormatException("entry member " + name + " must be an array of strings");
      }
      items.add(item.textValue());
    }
    return items;
  }

  private static Instant time(String text) {
    if (!EntryRules.TIME.matcher(text).matches()) {
      throw new AuditFormatException("time must be RFC 3339 UTC with milliseconds, e.g. 2025-01-02T03:04:05.678Z");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new AuditFormatException("time is not a valid date and time");
    }
  }

  /** The outcome named {@code text}; an unknown one is an {@link AuditFormatException}. */
  static AuditOutcome outcome(String text) {
    for (AuditOutcome outcome : AuditOutcome.values()) {
      if (outcome.name().equals(text)) {
        return outcome;
      }
    }
    throw new AuditFormatException("unknown outcome");
  }
}
