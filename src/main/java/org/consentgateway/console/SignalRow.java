package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.consentgateway.supervision.Signal;

/**
 * A signal as the console lists it: its rule (by wire name, for its words), institution, purpose,
 * window, observed figure against the threshold, and the link to the console's search for the
 * entries behind it. No person in it: only counts, small ones hidden ({@code "< 5"}).
 */
public record SignalRow(String rule, Optional<String> institution, Optional<String> purpose, Instant from, Instant to,
    String observed, Optional<String> baseline, String threshold, String entries) {

  /** The console's entry search; it takes exactly the parameters of {@code GET /v1/audit/search}. */
  static final String SEARCH = ConsoleRoutes.PREFIX + "/search";

  public SignalRow {
    requireNonNull(rule, "rule is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(observed, "observed is null");
    requireNonNull(baseline, "baseline is null");
    requireNonNull(threshold, "threshold is null");
    requireNonNull(entries, "entries is null");
  }

  static SignalRow of(Signal signal) {
    return new SignalRow(signal.rule().wireName(), signal.institution(), signal.purpose(), signal.from(), signal.to(),
        signal.observed().text(), signal.baseline().map(figure -> figure.text()), signal.threshold().text(),
        SEARCH + "?" + signal.searchParameters());
  }
}
