package org.consentgateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An entry's RFC 8785 canonical bytes written straight from its fields: the members in the order
 * JCS sorts their names (UTF-16 code units; all ASCII here), strings escaped by {@link Jcs}, the
 * two integers in plain decimal (below 2^53, as JCS writes them). The same bytes as
 * {@code Jcs.canonicalize(AuditEntryJson.toJson(entry))} without building and sorting a tree:
 * the appender writes every entry this way, on its hot path.
 */
final class CanonicalEntry {

  private CanonicalEntry() {}

  static byte[] of(AuditEntry entry) {
    AuditEvent event = entry.event();
    StringBuilder out = new StringBuilder(512);
    out.append('{');
    member(out, "action", event.action().wireName());
    member(out, "actor", event.actor());
    event.consentId().ifPresent(value -> member(out, "consentId", value));
    out.append(",\"disclosedFields\":");
    array(out, event.disclosedFields());
    event.grade().ifPresent(value -> member(out, "grade", value));
    out.append(",\"index\":").append(entry.index());
    event.institution().ifPresent(value -> member(out, "institution", value));
    member(out, "outcome", event.outcome().name());
    event.policyHash().ifPresent(value -> member(out, "policyHash", value.base64()));
    member(out, "prev", entry.prev().base64());
    event.purpose().ifPresent(value -> member(out, "purpose", value));
    event.reasonCode().ifPresent(value -> member(out, "reasonCode", value));
    event.responseHash().ifPresent(value -> member(out, "responseHash", value.base64()));
    entry.signatureBaseHash().ifPresent(value -> member(out, "signatureBaseHash", value.base64()));
    event.subjectRef().ifPresent(value -> member(out, "subjectRef", value));
    member(out, "time", EntryRules.formatTime(event.time()));
    out.append(",\"v\":").append(entry.v());
    out.append('}');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void member(StringBuilder out, String name, String value) {
    if (out.length() > 1) {
      out.append(',');
    }
    out.append('"').append(name).append("\":");
    Jcs.writeString(value, out);
  }

  private static void array(StringBuilder out, List<String> values) {
    out.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Jcs.writeString(values.get(i), out);
    }
    out.append(']');
  }
}
