package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.Purpose;
import org.consentgateway.supervision.EntrySearch;
import org.consentgateway.supervision.Granularity;
import org.consentgateway.supervision.SearchFilter;
import org.consentgateway.supervision.Signals;
import org.consentgateway.supervision.SignalsQuery;
import org.consentgateway.supervision.SignalsReport;
import org.consentgateway.supervision.Statistics;
import org.consentgateway.supervision.StatsQuery;
import org.consentgateway.value.UnifiedSocialCreditCode;

/**
 * Supervision over HTTP (docs/api.md "Regulator"): {@code GET /v1/audit/stats},
 * {@code GET /v1/audit/search} and {@code GET /v1/audit/signals}, regulator only (AccessRules). Each is an audited regulator read,
 * like the other {@code /v1/audit/*} reads. The search takes no parameter that names a person.
 */
public final class SupervisionRoutes {

  public static final String STATS_PATH = "/v1/audit/stats";
  public static final String SEARCH_PATH = "/v1/audit/search";
  public static final String SIGNALS_PATH = "/v1/audit/signals";
  /** A search page's size when {@code limit} is not given. */
  public static final int DEFAULT_LIMIT = 100;

  private static final Set<String> STATS_PARAMETERS = Set.of("from", "to", "institution", "purpose", "granularity");
  private static final Set<String> SIGNALS_PARAMETERS = Set.of("from", "to");
  private static final Set<String> SEARCH_PARAMETERS = Set.of("institution", "purpose", "action", "outcome", "from", "to", "after", "limit");

  private final Statistics statistics;
  private final EntrySearch search;
  private final Signals signals;
  private final RegulatorReads reads;

  public SupervisionRoutes(Statistics statistics, EntrySearch search, Signals signals, AuditLog log, Clock clock) {
    this.statistics = requireNonNull(statistics, "statistics is null");
    this.search = requireNonNull(search, "search is null");
    this.signals = requireNonNull(signals, "signals is null");
    this.reads = new RegulatorReads(log, clock);
  }

  public void mount(Router router) {
    router.get(STATS_PATH).handler(this::stats);
    router.get(SEARCH_PATH).handler(this::search);
    router.get(SIGNALS_PATH).handler(this::signals);
  }

  /** The signals of {@code from} to {@code to} (days, both included); by default the last week, today included. */
  private void signals(RoutingContext context) {
    onlyParameters(context, SIGNALS_PARAMETERS);
    Optional<LocalDate> to = optional(context, "to", SupervisionRoutes::day);
    SignalsQuery query = optional(context, "from", SupervisionRoutes::day)
        .map(from -> new SignalsQuery(from, to.orElse(from.plusDays(SignalsQuery.DEFAULT_DAYS - 1))))
        .orElseGet(() -> to.map(SignalsQuery::weekTo).orElseGet(signals::lastWeek));
    reads.disclose(context, signals.read(query).map(SignalsReport::json), "signals");
  }

  private void stats(RoutingContext context) {
    onlyParameters(context, STATS_PARAMETERS);
    LocalDate from = required(context, "from", SupervisionRoutes::day);
    LocalDate to = required(context, "to", SupervisionRoutes::day);
    StatsQuery query = new StatsQuery(from, to, optional(context, "institution", SupervisionRoutes::institution),
        optional(context, "purpose", SupervisionRoutes::purpose),
        optional(context, "granularity", SupervisionRoutes::granularity).orElseGet(() -> Granularity.forWindow(from, to)));
    reads.disclose(context, statistics.read(query), "stats");
  }

  private void search(RoutingContext context) {
    onlyParameters(context, SEARCH_PARAMETERS);
    SearchFilter filter = new SearchFilter(
        optional(context, "institution", SupervisionRoutes::institution),
        optional(context, "purpose", SupervisionRoutes::purpose),
        optional(context, "action", SupervisionRoutes::action),
        optional(context, "outcome", SupervisionRoutes::outcome),
        optional(context, "from", SupervisionRoutes::instant),
        optional(context, "to", SupervisionRoutes::instant));
    long after = optional(context, "after", text -> AuditRoutes.parameter(context, "after")).orElse(-1L);
    int limit = optional(context, "limit", SupervisionRoutes::limit).orElse(DEFAULT_LIMIT);
    Future<ObjectNode> body = search.entries(filter, after, limit).map(entries -> {
      ObjectNode json = JsonNodeFactory.instance.objectNode();
      json.set("entries", AuditRoutes.entriesJson(entries));
      // The next page starts after the last index of a full one.
      if (entries.size() == limit) {
        json.put("next", entries.get(entries.size() - 1).index());
      } else {
        json.putNull("next");
      }
      return json;
    });
    reads.disclose(context, body, "search");
  }

  /** An unknown parameter is refused, not ignored: above all, no search takes a person's identity. */
  private static void onlyParameters(RoutingContext context, Set<String> known) {
    for (String name : context.request().params().names()) {
      if (!known.contains(name)) {
        // The name is not repeated: whatever a client sends is never echoed.
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "An unknown query parameter was given; this read takes only "
            + known.stream().sorted().collect(Collectors.joining(", ")) + " (never a person's identity).");
      }
    }
  }

  private static <T> T required(RoutingContext context, String name, Function<String, T> parse) {
    return optional(context, name, parse)
        .orElseThrow(() -> new ProblemException(ErrorCode.INVALID_REQUEST, "Query parameter " + name + " is required."));
  }

  private static <T> Optional<T> optional(RoutingContext context, String name, Function<String, T> parse) {
    String text = context.request().getParam(name);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "Query parameter " + name + " must be " + expected(name) + ".");
    }
  }

  private static String expected(String name) {
    return switch (name) {
      case "from", "to" -> "a date such as 2025-03-01 (stats, signals) or an RFC 3339 time such as 2025-03-01T08:00:00Z (search)";
      case "institution" -> "an 18-character unified social credit code";
      case "purpose" -> "a purpose code such as LOAN_APPROVAL";
      case "action" -> "an audit action such as query.denied";
      case "outcome" -> "one of " + Arrays.toString(AuditOutcome.values());
      case "limit" -> "a whole number from 1 to " + EntrySearch.MAX_LIMIT;
      case "granularity" -> "day, week or month";
      default -> "a whole number, 0 or more";
    };
  }

  private static LocalDate day(String text) {
    return LocalDate.parse(text);
  }

  private static Granularity granularity(String text) {
    return Granularity.parse(text).orElseThrow(() -> new IllegalArgumentException("not a granularity"));
  }

  private static Instant instant(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  private static String institution(String text) {
    return UnifiedSocialCreditCode.parse(text).value();
  }

  private static String purpose(String text) {
    if (!Purpose.CODE.matcher(text).matches()) {
      throw new IllegalArgumentException("not a purpose code");
    }
    return text;
  }

  private static AuditAction action(String text) {
    return AuditAction.fromWireName(text).orElseThrow(() -> new IllegalArgumentException("not an action"));
  }

  private static AuditOutcome outcome(String text) {
    return AuditOutcome.valueOf(text);
  }

  private static int limit(String text) {
    int limit = Integer.parseInt(text);
    if (limit < 1 || limit > EntrySearch.MAX_LIMIT) {
      throw new IllegalArgumentException("limit out of range");
    }
    return limit;
  }
}
