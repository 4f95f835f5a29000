package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.complaint.Complaint;
import org.consentgateway.complaint.Complaints;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.value.Principal;
import org.consentgateway.web.Labels;
import org.consentgateway.web.Pages;
import org.consentgateway.web.Responder;

/**
 * The open complaints (regulators only), oldest deadline first, each with its filing date,
 * deadline (overdue said in words), institution, reason, status and audit entry, linking to the
 * complaint's own page ({@link ComplaintPage}). No citizen's words here. Reading the list is the
 * member's audited read ({@code audit.read}, {@code disclosedFields: ["complaints"]}, the SHA-256 of
 * the listed facts as JSON), durable before the page is sent; when the log cannot take it, the
 * page is the 503 one and shows nothing.
 */
final class ComplaintsPage {

  private final ConsoleSessions sessions;
  private final ConsoleView view;
  private final Responder responder;
  private final Complaints complaints;
  private final ClientRegistry registry;
  private final AuditLog log;
  private final Clock clock;

  ComplaintsPage(ConsoleSessions sessions, ConsoleView view, Responder responder, Complaints complaints, ClientRegistry registry,
      AuditLog log, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.view = requireNonNull(view, "view is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.complaints = requireNonNull(complaints, "complaints is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.log = requireNonNull(log, "log is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  void mount(Router router) {
    router.get(ConsoleRoutes.COMPLAINTS_PATH).handler(sessions.guard(ConsoleRoutes.COMPLAINTS.roles())).handler(this::page);
  }

  private void page(RoutingContext context) {
    Principal member = sessions.member(context);
    Labels labels = view.labels(context);
    Instant now = clock.instant();
    responder.respond(context, () -> complaints.all()
            .map(all -> all.stream().filter(complaint -> complaint.status().open()).toList())
            .compose(open -> cases(open, registry, labels, now))
            .compose(rows -> recorded(member, rows)),
        rows -> view.render(context, ConsoleRoutes.COMPLAINTS, "console/complaints.jte", Map.of("rows", rows, "labels", labels)));
  }

  /** The complaints in the reader's words, each institution by its registered name (one lookup). */
  static Future<List<ComplaintCase>> cases(List<Complaint> complaints, ClientRegistry registry, Labels labels, Instant now) {
    Set<String> usccs = new LinkedHashSet<>();
    complaints.forEach(complaint -> usccs.add(complaint.institutionUscc()));
    return registry.institutionNames(usccs)
        .map(names -> complaints.stream().map(complaint -> ComplaintCase.of(complaint, names, labels, now)).toList());
  }

  private Future<List<ComplaintCase>> recorded(Principal member, List<ComplaintCase> rows) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ArrayNode listed = body.putArray("complaints");
    rows.forEach(row -> listed.add(row.listed()));
    return recorded(log, AuditEvent.read(clock.instant(), member.actor(), "complaints", Sha256Hash.digest(Pages.encode(body))), rows);
  }

  /** {@code shown} once {@code read} is committed; a read the log cannot take is not shown: 503, as any change's. */
  static <T> Future<T> recorded(AuditLog log, AuditEvent read, T shown) {
    return log.append(read).transform(appended -> appended.succeeded() ? Future.succeededFuture(shown)
        : Future.failedFuture(new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; nothing was shown.")));
  }
}
