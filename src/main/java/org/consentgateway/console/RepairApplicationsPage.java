package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.repair.Evidence;
import org.consentgateway.repair.Repair;
import org.consentgateway.repair.RepairStatus;
import org.consentgateway.repair.Repairs;
import org.consentgateway.value.Principal;
import org.consentgateway.web.FormErrors;
import org.consentgateway.web.Messages;
import org.consentgateway.web.Notice;
import org.consentgateway.web.Pages;
import org.consentgateway.web.Paths;
import org.consentgateway.web.Responder;

/**
 * The data provider's pending credit-repair applications (operators only): those of its own
 * records, as {@code GET /v1/repairs?status=PENDING} lists them, nearest due date first, each with
 * the citizen's evidence, links to download its documents, and two forms: approve, or reject with
 * a reason the citizen is told. A decision goes through {@link Repairs} (audited in its
 * transaction), then the list is shown again with a notice. A rejection without a reason, or with
 * one too long, is shown on the list with an error summary (400) and nothing changes. Another
 * provider's application is 404 here and one already decided 409 ({@code repair_not_pending}), as the API answers.
 */
final class RepairApplicationsPage {

  static final String REASON_FIELD = "reason";
  private static final String TEMPLATE = "console/repairs.jte";

  private final ConsoleSessions sessions;
  private final ConsoleView view;
  private final Pages pages;
  private final Responder responder;
  private final Repairs repairs;
  private final Clock clock;

  RepairApplicationsPage(ConsoleSessions sessions, ConsoleView view, Pages pages, Responder responder, Repairs repairs, Clock clock) {
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.view = requireNonNull(view, "view is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.repairs = requireNonNull(repairs, "repairs is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** Where the approve form of application {@code id} posts. */
  static String approvePath(UUID id) {
    return ConsoleRoutes.REPAIRS_PATH + "/" + id + "/approve";
  }

  /** Where the reject form of application {@code id} posts. */
  static String rejectPath(UUID id) {
    return ConsoleRoutes.REPAIRS_PATH + "/" + id + "/reject";
  }

  /** Where the {@code n}th (from 1) document of application {@code id} downloads. */
  static String attachmentPath(UUID id, int n) {
    return ConsoleRoutes.REPAIRS_PATH + "/" + id + "/attachments/" + n;
  }

  void mount(Router router) {
    var guard = sessions.guard(ConsoleRoutes.REPAIRS.roles());
    router.get(ConsoleRoutes.REPAIRS_PATH).handler(guard).handler(this::list);
    router.post(ConsoleRoutes.REPAIR_APPROVE).handler(guard).handler(this::approve);
    router.post(ConsoleRoutes.REPAIR_REJECT).handler(guard).handler(this::reject);
    router.get(ConsoleRoutes.REPAIR_ATTACHMENT).handler(guard).handler(this::attachment);
  }

  private void list(RoutingContext context) {
    Instant now = clock.instant();
    responder.respond(context, () -> pending(sessions.member(context)),
        all -> render(context, 200, all.stream().map(repair -> RepairApplicationRow.of(repair, now)).toList(), FormErrors.NONE));
  }

  private void approve(RoutingContext context) {
    Principal operator = sessions.member(context);
    responder.respond(context, () -> repairs.approve(operator, Paths.id(context)),
        approved -> pages.redirect(context, Notice.REPAIR_APPROVED.after(ConsoleRoutes.REPAIRS_PATH)));
  }

  private void reject(RoutingContext context) {
    Principal operator = sessions.member(context);
    String reason = Optional.ofNullable(context.request().getFormAttribute(REASON_FIELD)).orElse("");
    Optional<String> wrong = reasonError(view.words(context), reason);
    if (wrong.isEmpty()) {
      responder.respond(context, () -> repairs.reject(operator, Paths.id(context), reason),
          rejected -> pages.redirect(context, Notice.REPAIR_REJECTED.after(ConsoleRoutes.REPAIRS_PATH)));
      return;
    }
    // The list again, the reason as typed beside its error; nothing decided.
    Instant now = clock.instant();
    responder.respond(context, () -> {
      UUID id = Paths.id(context);
      return pending(operator).map(all -> {
        if (all.stream().noneMatch(repair -> repair.id().equals(id))) {
          throw new ProblemException(ErrorCode.NOT_FOUND, "No such repair application.");
        }
        return all.stream().map(repair -> repair.id().equals(id)
            ? RepairApplicationRow.of(repair, now).withReasonError(reason, wrong.get()) : RepairApplicationRow.of(repair, now)).toList();
      });
    }, rows -> {
      RepairApplicationRow failed = rows.stream().filter(row -> row.reasonError().isPresent()).findFirst().orElseThrow();
      render(context, 400, rows, FormErrors.of(failed.reasonField(), failed.reasonError().get()));
    });
  }

  /**
   * A document of one of the operator's own applications, as a download under a plain name (the
   * citizen's file name may be anything, and stays out of headers): never shown inline, so a
   * document cannot run as a page of the console.
   */
  private void attachment(RoutingContext context) {
    Principal operator = sessions.member(context);
    responder.respond(context, () -> {
      UUID id = Paths.id(context);
      int n = number(context.pathParam("n"));
      return repairs.forProvider(operator, id).map(repair -> repair.evidence().attachments())
          .map(attachments -> {
            if (n > attachments.size()) {
              throw new ProblemException(ErrorCode.NOT_FOUND, "No such attachment.");
            }
            return attachments.get(n - 1);
          });
    }, found -> pages.attachment(context, found.mediaType(), fileName(context.pathParam("n"), found), found.content()));
  }

  private Future<List<Repair>> pending(Principal operator) {
    return repairs.forProvider(operator, RepairStatus.PENDING);
  }

  /** The list; a notice only when a decision's redirect names one ({@code ?done=}). */
  private void render(RoutingContext context, int status, List<RepairApplicationRow> rows, FormErrors errors) {
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("rows", rows);
    parameters.put("errors", errors);
    parameters.put("notice", Notice.of(context));
    parameters.put("labels", view.labels(context));
    parameters.put("maxLength", Repairs.MAX_NOTE_LENGTH);
    view.render(context, status, ConsoleRoutes.REPAIRS, TEMPLATE, parameters);
  }

  private static Optional<String> reasonError(Messages words, String reason) {
    if (reason.isBlank()) {
      return Optional.of(words.text("console.repairs.reason.missing"));
    }
    String stripped = reason.strip();
    if (stripped.codePointCount(0, stripped.length()) > Repairs.MAX_NOTE_LENGTH) {
      return Optional.of(words.text("console.repairs.reason.tooLong", Repairs.MAX_NOTE_LENGTH));
    }
    return Optional.empty();
  }

  /** The path's document number, 1 to 9: anything else names no document (404). */
  private static int number(String text) {
    if (text != null && text.matches("[1-9]")) {
      return Integer.parseInt(text);
    }
    throw new ProblemException(ErrorCode.NOT_FOUND, "No such attachment.");
  }

  private static String fileName(String n, Evidence.Attachment attachment) {
    String extension = switch (attachment.mediaType()) {
      case "application/pdf" -> "pdf";
      case "image/png" -> "png";
      case "image/jpeg" -> "jpg";
      default -> throw new IllegalStateException("Evidence admits no other media type");
    };
    return "repair-evidence-" + n + "." + extension;
  }
}
