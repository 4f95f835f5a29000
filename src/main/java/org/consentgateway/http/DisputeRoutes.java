package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.member;
import static org.consentgateway.http.JsonRoutes.pathId;
import static org.consentgateway.http.JsonRoutes.reply;
import static org.consentgateway.http.JsonRoutes.requiredBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.dispute.Dispute;
import org.consentgateway.dispute.DisputeJson;
import org.consentgateway.dispute.DisputeStatus;
import org.consentgateway.dispute.Disputes;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;

/**
 * Disputes over HTTP (docs/api.md). Citizen: {@code POST}/{@code GET /v1/me/disputes}. Operator:
 * {@code GET /v1/disputes?status=OPEN} (overdue ones marked {@code "overdue": true}) and
 * {@code POST /v1/disputes/{id}/resolve}. Roles are checked by AccessRules before these run.
 */
public final class DisputeRoutes {

  private static final String NO_SUCH_DISPUTE = "No such dispute.";

  private final Disputes disputes;
  private final Clock clock;

  public DisputeRoutes(Disputes disputes, Clock clock) {
    this.disputes = requireNonNull(disputes, "disputes is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(Router router) {
    router.post("/v1/me/disputes").handler(this::file);
    router.get("/v1/me/disputes").handler(this::mine);
    router.get("/v1/disputes").handler(this::list);
    router.post("/v1/disputes/:id/resolve").handler(this::resolve);
  }

  private void file(RoutingContext context) {
    ObjectNode body = requiredBody(context);
    UUID recordId = recordId(body.get("recordId"));
    String reason = text(body.get("reason"), "reason");
    reply(context, 201, disputes.file(Caller.of(context), recordId, reason).map(dispute -> DisputeJson.json(dispute, clock.instant())));
  }

  private void mine(RoutingContext context) {
    reply(context, 200, disputes.of(Caller.of(context)).map(all -> DisputeJson.array(all, clock.instant())));
  }

  private void list(RoutingContext context) {
    String status = context.request().getParam("status");
    Future<List<Dispute>> listed = status == null ? disputes.all() : disputes.withStatus(status(status));
    reply(context, 200, listed.map(all -> DisputeJson.array(all, clock.instant())));
  }

  private void resolve(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_DISPUTE);
    ObjectNode body = requiredBody(context);
    DisputeStatus outcome = status(text(body.get("outcome"), "outcome"));
    String note = text(body.get("note"), "note");
    Optional<JsonNode> correction = member(body, "correction").map(DisputeRoutes::correction);
    Disputes.Resolution resolution = new Disputes.Resolution(outcome, note, correction);
    reply(context, 200, disputes.resolve(Caller.of(context), id, resolution).map(dispute -> DisputeJson.json(dispute, clock.instant())));
  }

  private static DisputeStatus status(String text) {
    for (DisputeStatus status : DisputeStatus.values()) {
      if (status.name().equals(text)) {
        return status;
      }
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, "status must be OPEN, CORRECTED or REJECTED.");
  }

  private static UUID recordId(JsonNode value) {
    if (value != null && value.isTextual()) {
      try {
        return UUID.fromString(value.textValue());
      } catch (IllegalArgumentException e) {
        // falls through to the refusal below
      }
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, "recordId must be the id of one of your records.");
  }

  private static String text(JsonNode value, String field) {
    if (value != null && value.isTextual()) {
      return value.textValue();
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be a string.");
  }

  private static JsonNode correction(JsonNode value) {
    if (!value.isObject()) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "correction must be a JSON object (a merge patch of the record).");
    }
    return value;
  }
}
