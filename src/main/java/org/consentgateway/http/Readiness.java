package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Named checks that must all pass before the gateway is ready to serve (database reachable, keys
 * loaded, ...). They run at once, side by side, and each has the same short budget: a check that has
 * not passed within it is down, so a frozen database makes readiness say 503 promptly instead of
 * holding the probe.
 */
public final class Readiness {

  private final Map<String, Supplier<Future<Void>>> checks = new LinkedHashMap<>();
  private final Duration timeout;

  /** Checks with the default budget, {@link HttpConfig#DEFAULT_READINESS_TIMEOUT}. */
  public Readiness() {
    this(HttpConfig.DEFAULT_READINESS_TIMEOUT);
  }

  public Readiness(Duration timeout) {
    this.timeout = requireNonNull(timeout, "timeout is null");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }

  public Readiness add(String name, Supplier<Future<Void>> check) {
    checks.put(requireNonNull(name, "name is null"), requireNonNull(check, "check is null"));
    return this;
  }

  /** Runs every check; the result says which passed within the budget. Never fails itself, never waits longer than the budget. */
  public Future<ObjectNode> evaluate() {
    List<Future<Boolean>> results = new ArrayList<>();
    checks.values().forEach(check -> results.add(
        safely(check).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).map(v -> true).otherwise(false)));
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
