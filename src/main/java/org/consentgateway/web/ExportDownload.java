package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.query.PersonalDataExport;

/**
 * {@value #PATH}: a copy of everything the gateway holds about the citizen, the same document
 * as the API's export ({@link PersonalDataExport}, audited before it leaves), as a file to save.
 */
public final class ExportDownload {

  public static final String PATH = "/app/export";
  /** The name the browser saves it under, as the API's export. */
  public static final String FILE_NAME = "personal-data.json";

  private final SignedIn signedIn;
  private final Pages pages;
  private final Responder responder;
  private final PersonalDataExport export;

  public ExportDownload(SignedIn signedIn, Pages pages, Responder responder, PersonalDataExport export) {
    this.signedIn = requireNonNull(signedIn, "signedIn is null");
    this.pages = requireNonNull(pages, "pages is null");
    this.responder = requireNonNull(responder, "responder is null");
    this.export = requireNonNull(export, "export is null");
  }

  public void mount(Router router) {
    router.get(PATH).handler(signedIn.guard()).handler(this::download);
  }

  private void download(RoutingContext context) {
    responder.respond(context, () -> export.document(signedIn.citizen(context)),
        document -> pages.download(context, FILE_NAME, document));
  }
}
