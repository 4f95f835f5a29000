package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.consent.ConsentUses;
import org.consentgateway.policy.Purpose;
import org.consentgateway.supervision.SearchFilter;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.web.FormErrors;
import org.consentgateway.web.Messages;

/**
 * The console's search form as sent (query parameters of {@value ConsoleRoutes#SEARCH}, or the
 * export form's fields), read into a {@link SearchFilter}. The names are those of the API's
 * {@code GET /v1/audit/search} (other pages link here with them); none names a person.
 *
 * <p>{@code from} and {@code to} take an RFC 3339 instant, what links carry, or the
 * {@code YYYY-MM-DDTHH:MM[:SS]} a {@code datetime-local} input sends, read in {@link #ZONE}: the
 * zone of the statistics' days, so a search for a day finds that day's counts.
 *
 * @param values what each field showed, as typed (a valid time as the reader's local time)
 * @param errors each field's error, in the reader's words; empty when the filter holds
 */
public record SearchForm(Map<String, String> values, Optional<SearchFilter> filter, long after, FormErrors errors, boolean asked) {

  public static final ZoneId ZONE = ConsentUses.LIMIT_ZONE;
  static final String INSTITUTION = "institution";
  static final String PURPOSE = "purpose";
  static final String ACTION = "action";
  static final String OUTCOME = "outcome";
  static final String FROM = "from";
  static final String TO = "to";
  static final String AFTER = "after";
  /** The filter's fields, in the order of the form and of a link's query. */
  static final List<String> FIELDS = List.of(INSTITUTION, PURPOSE, ACTION, OUTCOME, FROM, TO);
  /** The id of the form, where an error about the whole form (an unknown parameter) links to. */
  static final String FORM_ID = "search-form";

  private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  public SearchForm {
    values = Map.copyOf(values);
    requireNonNull(filter, "filter is null");
    requireNonNull(errors, "errors is null");
  }

  /** What field {@code name} shows: as typed, or empty. */
  public String value(String name) {
    return values.getOrDefault(name, "");
  }

  /**
   * Reads {@code parameters}. A field sent empty is no condition. An unknown parameter is refused,
   * as the API refuses it, rather than ignored: a search "by" something it cannot search by (above
   * all a person) must not quietly show everything. {@code alsoAllowed} are names the page itself
   * uses ({@code lang}, the CSRF field).
   *
   * @param withAfter whether {@value #AFTER} (the page after an index) may be given
   */
  static SearchForm read(MultiMap parameters, Messages words, boolean withAfter, Set<String> alsoAllowed) {
    Map<String, String> values = new LinkedHashMap<>();
    List<FormErrors.FieldError> errors = new ArrayList<>();
    boolean asked = false;
    for (String name : parameters.names()) {
      boolean known = FIELDS.contains(name) || (withAfter && AFTER.equals(name));
      if (!known && !alsoAllowed.contains(name)) {
        // The name is not repeated: whatever was sent is never echoed.
        errors.add(new FormErrors.FieldError(FORM_ID, words.text("console.search.error.unknown")));
        break;
      }
      asked |= known;
    }
    Map<String, Object> parsed = new LinkedHashMap<>();
    for (String name : FIELDS) {
      String text = Optional.ofNullable(parameters.get(name)).map(String::strip).orElse("");
      values.put(name, text);
      if (!text.isEmpty()) {
        try {
          Object value = parser(name).apply(text);
          parsed.put(name, value);
          if (value instanceof Instant instant) {
            values.put(name, local(instant));
          }
        } catch (IllegalArgumentException | DateTimeParseException e) {
          errors.add(new FormErrors.FieldError(name, words.text("console.search.error." + name)));
        }
      }
    }
    if (parsed.get(FROM) instanceof Instant from && parsed.get(TO) instanceof Instant to && !from.isBefore(to)) {
      errors.add(new FormErrors.FieldError(TO, words.text("console.search.error.order")));
    }
    long after = -1;
    String afterText = withAfter ? parameters.get(AFTER) : null;
    if (afterText != null && !afterText.isEmpty()) {
      try {
        after = Long.parseLong(afterText);
        if (after < 0) {
          throw new NumberFormatException("negative");
        }
      } catch (NumberFormatException e) {
        errors.add(new FormErrors.FieldError(FORM_ID, words.text("console.search.error.after")));
      }
    }
    FormErrors found = new FormErrors(errors);
    Optional<SearchFilter> filter = found.any() ? Optional.empty() : Optional.of(new SearchFilter(
        Optional.ofNullable((String) parsed.get(INSTITUTION)), Optional.ofNullable((String) parsed.get(PURPOSE)),
        Optional.ofNullable((AuditAction) parsed.get(ACTION)), Optional.ofNullable((AuditOutcome) parsed.get(OUTCOME)),
        Optional.ofNullable((Instant) parsed.get(FROM)), Optional.ofNullable((Instant) parsed.get(TO))));
    return new SearchForm(values, filter, after, found, asked);
  }

  /**
   * The filter's conditions as the form's names and exact values (times as RFC 3339 instants), in
   * form order: what the next page's link and the export form carry.
   */
  static Map<String, String> canonical(SearchFilter filter) {
    Map<String, String> fields = new LinkedHashMap<>();
    filter.institution().ifPresent(value -> fields.put(INSTITUTION, value));
    filter.purpose().ifPresent(value -> fields.put(PURPOSE, value));
    filter.action().ifPresent(value -> fields.put(ACTION, value.wireName()));
    filter.outcome().ifPresent(value -> fields.put(OUTCOME, value.name()));
    filter.from().ifPresent(value -> fields.put(FROM, value.toString()));
    filter.to().ifPresent(value -> fields.put(TO, value.toString()));
    return fields;
  }

  /** {@code name=value&...} of {@link #canonical}, encoded for a URL. */
  static String queryString(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static Function<String, Object> parser(String name) {
    return switch (name) {
      case INSTITUTION -> text -> UnifiedSocialCreditCode.parse(text).value();
      case PURPOSE -> text -> {
        if (!Purpose.CODE.matcher(text).matches()) {
          throw new IllegalArgumentException("not a purpose code");
        }
        return text;
      };
      case ACTION -> text -> AuditAction.fromWireName(text).orElseThrow(() -> new IllegalArgumentException("not an action"));
      case OUTCOME -> AuditOutcome::valueOf;
      case FROM, TO -> SearchForm::instant;
      default -> throw new IllegalArgumentException("no such field: " + name);
    };
  }

  /** An RFC 3339 instant, or a local date and time in {@link #ZONE} (what a {@code datetime-local} input sends). */
  static Instant instant(String text) {
    if (text.length() > 40) {
      throw new IllegalArgumentException("too long for a time");
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notAnInstant) {
      return LocalDateTime.parse(text).atZone(ZONE).toInstant();
    }
  }

  /** {@code instant} as a {@code datetime-local} input shows it: local time in {@link #ZONE}, seconds only when it has some. */
  static String local(Instant instant) {
    LocalDateTime local = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZONE);
    return (local.getSecond() == 0 ? LOCAL_MINUTES : LOCAL_SECONDS).format(local);
  }
}
