package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.consentgateway.audit.AuditAction;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditOutcome;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.CaseFiles;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.StoredCheckpoint;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.supervision.EntrySearch;
import org.consentgateway.supervision.FoundEntry;
import org.consentgateway.supervision.SearchFilter;
import org.consentgateway.value.Principal;
import org.consentgateway.web.Page;
import org.consentgateway.web.Pages;
import org.consentgateway.web.Responder;

/**
 * The regulator's search of the log's entries by institution, purpose, action, outcome and time
 * ({@link SearchForm}), a page of {@value #PAGE_SIZE} at a time, and "export case": the case file
 * ({@link CaseFiles}, the same bundle as {@code POST /v1/audit/cases}) of the first
 * {@value #CASE_LIMIT} matching entries.
 *
 * <p>Both are audited regulator reads, as the API's: a page of results is an {@code audit.read}
 * entry ({@code disclosedFields: ["search"]}) with the SHA-256 of the page's results as JSON
 * ({@link #json}: an HTML page has no stable bytes to hash, its facts do), committed before the page
 * is sent; a case is recorded by {@link CaseFiles} with the hash of the zip.
 */
final class SearchPage {

  static final int PAGE_SIZE = 50;
  /** The most entries one case holds: one search's page ({@link EntrySearch#MAX_LIMIT}); a wider case is a narrower search. */
  static final int CASE_LIMIT = EntrySearch.MAX_LIMIT;
  static final String ZIP = "application/zip";
  private static final String TEMPLATE = "console/search.jte";

  /** Names the console itself adds to a request: the language switch and the CSRF field. */
  private static final Set<String> PAGE_PARAMETERS = Set.of("lang");
  private static final Set<String> FORM_PARAMETERS = Set.of("lang", Page.CSRF_FIELD);

  private final ConsoleSessions sessions;
  private final ConsoleView view;
  private final Pages pages;
  private final Responder responder;
  private final EntrySearch search;
  private final CaseFiles cases;
  private final AuditStore store;
  private final AuditLog log;
  private final PurposeCatalog purposes;
  private final Clock clock;

  SearchPage(ConsoleSessions sessions, ConsoleView view, Pages pages, Responder responder, EntrySearch search, CaseFiles cases,
      AuditStore store, AuditLog log, PurposeCatalog purposes, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.view = requireNonNull(view, "view is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.search = requireNonNull(search, "search is null");
    this.cases = requireNonNull(cases, "cases is null");
    this.store = requireNonNull(store, "store is null");
    this.log = requireNonNull(log, "log is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  void mount(Router router) {
    router.get(ConsoleRoutes.SEARCH).handler(sessions.guard(ConsoleRoutes.SEARCH_SECTION.roles())).handler(this::page);
    router.post(ConsoleRoutes.SEARCH_CASE).handler(sessions.guard(ConsoleRoutes.SEARCH_SECTION.roles())).handler(this::exportCase);
  }

  private void page(RoutingContext context) {
    SearchForm form = SearchForm.read(context.request().params(), pages.messages(context), true, PAGE_PARAMETERS);
    if (form.filter().isEmpty() || !form.asked()) {
      // Nothing asked yet, or something wrong: the form, with what is wrong; no search, no read.
      Map<String, Object> parameters = parameters(context, form);
      parameters.put("results", Optional.empty());
      view.render(context, form.errors().any() ? 400 : 200, ConsoleRoutes.SEARCH_SECTION, TEMPLATE, parameters);
      return;
    }
    Principal member = sessions.member(context);
    responder.respond(context, () -> results(member, form.filter().get(), form.after()),
        results -> {
          Map<String, Object> parameters = parameters(context, form);
          parameters.put("results", Optional.of(results));
          view.render(context, ConsoleRoutes.SEARCH_SECTION, TEMPLATE, parameters);
        });
  }

  /** A page of results, recorded as the member's read before it is shown. */
  private Future<SearchResults> results(Principal member, SearchFilter filter, long after) {
    Map<String, String> fields = SearchForm.canonical(filter);
    // One more than a page: whether there is a next page, without an empty last one.
    return search.found(filter, after, PAGE_SIZE + 1).compose(found -> search.countUpTo(filter, CASE_LIMIT + 1).map(count -> {
      List<FoundEntry> shown = found.subList(0, Math.min(PAGE_SIZE, found.size()));
      Optional<String> next = found.size() > PAGE_SIZE
          ? Optional.of(ConsoleRoutes.SEARCH + "?" + SearchForm.queryString(withAfter(fields, shown.get(shown.size() - 1).index())))
          : Optional.empty();
      return new SearchResults(shown, next, fields, count > CASE_LIMIT);
    })).compose(results -> recordRead(member, results).map(recorded -> results));
  }

  private static Map<String, String> withAfter(Map<String, String> fields, long after) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put(SearchForm.AFTER, Long.toString(after));
    return all;
  }

  private Future<Void> recordRead(Principal member, SearchResults results) {
    Sha256Hash shown = Sha256Hash.digest(Pages.encode(json(results.entries())));
    return log.append(AuditEvent.read(clock.instant(), member.actor(), "search", shown))
        .mapEmpty();
  }

  /** The results as JSON, member by member what the page shows: what the read's hash is of. */
  private static ObjectNode json(List<FoundEntry> entries) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode array = body.putArray("entries");
    for (FoundEntry entry : entries) {
      ObjectNode item = array.addObject().put("index", entry.index()).put("time", entry.time().toString());
      entry.institution().ifPresent(value -> item.put("institution", value));
      entry.purpose().ifPresent(value -> item.put("purpose", value));
      item.put("action", entry.action().wireName()).put("outcome", entry.outcome().name());
      entry.reasonCode().ifPresent(value -> item.put("reasonCode", value));
    }
    return body;
  }

  /**
   * The case of the first {@value #CASE_LIMIT} entries the form's filter matches, as a download.
   * Only entries a signed checkpoint covers go in (the newest few seconds' wait for the next one),
   * so a case can be made of what the search showed without waiting.
   */
  private void exportCase(RoutingContext context) {
    SearchForm form = SearchForm.read(context.request().formAttributes(), pages.messages(context), false, FORM_PARAMETERS);
    if (form.filter().isEmpty()) {
      // The form carries what the search page put in it; anything else was not sent by that page.
      responder.showError(context, new ProblemException(ErrorCode.INVALID_REQUEST, "The export form was changed."));
      return;
    }
    Principal member = sessions.member(context);
    SearchFilter filter = form.filter().get();
    responder.respond(context, () -> store.latestCheckpoint().compose(latest -> {
      long covered = latest.map(StoredCheckpoint::size).orElse(0L);
      return search.search(filter, -1, CASE_LIMIT).map(indexes -> indexes.stream().filter(index -> index < covered).toList());
    }).compose(indexes -> indexes.isEmpty()
        ? Future.failedFuture(new ProblemException(ErrorCode.CONFLICT, "No matching entry is covered by a signed checkpoint yet."))
        : cases.export(indexes, member)),
        file -> pages.attachment(context, ZIP, file.fileName(), file.bytes()));
  }

  /** The template's parameters but its results. */
  private Map<String, Object> parameters(RoutingContext context, SearchForm form) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("form", form);
    parameters.put("labels", view.labels(context));
    parameters.put("purposes", purposes.all());
    parameters.put("actions", Arrays.asList(AuditAction.values()));
    parameters.put("outcomes", Arrays.asList(AuditOutcome.values()));
    parameters.put("pageSize", PAGE_SIZE);
    parameters.put("caseLimit", CASE_LIMIT);
    return parameters;
  }
}
