package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.repair.Eligibility;
import org.consentgateway.repair.Evidence;
import org.consentgateway.repair.Repairs;
import org.consentgateway.value.Principal;
import org.consentgateway.value.UploadedFile;

/**
 * The citizen's credit repair (信用修复): {@value #PATH} lists their applications with status and
 * due date, a pending one with a button to withdraw it; {@value #NEW_PATH} {@code ?recordId=} is the
 * form to apply for one of their public records, saying what evidence its data provider expects,
 * or, when the record cannot be repaired (yet), why and from when; its POST applies through
 * {@link Repairs} (audited), then shows the list with a notice. Evidence that is missing or too
 * long, or a pending application, is shown on the form with an error summary; someone else's
 * record or application is 404, as none. The form is {@code multipart/form-data}: the citizen may
 * attach up to {@value Evidence#MAX_ATTACHMENTS} documents (PDF, PNG, JPEG), read into memory by
 * the body reader (never written to disk) and sealed at rest by {@link Repairs} as the API's are;
 * too many, a wrong type or more than the category's {@code max-attachment-bytes} is shown on the
 * form (400), nothing stored.
 */
public final class RepairPages {

  public static final String PATH = "/app/repairs";
  public static final String NEW_PATH = "/app/repairs/new";
  static final String WITHDRAW_PATH = "/app/repairs/:id/withdraw";
  static final String RECORD_FIELD = "recordId";
  static final String EVIDENCE_FIELD = "evidence";
  static final String ATTACHMENTS_FIELD = "attachments";
  /** What the file input offers: the media types {@link Evidence} accepts. */
  public static final String ACCEPTED_TYPES = String.join(",", Evidence.MEDIA_TYPES.stream().sorted().toList());

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final Repairs repairs;
  private final PurposeCatalog purposes;
  private final Clock clock;

  public RepairPages(SignedIn signedIn, Pages pages, Responder responder, Repairs repairs, PurposeCatalog purposes, Clock clock) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.repairs = requireNonNull(repairs, "repairs is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The form that applies to repair record {@code recordId}. */
  public static String newPath(String recordId) {
    return NEW_PATH + "?" + RECORD_FIELD + "=" + Paths.uuid(recordId);
  }

  /** Where the button that withdraws application {@code id} posts. */
  public static String withdrawPath(UUID id) {
    return PATH + "/" + id + "/withdraw";
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::list);
    router.get(NEW_PATH).handler(signedIn.guard()).handler(this::form);
    router.post(NEW_PATH).handler(signedIn.guard()).handler(this::apply);
    router.post(WITHDRAW_PATH).handler(signedIn.guard()).handler(this::withdraw);
  }

  private void list(RoutingContext context) {
    Page page = pages.page(context, "repairs.title", signedIn.csrfToken(context));
    responder.respond(context, () -> repairs.of(signedIn.citizen(context)), all -> pages.render(context, 200,
        "dashboard/repairs.jte", page, Map.of("repairs", all, "labels", new Labels(page.messages(), purposes),
            "now", clock.instant(), "notice", Notice.of(context))));
  }

  private void form(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    UUID recordId = Paths.uuid(context.request().getParam(RECORD_FIELD));
    responder.respond(context, () -> repairs.eligibility(citizen, recordId),
        eligibility -> render(context, 200, recordId, eligibility, "", FormErrors.NONE));
  }

  private void apply(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    UUID recordId = Paths.uuid(context.request().getFormAttribute(RECORD_FIELD));
    String evidence = Optional.ofNullable(context.request().getFormAttribute(EVIDENCE_FIELD)).orElse("");
    List<UploadedFile> files = uploaded(context);
    responder.respond(context, () -> repairs.eligibility(citizen, recordId), eligibility -> {
      FormErrors errors = TextField.check(pages.messages(context), EVIDENCE_FIELD, evidence, Evidence.MAX_TEXT_LENGTH);
      if (errors.any() || eligibility.verdict() != Eligibility.Verdict.POSSIBLE) {
        render(context, 200, recordId, eligibility, evidence, errors);
        return;
      }
      Attachments attachments = Attachments.check(pages.messages(context), files, eligibility.rule().orElseThrow().maxAttachmentBytes());
      if (attachments.error().isPresent()) {
        render(context, 400, recordId, eligibility, evidence, FormErrors.of(ATTACHMENTS_FIELD, attachments.error().get()));
        return;
      }
      repairs.apply(citizen, recordId, new Evidence(evidence, attachments.accepted())).onComplete(applied -> {
        if (applied.succeeded()) {
          pages.redirect(context, Notice.REPAIR_APPLIED.after(PATH));
        } else if (applied.cause() instanceof ProblemException refused && refused.code() == ErrorCode.CONFLICT) {
          render(context, 200, recordId, eligibility, evidence,
              FormErrors.of(EVIDENCE_FIELD, pages.messages(context).text("form.repair.pending")));
        } else {
          responder.showError(context, applied.cause());
        }
      });
    });
  }

  /** The files the form's file input sent (an input left empty sends none), as the body reader kept them. */
  private static List<UploadedFile> uploaded(RoutingContext context) {
    List<UploadedFile> files = context.get(UploadedFile.CONTEXT_KEY);
    return files == null ? List.of()
        : files.stream().filter(file -> file.field().equals(ATTACHMENTS_FIELD) && !file.nothingChosen()).toList();
  }

  private void withdraw(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    responder.respond(context, () -> repairs.withdraw(citizen, Paths.uuid(context.pathParam("id"))),
        withdrawn -> pages.redirect(context, Notice.REPAIR_WITHDRAWN.after(PATH)));
  }

  /**
   * The form, or why there is none: a record that cannot be repaired (yet) is said in words, with
   * the day it becomes possible; a form to correct is a page like any other (200), not a refusal.
   */
  private void render(RoutingContext context, int status, UUID recordId, Eligibility eligibility, String evidence, FormErrors errors) {
    // Also in answer to the POST: the language switch leads back to this record's form, not to the POST-only path.
    Page page = pages.page(context, errors.any() ? "repairs.new.title.error" : "repairs.new.title", signedIn.csrfToken(context),
        NEW_PATH, RECORD_FIELD + "=" + recordId);
    Labels labels = new Labels(page.messages(), purposes);
    String category = eligibility.rule().map(rule -> labels.t("report.value.publicRecords.type." + rule.category().name()))
        .orElse(labels.t("repairs.new.category.none"));
    String expected = eligibility.rule().map(rule -> switch (page.messages().language()) {
      case ZH_CN -> rule.evidenceZh();
      case EN -> rule.evidenceEn();
    }).orElse("");
    String why = switch (eligibility.verdict()) {
      case POSSIBLE -> "";
      case NOT_ALLOWED -> labels.t("repairs.new.notAllowed");
      case REPAIRED -> labels.t("repairs.new.repaired");
      case TOO_EARLY -> eligibility.possibleFrom().map(day -> labels.t("repairs.new.tooEarly", day.toString()))
          .orElse(labels.t("repairs.new.notEnded"));
    };
    String attachmentsHint = eligibility.rule().map(rule -> labels.t("repairs.attachments.hint", Evidence.MAX_ATTACHMENTS,
        Attachments.kilobytes(rule.maxAttachmentBytes()))).orElse("");
    pages.render(context, status, "dashboard/repair-form.jte", page, Map.of("recordId", recordId, "category", category,
        "expected", expected, "why", why, "evidence", evidence, "errors", errors, "maxLength", Evidence.MAX_TEXT_LENGTH,
        "attachmentsHint", attachmentsHint));
  }
}
