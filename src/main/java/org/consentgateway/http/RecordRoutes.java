package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.noContent;
import static org.consentgateway.http.JsonRoutes.pathId;
import static org.consentgateway.http.JsonRoutes.reply;
import static org.consentgateway.http.JsonRoutes.requiredBody;
import static org.consentgateway.http.JsonRoutes.requiredMergePatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.records.RecordChanges;
import org.consentgateway.records.RecordCorrection;
import org.consentgateway.records.RecordJson;
import org.consentgateway.value.Principal;

/**
 * Records over HTTP beyond reading them. Citizen (under {@code /v1/me}): their statement on a
 * record ({@code PUT}/{@code DELETE /v1/me/records/{id}/statement}) and a record's history.
 * Operator (under {@code /v1/records}): a correction ({@code PATCH /v1/records/{id}}, a JSON merge
 * patch, see {@link RecordCorrection}) and a record's history. Roles are checked by AccessRules.
 */
public final class RecordRoutes {

  private static final String NO_SUCH_RECORD = "No such record.";

  private final RecordChanges changes;

  public RecordRoutes(RecordChanges changes) {
    this.changes = requireNonNull(changes, "changes is null");
  }

  public void mount(Router router) {
    router.put("/v1/me/records/:id/statement").handler(this::putStatement);
    router.delete("/v1/me/records/:id/statement").handler(this::removeStatement);
    router.get("/v1/me/records/:id/history").handler(this::ownHistory);
    router.patch("/v1/records/:id").handler(this::correct);
    router.get("/v1/records/:id/history").handler(this::history);
  }

  private void putStatement(RoutingContext context) {
    JsonNode statement = requiredBody(context).get("statement");
    if (statement == null || !statement.isTextual()) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "statement must be a string.");
    }
    String text = statement.textValue();
    UUID id = recordId(context);
    reply(context, 200, changes.putStatement(Caller.of(context), id, text).map(at -> JsonNodeFactory.instance.objectNode()
        .put("recordId", id.toString()).put("statement", text.strip()).put("updatedAt", at.toString())));
  }

  private void removeStatement(RoutingContext context) {
    noContent(context, changes.removeStatement(Caller.of(context), recordId(context)));
  }

  private void correct(RoutingContext context) {
    Principal operator = Caller.of(context);
    JsonNode patch = requiredMergePatch(context);
    reply(context, 200, changes.correct(operator.actor(), recordId(context), patch).map(RecordJson::correction));
  }

  /** An operator reads any record's history. */
  private void history(RoutingContext context) {
    UUID id = recordId(context);
    reply(context, 200, changes.history(id).map(versions -> RecordJson.history(id, versions)));
  }

  /** A citizen reads the history of one of their own records. */
  private void ownHistory(RoutingContext context) {
    UUID id = recordId(context);
    reply(context, 200, changes.ownHistory(Caller.of(context), id).map(versions -> RecordJson.history(id, versions)));
  }

  private static UUID recordId(RoutingContext context) {
    return pathId(context, "id", NO_SUCH_RECORD);
  }
}
