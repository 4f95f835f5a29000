package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.RecordChanges;
import org.consentgateway.records.RecordKind;
import org.consentgateway.value.Principal;

/**
 * The citizen's statement on one of their records, shown next to the record wherever it is
 * disclosed: {@code GET /app/records/:id/statement} is the form (with the statement they have,
 * if any), its POST adds or replaces it, and {@code POST .../statement/remove} removes it — each
 * through {@link RecordChanges}, which audits it — then the dashboard says what was done.
 */
public final class StatementPages {

  private static final String PREFIX = "/app/records/";
  private static final String SUFFIX = "/statement";
  static final String STATEMENT_FIELD = "statement";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final RecordChanges records;
  private final PurposeCatalog purposes;

  public StatementPages(SignedIn signedIn, Pages pages, Responder responder, RecordChanges records, PurposeCatalog purposes) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.records = requireNonNull(records, "records is null");
    this.purposes = requireNonNull(purposes, "purposes is null");
  }

  /** The statement form of record {@code recordId}; it posts to the same path. */
  public static String path(String recordId) {
    return PREFIX + Paths.uuid(recordId) + SUFFIX;
  }

  /** Where the form's remove button posts. */
  public static String removePath(UUID recordId) {
    return PREFIX + recordId + SUFFIX + "/remove";
  }

  public void mount(Router router) {
    router.get(PREFIX + ":id" + SUFFIX).handler(signedIn.guard()).handler(this::form);
    router.post(PREFIX + ":id" + SUFFIX).handler(signedIn.guard()).handler(this::put);
    router.post(PREFIX + ":id" + SUFFIX + "/remove").handler(signedIn.guard()).handler(this::remove);
  }

  private void form(RoutingContext context) {
    responder.respond(context, () -> records.ownRecord(signedIn.citizen(context), Paths.id(context)),
        own -> render(context, own.record().id(), own.record().kind(), own.statement().orElse(""), own.statement().isPresent(),
            FormErrors.NONE));
  }

  private void put(RoutingContext context) {
    Principal citizen = signedIn.citizen(context);
    String statement = Optional.ofNullable(context.request().getFormAttribute(STATEMENT_FIELD)).orElse("");
    responder.respond(context, () -> records.ownRecord(citizen, Paths.id(context)), own -> {
      FormErrors errors = TextField.check(pages.messages(context), STATEMENT_FIELD, statement, RecordChanges.MAX_STATEMENT_LENGTH);
      if (errors.any()) {
        render(context, own.record().id(), own.record().kind(), statement, own.statement().isPresent(), errors);
        return;
      }
      responder.respond(context, () -> records.putStatement(citizen, own.record().id(), statement),
          saved -> pages.redirect(context, Notice.STATEMENT_SAVED.after(Dashboard.PATH)));
    });
  }

  private void remove(RoutingContext context) {
    responder.respond(context, () -> records.removeStatement(signedIn.citizen(context), Paths.id(context)),
        removed -> pages.redirect(context, Notice.STATEMENT_REMOVED.after(Dashboard.PATH)));
  }

  /** The form, with what is wrong with it as sent: a form to correct is a page like any other (200), not a refusal. */
  private void render(RoutingContext context, UUID recordId, RecordKind kind, String statement, boolean stated,
      FormErrors errors) {
    Page page = pages.page(context, errors.any() ? "statement.title.error" : "statement.title", signedIn.csrfToken(context));
    pages.render(context, 200, "dashboard/statement-form.jte", page, Map.of("recordId", recordId, "kind",
        new Labels(page.messages(), purposes).kind(kind), "statement", statement, "stated", stated, "errors", errors,
        "maxLength", RecordChanges.MAX_STATEMENT_LENGTH));
  }
}
