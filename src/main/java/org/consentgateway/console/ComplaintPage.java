package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditEvent;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.complaint.ComplaintOutcome;
import org.consentgateway.complaint.Complaints;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.value.Principal;
import org.consentgateway.web.FormErrors;
import org.consentgateway.web.Labels;
import org.consentgateway.web.Messages;
import org.consentgateway.web.Notice;
import org.consentgateway.web.Pages;
import org.consentgateway.web.Paths;
import org.consentgateway.web.Responder;
import org.consentgateway.web.TextField;

/**
 * One complaint (regulators only): the facts, the citizen's words, the question to the institution
 * and its answer, the decision; and the forms its status allows — acknowledge, ask the institution
 * (a question), resolve upheld or dismissed with a note — each a POST with the session's CSRF token
 * (checked by {@link ConsoleSessions#handle}) that changes the complaint through {@link Complaints}
 * (audited in the change's transaction) and comes back here with a notice. A form with a mistake
 * comes back with it said (400); a change the status no longer allows is the 409 page; a log that
 * cannot take the change's entry the 503 page, and nothing changed. Showing the page is the member's
 * audited read ({@code disclosedFields: ["complaint"]}, the SHA-256 of what it shows as JSON). The
 * citizen's words are in the page only: never in a URL, a log line or an audit entry.
 */
final class ComplaintPage {

  static final String QUESTION_FIELD = "question";
  static final String OUTCOME_FIELD = "outcome";
  static final String NOTE_FIELD = "note";
  private static final String TEMPLATE = "console/complaint.jte";

  private final ConsoleSessions sessions;
  private final ConsoleView view;
  private final Pages pages;
  private final Responder responder;
  private final Complaints complaints;
  private final ClientRegistry registry;
  private final AuditLog log;
  private final Clock clock;

  ComplaintPage(ConsoleSessions sessions, ConsoleView view, Pages pages, Responder responder, Complaints complaints,
      ClientRegistry registry, AuditLog log, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.view = requireNonNull(view, "view is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.complaints = requireNonNull(complaints, "complaints is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.log = requireNonNull(log, "log is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  void mount(Router router) {
    var guard = sessions.guard(ConsoleRoutes.COMPLAINTS.roles());
    router.get(ConsoleRoutes.COMPLAINT).handler(guard).handler(context -> show(context, 200, ComplaintInput.NOTHING));
    router.post(ConsoleRoutes.COMPLAINT_ACKNOWLEDGE).handler(guard).handler(this::acknowledge);
    router.post(ConsoleRoutes.COMPLAINT_ASK).handler(guard).handler(this::ask);
    router.post(ConsoleRoutes.COMPLAINT_RESOLVE).handler(guard).handler(this::resolve);
  }

  private void show(RoutingContext context, int status, ComplaintInput entered) {
    Principal member = sessions.member(context);
    Labels labels = view.labels(context);
    responder.respond(context, () -> {
      UUID id = Paths.id(context);
      return complaints.find(id)
          .map(found -> found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No such complaint.")))
          .compose(complaint -> ComplaintsPage.cases(List.of(complaint), registry, labels, clock.instant()))
          .map(cases -> cases.get(0))
          .compose(shown -> ComplaintsPage.recorded(log, AuditEvent.read(clock.instant(), member.actor(), "complaint",
              Sha256Hash.digest(Pages.encode(shown.shown()))), shown));
    }, shown -> {
      Map<String, Object> parameters = Map.of("complaint", shown, "labels", labels, "entered", entered, "notice", Notice.of(context),
          "maxLength", Complaints.MAX_TEXT_LENGTH);
      if (context.request().method() == HttpMethod.POST) {
        view.renderAnswer(context, status, ConsoleRoutes.COMPLAINTS, TEMPLATE, parameters, shown.path());
      } else {
        view.render(context, status, ConsoleRoutes.COMPLAINTS, TEMPLATE, parameters);
      }
    });
  }

  private void acknowledge(RoutingContext context) {
    Principal member = sessions.member(context);
    responder.respond(context, () -> complaints.acknowledge(member, Paths.id(context)),
        done -> pages.redirect(context, Notice.COMPLAINT_ACKNOWLEDGED.after(ConsoleRoutes.complaint(done.id()))));
  }

  private void ask(RoutingContext context) {
    Principal member = sessions.member(context);
    String question = field(context, QUESTION_FIELD);
    FormErrors errors = TextField.check(view.words(context), QUESTION_FIELD, question, Complaints.MAX_TEXT_LENGTH);
    if (errors.any()) {
      show(context, 400, new ComplaintInput(question, "", "", errors));
      return;
    }
    responder.respond(context, () -> complaints.requestInformation(member, Paths.id(context), question),
        done -> pages.redirect(context, Notice.INFORMATION_REQUESTED.after(ConsoleRoutes.complaint(done.id()))));
  }

  private void resolve(RoutingContext context) {
    Principal member = sessions.member(context);
    String outcomeCode = field(context, OUTCOME_FIELD);
    String note = field(context, NOTE_FIELD);
    Messages words = view.words(context);
    Optional<ComplaintOutcome> outcome = ComplaintOutcome.fromCode(outcomeCode);
    List<FormErrors.FieldError> errors = new ArrayList<>();
    if (outcome.isEmpty()) {
      errors.add(new FormErrors.FieldError(OUTCOME_FIELD, words.text("form.outcome.missing")));
    }
    errors.addAll(TextField.check(words, NOTE_FIELD, note, Complaints.MAX_TEXT_LENGTH).errors());
    if (!errors.isEmpty()) {
      show(context, 400, new ComplaintInput("", outcome.map(ComplaintOutcome::code).orElse(""), note, new FormErrors(errors)));
      return;
    }
    responder.respond(context, () -> complaints.resolve(member, Paths.id(context), outcome.get(), note),
        done -> pages.redirect(context, Notice.COMPLAINT_RESOLVED.after(ConsoleRoutes.complaint(done.id()))));
  }

  private static String field(RoutingContext context, String name) {
    return Optional.ofNullable(context.request().getFormAttribute(name)).orElse("");
  }
}
