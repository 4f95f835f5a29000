package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.RecordChanges;
import org.consentgateway.records.RecordKind;
import org.consentgateway.value.Principal;

/**
 * The citizen's disputes: {@value #PATH} lists them with status and due date; {@value #NEW_PATH}
 * {@code ?recordId=} is the form to dispute one of their records with a reason, and its POST files
 * it through {@link Disputes} (audited), then shows the list with a notice. A reason that is
 * missing or too long, or a record already under dispute, is shown on the form with an error
 * summary; someone else's record is 404, as none.
 */
public final class DisputePages {

  public static final String PATH = "/app/disputes";
  public static final String NEW_PATH = "/app/disputes/new";
  static final String RECORD_FIELD = "recordId";
  static final String REASON_FIELD = "reason";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final Disputes disputes;
  private final RecordChanges records;
  private final PurposeCatalog purposes;
  private final Clock clock;

  public DisputePages(SignedIn signedIn, Pages pages, Responder responder, Disputes disputes, RecordChanges records,
      PurposeCatalog purposes, Clock clock) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.disputes = requireNonNull(disputes, "disputes is null");
    this.records = requireNonNull(records, "records is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The form that disputes record {@code recordId}. */
  public static String newPath(String recordId) {
    return NEW_PATH + "?" + RECORD_FIELD + "=" + Paths.uuid(recordId);
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::list);
    router.get(NEW_PATH).handler(signedIn.guard()).handler(this::form);
    router.post(NEW_PATH).handler(signedIn.guard()).handler(this::file);
  }

  private void list(RoutingContext context) {
    Page page = pages.page(context, "disputes.title", signedIn.csrfToken(context));
    responder.respond(context, () -> disputes.of(signedIn.citizen(context)), all -> pages.render(context, 200,
        "dashboard/disputes.jte", page, Map.of("disputes", all, "labels", new Labels(page.messages(), purposes),
            "now", clock.instant(), "notice", Notice.of(context))));
  }

  private void form(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    responder.respond(context, () -> records.ownRecord(citizen, Paths.uuid(context.request().getParam(RECORD_FIELD))),
        own -> render(context, own.record().id(), own.record().kind(), "", FormErrors.NONE));
  }

  private void file(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    String reason = Optional.ofNullable(context.request().getFormAttribute(REASON_FIELD)).orElse("");
    responder.respond(context, () -> records.ownRecord(citizen, Paths.uuid(context.request().getFormAttribute(RECORD_FIELD))),
        own -> {
          UUID recordId = own.record().id();
          RecordKind kind = own.record().kind();
          FormErrors errors = TextField.check(pages.messages(context), REASON_FIELD, reason, Disputes.MAX_TEXT_LENGTH);
          if (errors.any()) {
            render(context, recordId, kind, reason, errors);
            return;
          }
          disputes.file(citizen, recordId, reason).onComplete(filed -> {
            if (filed.succeeded()) {
              pages.redirect(context, Notice.DISPUTE_FILED.after(PATH));
            } else if (filed.cause() instanceof ProblemException refused && refused.code() == ErrorCode.CONFLICT) {
              render(context, recordId, kind, reason, FormErrors.of(REASON_FIELD, pages.messages(context).text("form.reason.open")));
            } else {
              responder.showError(context, filed.cause());
            }
          });
        });
  }

  /** The form, with what is wrong with it as sent: a form to correct is a page like any other (200), not a refusal. */
  private void render(RoutingContext context, UUID recordId, RecordKind kind, String reason, FormErrors errors) {
    // Also in answer to the POST: the language switch leads back to this record's form, not to the POST-only path.
    Page page = pages.page(context, errors.any() ? "disputes.new.title.error" : "disputes.new.title", signedIn.csrfToken(context),
        NEW_PATH, RECORD_FIELD + "=" + recordId);
    pages.render(context, 200, "dashboard/dispute-form.jte", page, Map.of("recordId", recordId, "kind",
        new Labels(page.messages(), purposes).kind(kind), "reason", reason, "errors", errors, "maxLength", Disputes.MAX_TEXT_LENGTH));
  }
}
