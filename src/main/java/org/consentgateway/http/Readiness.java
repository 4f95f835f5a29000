package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Named checks that must all pass before the gateway is ready to serve (database reachable, keys loaded, ...). */
public final class Readiness {

  private final Map<String, Supplier<Future<Void>>> checks = new LinkedHashMap<>();

  public Readiness add(String name, Supplier<Future<Void>> check) {
    checks.put(requireNonNull(name, "name is null"), requireNonNull(check, "check is null"));
    return this;
  }

  /** Runs every check; the result says which passed. Never fails itself. */
  public Future<ObjectNode> evaluate() {
    List<Future<Boolean>> results = new ArrayList<>();
    checks.values().forEach(check -> results.add(safely(check).map(v -> true).otherwise(false)));
    return Future.join(results).otherwise(v -> null).map(v -> {
      ObjectNode outcome = JsonNodeFactory.instance.objectNode();
      int i = 0;
      for (String name : checks.keySet()) {
        outcome.put(name, results.get(i++).result() ? "UP" : "DOWN");
      }
      return outcome;
    });
  }

  private static Future<Void> safely(Supplier<Future<Void>> check) {
    try {
      return check.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
