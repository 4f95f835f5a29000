package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.consentgateway.dispute.DisputeStatus;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.web.Responder;

/** The open disputes past their deadline, oldest deadline first, without any person's identity ({@link OverdueDisputeRow}). */
final class OverdueDisputesPage {

  private final ConsoleSessions sessions;
  private final ConsoleView view;
  private final Responder responder;
  private final Disputes disputes;
  private final Clock clock;

  OverdueDisputesPage(ConsoleSessions sessions, ConsoleView view, Responder responder, Disputes disputes, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.view = requireNonNull(view, "view is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.disputes = requireNonNull(disputes, "disputes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  void mount(Router router) {
    router.get(ConsoleRoutes.OVERDUE_DISPUTES).handler(sessions.guard(ConsoleRoutes.OVERDUE.roles())).handler(this::page);
  }

  private void page(RoutingContext context) {
    Instant now = clock.instant();
    responder.respond(context, () -> disputes.withStatus(DisputeStatus.OPEN)
            .map(open -> open.stream().filter(dispute -> dispute.overdue(now)).map(dispute -> OverdueDisputeRow.of(dispute, now)).toList()),
        rows -> view.render(context, ConsoleRoutes.OVERDUE, "console/overdue.jte", Map.of("rows", rows, "labels", view.labels(context))));
  }
}
