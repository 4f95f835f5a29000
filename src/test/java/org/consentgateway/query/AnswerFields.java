package org.consentgateway.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The field paths of a query answer: those it declares disclosed, and those actually in it. */
final class AnswerFields {

  private AnswerFields() {}

  /** The answer's {@code disclosedFields}, in order. */
  static List<String> disclosed(ObjectNode body) {
    List<String> fields = new ArrayList<>();
    body.get("disclosedFields").forEach(field -> fields.add(field.asText()));
    return fields;
  }

  /** The paths of the fields present in the answer's report parts, e.g. {@code accounts[].balance}. */
  static Set<String> present(ObjectNode body) {
    Set<String> present = new LinkedHashSet<>();
    for (String part : List.of("subject", "summary")) {
      if (body.has(part)) {
        body.get(part).fieldNames().forEachRemaining(name -> present.add(part + "." + name));
      }
    }
    for (String part : List.of("accounts", "publicRecords")) {
      if (body.has(part)) {
        for (JsonNode element : body.get(part)) {
          element.fieldNames().forEachRemaining(name -> present.add(part + "[]." + name));
        }
      }
    }
    return present;
  }
}
