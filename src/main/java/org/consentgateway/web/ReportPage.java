package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.query.SelfReport;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.PublicRecordType;
import org.consentgateway.repair.Eligibility;
import org.consentgateway.repair.Repairs;

/**
 * {@value #PATH}: the citizen's own full report through {@link SelfReport}, which records the
 * viewing in the audit log before anything is shown (the page says so, with the entry's index),
 * and shows nothing if it cannot. From each record the citizen can dispute it or add, change or
 * remove their statement on it.
 */
public final class ReportPage {

  public static final String PATH = "/app/report";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final SelfReport report;
  private final PurposeCatalog purposes;
  private final Repairs repairs;

  public ReportPage(SignedIn signedIn, Pages pages, Responder responder, SelfReport report, PurposeCatalog purposes, Repairs repairs) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.report = requireNonNull(report, "report is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
    this.repairs = requireNonNull(repairs, "repairs is null");
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::show);
  }

  private void show(RoutingContext context) {
    Page page = pages.page(context, "report.title", signedIn.csrfToken(context));
    Labels labels = new Labels(page.messages(), purposes);
    // No file is a page of its own: the look was recorded all the same, as a refused self-query.
    responder.respond(context, () -> report.report(signedIn.citizen(context))
            .map(found -> Optional.of(ReportView.of(found, labels, this::eligibility)))
            .recover(failure -> failure instanceof ProblemException refused && refused.code() == ErrorCode.NOT_FOUND
                ? Future.succeededFuture(Optional.empty())
                : Future.failedFuture(failure)),
        view -> pages.render(context, view.isPresent() ? 200 : 404, "dashboard/report.jte", page, Map.of("report", view)));
  }

  /** Whether a public record of the report may be repaired today; empty for an element that is not one as stored. */
  private Optional<Eligibility> eligibility(JsonNode element) {
    try {
      PublicRecord record = new PublicRecord(UUID.fromString(element.path("id").asText()),
          PublicRecordType.valueOf(element.path("type").asText()), element.path("authority").asText(), element.path("amount").asLong(),
          LocalDate.parse(element.path("filedOn").asText()),
          Optional.ofNullable(element.get("endedOn")).filter(JsonNode::isTextual).map(ended -> LocalDate.parse(ended.asText())));
      return Optional.of(repairs.eligibility(record, element.path("repaired").asBoolean(false)));
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
