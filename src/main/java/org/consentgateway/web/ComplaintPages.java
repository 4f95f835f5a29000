package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.consentgateway.audit.Inquiry;
import org.consentgateway.complaint.Complaint;
import org.consentgateway.complaint.ComplaintReason;
import org.consentgateway.complaint.Complaints;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.query.InquiryHistory;
import org.consentgateway.value.Principal;

/**
 * The citizen's complaints about queries in their inquiry history (docs/citizen-app.md). {@value
 * #NEW_PATH}{@code ?index=} is the form to complain about one entry of "who looked" — a reason from
 * a closed set and what happened — and its POST files it through {@link Complaints} (audited, with
 * the entry's inclusion proof against the latest signed checkpoint); {@value #PATH} then lists the
 * complaints with status, due date and evidence: the entry checked in the browser by {@code
 * proof.js}, and the case file of the entry to download ({@code /app/complaints/<id>/evidence}).
 * A missing reason or text, an entry already under an open complaint, or one no signed checkpoint
 * covers yet is shown on the form; an entry that is not a query about the citizen by an institution
 * is 404, as none.
 */
public final class ComplaintPages {

  public static final String PATH = "/app/complaints";
  public static final String NEW_PATH = "/app/complaints/new";
  static final String EVIDENCE_ROUTE = "/app/complaints/:id/evidence";
  static final String INDEX_FIELD = "index";
  static final String REASON_FIELD = "reason";
  static final String TEXT_FIELD = "complaint";
  /** The form's submit button: where an error that is no field's (the log not signed yet) leads. */
  static final String SUBMIT_ID = "complaint-submit";
  static final String ZIP = "application/zip";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final Complaints complaints;
  private final InquiryHistory history;
  private final ClientRegistry registry;
  private final PurposeCatalog purposes;
  private final ProofPins pins;
  private final Clock clock;

  public ComplaintPages(SignedIn signedIn, Pages pages, Responder responder, Complaints complaints, InquiryHistory history,
      ClientRegistry registry, PurposeCatalog purposes, ProofPins pins, Clock clock) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.complaints = requireNonNull(complaints, "complaints is null");
    this.history = requireNonNull(history, "history is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
    this.pins = requireNonNull(pins, "pins is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The form that complains about entry {@code index} of the citizen's inquiry history. */
  public static String newPath(long index) {
    return NEW_PATH + "?" + INDEX_FIELD + "=" + index;
  }

  /** Where the evidence of complaint {@code id} is downloaded. */
  public static String evidencePath(UUID id) {
    return PATH + "/" + id + "/evidence";
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::list);
    router.get(NEW_PATH).handler(signedIn.guard()).handler(this::form);
    router.post(NEW_PATH).handler(signedIn.guard()).handler(this::file);
    router.get(EVIDENCE_ROUTE).handler(signedIn.guard()).handler(this::evidence);
  }

  private void list(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    Page page = pages.page(context, "complaints.title", signedIn.csrfToken(context));
    Labels labels = new Labels(page.messages(), purposes);
    Instant now = clock.instant();
    responder.respond(context, () -> complaints.of(citizen).compose(all -> named(all).map(names -> all.stream()
            .map(complaint -> CitizenComplaintRow.of(complaint, names, labels, now)).toList())),
        rows -> pages.render(context, 200, "dashboard/complaints.jte", page, Map.of("rows", rows, "pins", pins,
            "notice", Notice.of(context))));
  }

  private Future<Map<String, String>> named(List<Complaint> all) {
    Set<String> usccs = new LinkedHashSet<>();
    all.forEach(complaint -> usccs.add(complaint.institutionUscc()));
    return registry.institutionNames(usccs);
  }

  private void form(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    responder.respond(context, () -> query(citizen, index(context.request().getParam(INDEX_FIELD))),
        inquiry -> render(context, inquiry, "", "", FormErrors.NONE));
  }

  private void file(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    String reasonCode = Optional.ofNullable(context.request().getFormAttribute(REASON_FIELD)).orElse("");
    String text = Optional.ofNullable(context.request().getFormAttribute(TEXT_FIELD)).orElse("");
    responder.respond(context, () -> query(citizen, index(context.request().getFormAttribute(INDEX_FIELD))), inquiry -> {
      Messages words = pages.messages(context);
      Optional<ComplaintReason> reason = ComplaintReason.fromCode(reasonCode);
      String chosen = reason.map(ComplaintReason::code).orElse("");
      List<FormErrors.FieldError> errors = new ArrayList<>();
      if (reason.isEmpty()) {
        errors.add(new FormErrors.FieldError(REASON_FIELD, words.text("form.complaintReason.missing")));
      }
      errors.addAll(TextField.check(words, TEXT_FIELD, text, Complaints.MAX_TEXT_LENGTH).errors());
      if (!errors.isEmpty()) {
        render(context, inquiry, chosen, text, new FormErrors(errors));
        return;
      }
      complaints.file(citizen, inquiry.auditIndex(), reason.get(), text).onComplete(filed -> {
        if (filed.succeeded()) {
          pages.redirect(context, Notice.COMPLAINT_FILED.after(PATH));
        } else if (filed.cause() instanceof ProblemException refused && refused.code() == ErrorCode.COMPLAINT_OPEN) {
          render(context, inquiry, chosen, text, FormErrors.of(REASON_FIELD, words.text("form.complaint.open")));
        } else if (filed.cause() instanceof ProblemException refused && refused.code() == ErrorCode.CONFLICT) {
          // No signed checkpoint covers the entry yet: the next one, seconds away, will.
          render(context, inquiry, chosen, text, FormErrors.of(SUBMIT_ID, words.text("form.complaint.unsigned")));
        } else {
          responder.showError(context, filed.cause());
        }
      });
    });
  }

  private void evidence(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    responder.respond(context, () -> complaints.evidence(citizen, Paths.id(context)),
        file -> pages.attachment(context, ZIP, file.fileName(), file.bytes()));
  }

  /** Entry {@code index} of the citizen's history, if an institution asked it; else 404, as none. */
  private Future<Inquiry> query(Principal citizen, long index) {
    // The page of one entry just older than index + 1 is the entry itself when it is theirs.
    return history.page(citizen.id(), index + 1, 1).map(found -> found.inquiries().stream()
        .filter(inquiry -> inquiry.auditIndex() == index && inquiry.institution().isPresent()).findFirst()
        .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, "No such query in your history.")));
  }

  /** An entry's index as the form carries it; anything else names no entry of theirs: 404. */
  private static long index(String text) {
    try {
      long index = Long.parseLong(text == null ? "" : text);
      if (index >= 0 && index < Long.MAX_VALUE) {
        return index;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ProblemException(ErrorCode.NOT_FOUND, "No such query in your history.");
  }

  /** The form, with what is wrong with it as sent: a form to correct is a page like any other (200), not a refusal. */
  private void render(RoutingContext context, Inquiry inquiry, String chosen, String text, FormErrors errors) {
    String title = errors.any() ? "complaints.new.title.error" : "complaints.new.title";
    // The answer to the form switches language to the form itself: its path takes only POST.
    Page page = context.request().method() == HttpMethod.POST
        ? pages.page(context, title, signedIn.csrfToken(context), NEW_PATH, INDEX_FIELD + "=" + inquiry.auditIndex())
        : pages.page(context, title, signedIn.csrfToken(context));
    Labels labels = new Labels(page.messages(), purposes);
    pages.render(context, 200, "dashboard/complaint-form.jte", page, Map.of("query", InquiryRow.of(inquiry, labels),
        "reasons", Arrays.asList(ComplaintReason.values()), "chosen", chosen,
        "labels", labels, "text", text, "errors", errors, "maxLength", Complaints.MAX_TEXT_LENGTH));
  }
}
