package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.consentgateway.audit.CaseFiles;
import org.consentgateway.audit.CaseFormat;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * {@code POST /v1/audit/cases} (regulator, guarded by AccessRules): a case file of the entries
 * {@code {"indexes": [...]}} names, as a zip to download (docs/audit.md "Case files"). The export is
 * audited by {@link CaseFiles} before the zip leaves.
 */
public final class CaseRoutes {

  public static final String PATH = "/v1/audit/cases";
  public static final String ZIP = "application/zip";

  private final CaseFiles cases;

  public CaseRoutes(CaseFiles cases) {
    this.cases = requireNonNull(cases, "cases is null");
  }

  public void mount(Router router) {
    router.post(PATH).handler(this::export);
  }

  private void export(RoutingContext context) {
    List<Long> indexes = indexes(JsonRoutes.requiredBody(context));
    JsonRoutes.downloadFile(context, cases.export(indexes, Caller.of(context))
        .map(file -> new JsonRoutes.FileBody(file.fileName(), ZIP, file.bytes())));
  }

  /** {@code indexes}: an array of 1 to 10,000 whole numbers, 0 or more; CaseFiles checks the rest. */
  private static List<Long> indexes(ObjectNode body) {
    JsonNode array = JsonRoutes.member(body, "indexes")
        .orElseThrow(() -> new ProblemException(ErrorCode.INVALID_REQUEST, "indexes is required: an array of entry indexes."));
    if (!array.isArray() || array.isEmpty() || array.size() > CaseFormat.MAX_ENTRIES) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "indexes must be an array of 1 to " + CaseFormat.MAX_ENTRIES
          + " entry indexes.");
    }
    List<Long> indexes = new ArrayList<>(array.size());
    for (JsonNode index : array) {
      if (!index.isIntegralNumber() || !index.canConvertToLong() || index.longValue() < 0) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "Each index must be a whole number, 0 or more.");
      }
      indexes.add(index.longValue());
    }
    return indexes;
  }
}
