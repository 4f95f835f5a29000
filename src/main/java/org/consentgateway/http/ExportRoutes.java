package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.downloadSigned;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.query.PersonalDataExport;

/** {@code GET /v1/me/export}: the citizen's copy of everything the gateway holds about them, as a signed download. */
public final class ExportRoutes {

  public static final String PATH = "/v1/me/export";

  private final PersonalDataExport export;

  public ExportRoutes(PersonalDataExport export) {
    this.export = requireNonNull(export, "export is null");
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::export);
  }

  private void export(RoutingContext context) {
    downloadSigned(context, "personal-data.json", export.signedDocument(Caller.of(context), QueryRoutes.answered(context)));
  }
}
