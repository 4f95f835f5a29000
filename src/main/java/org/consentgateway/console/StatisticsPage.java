package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.supervision.Statistics;
import org.consentgateway.supervision.StatsQuery;
import org.consentgateway.value.Principal;
import org.consentgateway.web.Labels;
import org.consentgateway.web.Pages;
import org.consentgateway.web.Responder;

/**
 * Charts of the statistics over time, for regulators: queries per day by purpose (allowed and
 * refused), refusals by reason code and queries per institution, from the numbers
 * {@code GET /v1/audit/stats} answers for the same days ({@link Statistics}), drawn as SVG on the
 * server ({@link Chart}) and each followed by its table; and a table of the complaints resolved per
 * institution, upheld and dismissed ({@link ComplaintsResolved}, issue 17).
 *
 * <p>A read is recorded as the API's is: an {@code audit.read} entry by the member, disclosing
 * {@code "stats"}, with the SHA-256 of the statistics' JSON (the bytes the API would send for that
 * query), committed before the page is sent; if it cannot be, the page is 503 and shows nothing.
 * A form with a mistake reads nothing and records nothing: the page says what is wrong (400).
 */
final class StatisticsPage {

  /** The page as answered: the form, and the statistics when the form was right and the read done. */
  private record Shown(StatisticsForm form, Optional<StatisticsView> stats) {}

  private final ConsoleSessions sessions;
  private final ConsoleView view;
  private final Responder responder;
  private final Statistics statistics;
  private final AuditLog log;
  private final Clock clock;

  StatisticsPage(ConsoleSessions sessions, ConsoleView view, Responder responder, Statistics statistics, AuditLog log, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.view = requireNonNull(view, "view is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.statistics = requireNonNull(statistics, "statistics is null");
    this.log = requireNonNull(log, "log is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  void mount(Router router) {
    router.get(ConsoleRoutes.STATISTICS_PATH).handler(sessions.guard(ConsoleRoutes.STATISTICS.roles())).handler(this::page);
  }

  private void page(RoutingContext context) {
    Labels labels = view.labels(context);
    StatisticsForm form = StatisticsForm.read(parameter(context, StatisticsForm.FROM), parameter(context, StatisticsForm.TO),
        parameter(context, StatisticsForm.INSTITUTION), LocalDate.now(clock.withZone(Labels.ZONE)), view.words(context));
    if (form.query().isEmpty()) {
      show(context, new Shown(form, Optional.empty()), labels);
      return;
    }
    Principal member = sessions.member(context);
    responder.respond(context, () -> read(member, form.query().get())
            .map(stats -> new Shown(form, Optional.of(StatisticsCharts.of(stats, labels))))
            .recover(failure -> tooMany(failure)
                ? Future.succeededFuture(new Shown(form.refused(labels.t("console.stats.error.too-many")), Optional.empty()))
                : Future.failedFuture(failure)),
        shown -> show(context, shown, labels));
  }

  /** The statistics, once the member's read of them is recorded. */
  private Future<ObjectNode> read(Principal member, StatsQuery query) {
    return statistics.read(query).compose(stats -> log.append(
            AuditEvent.read(clock.instant(), member.actor(), "stats", Sha256Hash.digest(Pages.encode(stats))))
        .recover(failure -> Future.failedFuture(
            new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; nothing was disclosed.")))
        .map(appended -> stats));
  }

  /** The one refusal of a well-formed read: it matched more cells than one read returns. */
  private static boolean tooMany(Throwable failure) {
    return failure instanceof ProblemException problem && problem.code() == ErrorCode.INVALID_REQUEST;
  }

  private void show(RoutingContext context, Shown shown, Labels labels) {
    view.render(context, shown.form().errors().any() ? 400 : 200, ConsoleRoutes.STATISTICS, "console/statistics.jte", Map.of(
        "form", shown.form(), "stats", shown.stats(), "labels", labels, "action", ConsoleRoutes.STATISTICS_PATH));
  }

  /** A field of the form as sent; absent is empty, as a field left empty. */
  private static String parameter(RoutingContext context, String name) {
    return Objects.requireNonNullElse(context.request().getParam(name), "");
  }
}
