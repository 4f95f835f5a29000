package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The signals of one read, oldest first, as of the follower's cursor {@code foldedThrough} (-1:
 * nothing folded yet), and their JSON ({@code GET /v1/audit/signals}).
 */
public record SignalsReport(List<Signal> signals, long foldedThrough) {

  /** Where each signal's entries are found: the regulator's entry search. */
  public static final String SEARCH_PATH = "/v1/audit/search";

  public SignalsReport {
    signals = List.copyOf(requireNonNull(signals, "signals is null"));
  }

  /** {@code {"signals":[…],"foldedThrough":n}}; a figure hidden by the small-cell threshold is its text ({@code "< 5"}). */
  public ObjectNode json() {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ArrayNode list = json.arrayNode();
    for (Signal signal : signals) {
      ObjectNode item = list.addObject();
      item.put("rule", signal.rule().wireName());
      signal.institution().ifPresent(value -> item.put("institution", value));
      signal.purpose().ifPresent(value -> item.put("purpose", value));
      signal.day().ifPresent(value -> item.put("day", value.toString()));
      item.put("from", signal.from().toString());
      item.put("to", signal.to().toString());
      put(item, "observed", signal.observed());
      signal.baseline().ifPresent(value -> put(item, "baseline", value));
      put(item, "threshold", signal.threshold());
      item.put("entries", SEARCH_PATH + "?" + signal.searchParameters());
    }
    ObjectNode body = json.objectNode();
    body.set("signals", list);
    body.put("foldedThrough", foldedThrough);
    return body;
  }

  private static void put(ObjectNode item, String name, Figure figure) {
    figure.value().ifPresentOrElse(value -> item.put(name, value), () -> item.put(name, figure.text()));
  }
}
