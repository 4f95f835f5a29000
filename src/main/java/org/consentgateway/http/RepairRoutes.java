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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.repair.Evidence;
import org.consentgateway.repair.Repair;
import org.consentgateway.repair.RepairJson;
import org.consentgateway.repair.RepairStatus;
import org.consentgateway.repair.Repairs;

/**
 * Credit repair over HTTP (docs/api.md). Citizen: {@code POST /v1/me/records/{id}/repair},
 * {@code GET /v1/me/repairs}, {@code POST /v1/me/repairs/{id}/withdraw}. Operator (the records'
 * data provider): {@code GET /v1/repairs?status=PENDING} (overdue ones marked {@code "overdue":
 * true}), {@code POST /v1/repairs/{id}/approve} and {@code /reject}. Roles are checked by
 * AccessRules before these run.
 */
public final class RepairRoutes {

  static final String APPLY_PATH = "/v1/me/records/:id/repair";
  static final String MINE_PATH = "/v1/me/repairs";
  static final String WITHDRAW_PATH = "/v1/me/repairs/:id/withdraw";
  static final String LIST_PATH = "/v1/repairs";
  static final String APPROVE_PATH = "/v1/repairs/:id/approve";
  static final String REJECT_PATH = "/v1/repairs/:id/reject";

  private static final String NO_SUCH_RECORD = "No such record.";
  private static final String NO_SUCH_REPAIR = "No such repair application.";

  private final Repairs repairs;
  private final Clock clock;

  public RepairRoutes(Repairs repairs, Clock clock) {
    this.repairs = requireNonNull(repairs, "repairs is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(Router router) {
    router.post(APPLY_PATH).handler(this::apply);
    router.get(MINE_PATH).handler(this::mine);
    router.post(WITHDRAW_PATH).handler(this::withdraw);
    router.get(LIST_PATH).handler(this::list);
    router.post(APPROVE_PATH).handler(this::approve);
    router.post(REJECT_PATH).handler(this::reject);
  }

  private void apply(RoutingContext context) {
    UUID recordId = pathId(context, "id", NO_SUCH_RECORD);
    Evidence evidence = evidence(requiredBody(context));
    reply(context, 201, repairs.apply(Caller.of(context), recordId, evidence).map(repair -> RepairJson.citizen(repair, clock.instant())));
  }

  private void mine(RoutingContext context) {
    reply(context, 200, repairs.of(Caller.of(context)).map(all -> RepairJson.citizenArray(all, clock.instant())));
  }

  private void withdraw(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_REPAIR);
    reply(context, 200, repairs.withdraw(Caller.of(context), id).map(repair -> RepairJson.citizen(repair, clock.instant())));
  }

  private void list(RoutingContext context) {
    String status = context.request().getParam("status");
    Future<List<Repair>> listed = status == null ? repairs.forProvider(Caller.of(context))
        : repairs.forProvider(Caller.of(context), status(status));
    reply(context, 200, listed.map(all -> RepairJson.providerArray(all, clock.instant())));
  }

  private void approve(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_REPAIR);
    // The body is optional: an approval needs no words, but may carry a note.
    Optional<String> note = JsonRoutes.jsonBody(context).flatMap(body -> member(body, "note")).map(value -> text(value, "note"));
    Future<Repair> approved = note.isPresent() ? repairs.approve(Caller.of(context), id, note.get())
        : repairs.approve(Caller.of(context), id);
    reply(context, 200, approved.map(repair -> RepairJson.provider(repair, clock.instant())));
  }

  private void reject(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_REPAIR);
    String reason = text(requiredBody(context).get("reason"), "reason");
    reply(context, 200, repairs.reject(Caller.of(context), id, reason).map(repair -> RepairJson.provider(repair, clock.instant())));
  }

  private static Evidence evidence(ObjectNode body) {
    String text = text(body.get("evidence"), "evidence");
    List<Evidence.Attachment> attachments = new ArrayList<>();
    Optional<JsonNode> given = member(body, "attachments");
    if (given.isPresent()) {
      if (!given.get().isArray()) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "attachments must be an array.");
      }
      for (JsonNode attachment : given.get()) {
        if (!attachment.isObject()) {
          throw new ProblemException(ErrorCode.INVALID_REQUEST, "attachments[] must be objects.");
        }
        attachments.add(new Evidence.Attachment(text(attachment.get("name"), "attachments[].name"),
            text(attachment.get("mediaType"), "attachments[].mediaType"), content(attachment.get("content"))));
      }
    }
    return new Evidence(text, attachments);
  }

  private static byte[] content(JsonNode value) {
    try {
      return Base64.getDecoder().decode(text(value, "attachments[].content"));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "attachments[].content must be base64 (RFC 4648 §4).");
    }
  }

  private static RepairStatus status(String text) {
    for (RepairStatus status : RepairStatus.values()) {
      if (status.name().equals(text)) {
        return status;
      }
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, "status must be PENDING, APPROVED, REJECTED or WITHDRAWN.");
  }

  private static String text(JsonNode value, String field) {
    if (value != null && value.isTextual()) {
      return value.textValue();
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be a string.");
  }
}
