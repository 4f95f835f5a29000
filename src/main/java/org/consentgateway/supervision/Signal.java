package org.consentgateway.supervision;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.consentgateway.audit.AuditAction;

/**
 * Something a regulator should look at, with the rule that raised it and the entries behind it:
 * those of {@code institution} (and {@code purpose}, {@code action} when present) in
 * {@code [from, to)}. Never a person: no subject, only counts, and distinct-subject counts under
 * the small-cell threshold hidden ({@link Figure#subjects}).
 *
 * @param day the statistics day the signal is about; empty for one that spans days (overdue disputes)
 * @param baseline what the institution usually does, when the rule compares with it
 */
public record Signal(SignalRule rule, Optional<String> institution, Optional<String> purpose, Optional<LocalDate> day, Instant from,
    Instant to, Figure observed, Optional<Figure> baseline, Figure threshold, Optional<AuditAction> action) {

  // What the search parameters may hold, so the link needs no escaping: a USCC, a purpose code.
  private static final Pattern PLAIN = Pattern.compile("[0-9A-Z_]+");

  public Signal {
    requireNonNull(rule, "rule is null");
    requireNonNull(institution, "institution is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(day, "day is null");
    requireNonNull(from, "from is null");
    requireNonNull(to, "to is null");
    requireNonNull(observed, "observed is null");
    requireNonNull(baseline, "baseline is null");
    requireNonNull(threshold, "threshold is null");
    requireNonNull(action, "action is null");
    institution.filter(value -> !PLAIN.matcher(value).matches()).ifPresent(value -> {
      throw new IllegalArgumentException("an institution is a USCC");
    });
    purpose.filter(value -> !PLAIN.matcher(value).matches()).ifPresent(value -> {
      throw new IllegalArgumentException("a purpose is a purpose code");
    });
  }

  /**
   * The query string that finds the entries behind the signal, with the parameter names both
   * {@code GET /v1/audit/search} and the console's search page take:
   * {@code institution=…&from=<RFC 3339>&to=<RFC 3339>[&purpose=…][&action=…]}.
   */
  public String searchParameters() {
    List<String> parameters = new ArrayList<>();
    institution.ifPresent(value -> parameters.add("institution=" + value));
    // Instant.toString is RFC 3339 in UTC (2025-03-05T16:00:00Z): nothing in it needs escaping in a query.
    parameters.add("from=" + from);
    parameters.add("to=" + to);
    purpose.ifPresent(value -> parameters.add("purpose=" + value));
    action.ifPresent(value -> parameters.add("action=" + value.wireName()));
    return String.join("&", parameters);
  }
}
