package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.supervision.SignalRule;
import org.consentgateway.supervision.Signals;
import org.consentgateway.supervision.SignalsQuery;
import org.consentgateway.supervision.SignalsReport;
import org.consentgateway.value.Principal;
import org.consentgateway.web.Pages;
import org.consentgateway.web.Responder;

/**
 * The signals of the last week (regulators only), each with the rule that raised it and a link to
 * the console's search for the entries behind it. Reading them is the member's audited read, as
 * {@code GET /v1/audit/signals} is: the entry (with the hash of the signals' JSON) is durable
 * before the page is sent.
 */
final class SignalsPage {

  private final ConsoleSessions sessions;
  private final ConsoleView view;
  private final Responder responder;
  private final Signals signals;
  private final AuditLog log;
  private final Clock clock;

  SignalsPage(ConsoleSessions sessions, ConsoleView view, Responder responder, Signals signals, AuditLog log, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.view = requireNonNull(view, "view is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.signals = requireNonNull(signals, "signals is null");
    this.log = requireNonNull(log, "log is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  void mount(Router router) {
    router.get(ConsoleRoutes.SIGNALS_PATH).handler(sessions.guard(ConsoleRoutes.SIGNALS.roles())).handler(this::page);
  }

  private void page(RoutingContext context) {
    Principal member = sessions.member(context);
    SignalsQuery week = signals.lastWeek();
    responder.respond(context, () -> signals.read(week).compose(report -> recorded(member, report)),
        report -> view.render(context, ConsoleRoutes.SIGNALS, "console/signals.jte", Map.of(
            "rows", report.signals().stream().map(SignalRow::of).toList(),
            "rules", Arrays.stream(SignalRule.values()).map(SignalRule::wireName).toList(),
            "from", week.from().toString(),
            "to", week.to().toString(),
            "labels", view.labels(context))));
  }

  private Future<SignalsReport> recorded(Principal member, SignalsReport report) {
    return log.append(AuditEvent.read(clock.instant(), member.actor(), "signals", Sha256Hash.digest(Pages.encode(report.json()))))
        .map(appended -> report);
  }
}
