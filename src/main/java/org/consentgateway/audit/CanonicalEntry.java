package org.consentgateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

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
    member(out, "consentId", event.consentId());
    out.append(",\"disclosedFields\":");
    array(out, event.disclosedFields());
    member(out, "grade", event.grade());
    out.append(",\"index\":").append(entry.index());
    member(out, "institution", event.institution());
    member(out, "outcome", event.outcome().name());
    member(out, "policyHash", event.policyHash().map(Sha256Hash::base64));
    member(out, "prev", entry.prev().base64());
    member(out, "purpose", event.purpose());
    member(out, "reasonCode", event.reasonCode());
    member(out, "responseHash", event.responseHash().map(Sha256Hash::base64));
    member(out, "signatureBaseHash", entry.signatureBaseHash().map(Sha256Hash::base64));
    member(out, "subjectRef", event.subjectRef());
    member(out, "time", EntryRules.formatTime(event.time()));
    out.append(",\"v\":").append(entry.v());
    out.append('}');
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void member(StringBuilder out, String name, Optional<String> value) {
    value.ifPresent(present -> member(out, name, present));
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
