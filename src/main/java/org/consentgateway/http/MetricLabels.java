package org.consentgateway.http;

import io.micrometer.core.instrument.config.MeterFilter;
import io.vertx.micrometer.Label;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps every label of the HTTP metrics to a fixed set of values, whatever clients send: each new
 * label value is a new time series, held until the process ends, so a label a client can choose is
 * a memory leak and a scrape that grows without bound. Methods outside RFC 9110's (and PATCH) are
 * one value, {@value #OTHER}; routes are labelled by their template (Vert.x's route label), never
 * by the path requested; nothing else about a request becomes a label.
 */
public final class MetricLabels {

  public static final String OTHER = "OTHER";
  /** RFC 9110 §9.3 and RFC 5789's PATCH: the only method names a label may carry. */
  public static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
      "PATCH");
  /** Every value a method label can take. */
  public static final Set<String> STANDARD_METHODS_AND_OTHER = Stream.concat(STANDARD_METHODS.stream(), Stream.of(OTHER))
      .collect(Collectors.toUnmodifiableSet());
  /**
   * The labels Vert.x may put on its metrics: the route template, method and status of HTTP
   * requests, the kind of a pool. Never {@link Label#HTTP_PATH} or {@link Label#REMOTE}: the
   * client chooses those.
   */
  public static final Set<Label> ENABLED = EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE,
      Label.EB_SIDE);
  private static final String METHOD_TAG = "method";

  private MetricLabels() {}

  /** {@code method} if it is a standard method name, else {@value #OTHER}: for labels and logs alike. */
  public static String method(String method) {
    return STANDARD_METHODS.contains(method) ? method : OTHER;
  }

  /** The registry filter that folds every non-standard method into {@value #OTHER}. */
  public static MeterFilter boundedMethods() {
    return MeterFilter.replaceTagValues(METHOD_TAG, MetricLabels::method);
  }
}
