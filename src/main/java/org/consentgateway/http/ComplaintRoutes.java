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
import java.util.UUID;
import org.consentgateway.complaint.Complaint;
import org.consentgateway.complaint.ComplaintJson;
import org.consentgateway.complaint.ComplaintOutcome;
import org.consentgateway.complaint.ComplaintReason;
import org.consentgateway.complaint.ComplaintStatus;
import org.consentgateway.complaint.Complaints;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;

/**
 * Complaints over HTTP (docs/api.md "Complaints"). Citizen: {@code POST}/{@code GET
 * /v1/me/complaints}, {@code GET /v1/me/complaints/{id}} and its {@code /evidence} (a case zip).
 * Regulator: {@code GET /v1/complaints?status=}, {@code POST /v1/complaints/{id}/acknowledge},
 * {@code /information-request} and {@code /resolve}. Institution: {@code POST
 * /v1/complaints/{id}/response}. {@code GET /v1/complaints/{id}}: the whole complaint for a
 * regulator, the institution's view for the institution concerned. Roles are checked by
 * AccessRules before these run.
 */
public final class ComplaintRoutes {

  public static final String MINE_PATH = "/v1/me/complaints";
  public static final String ALL_PATH = "/v1/complaints";

  private static final String NO_SUCH_COMPLAINT = "No such complaint.";

  private final Complaints complaints;
  private final Clock clock;

  public ComplaintRoutes(Complaints complaints, Clock clock) {
    this.complaints = requireNonNull(complaints, "complaints is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public void mount(Router router) {
    router.post(MINE_PATH).handler(this::file);
    router.get(MINE_PATH).handler(this::mine);
    router.get(MINE_PATH + "/:id").handler(this::mineOne);
    router.get(MINE_PATH + "/:id/evidence").handler(this::evidence);
    router.get(ALL_PATH).handler(this::list);
    router.get(ALL_PATH + "/:id").handler(this::one);
    router.post(ALL_PATH + "/:id/acknowledge").handler(this::acknowledge);
    router.post(ALL_PATH + "/:id/information-request").handler(this::requestInformation);
    router.post(ALL_PATH + "/:id/resolve").handler(this::resolve);
    router.post(ALL_PATH + "/:id/response").handler(this::respond);
  }

  private void file(RoutingContext context) {
    ObjectNode body = requiredBody(context);
    long auditIndex = auditIndex(body.get("auditIndex"));
    ComplaintReason reason = ComplaintReason.fromCode(text(body.get("reason"), "reason")).orElseThrow(() -> new ProblemException(
        ErrorCode.INVALID_REQUEST, "reason must be not_authorised, beyond_purpose, beyond_grade or other."));
    String text = text(body.get("text"), "text");
    reply(context, 201, complaints.file(Caller.of(context), auditIndex, reason, text)
        .map(complaint -> ComplaintJson.json(complaint, clock.instant())));
  }

  private void mine(RoutingContext context) {
    reply(context, 200, complaints.of(Caller.of(context)).map(all -> ComplaintJson.array(all, clock.instant())));
  }

  private void mineOne(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_COMPLAINT);
    reply(context, 200, complaints.own(Caller.of(context), id).map(complaint -> ComplaintJson.json(complaint, clock.instant())));
  }

  private void evidence(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_COMPLAINT);
    JsonRoutes.downloadFile(context, complaints.evidence(Caller.of(context), id)
        .map(file -> new JsonRoutes.FileBody(file.fileName(), CaseRoutes.ZIP, file.bytes())));
  }

  private void list(RoutingContext context) {
    String status = context.request().getParam("status");
    Future<List<Complaint>> listed = status == null ? complaints.all() : complaints.withStatus(status(status));
    reply(context, 200, listed.map(all -> ComplaintJson.array(all, clock.instant())));
  }

  private void one(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_COMPLAINT);
    Principal caller = Caller.of(context);
    // Exhaustive: AccessRules admits regulators and institutions here; any other role sees nothing.
    Future<? extends JsonNode> answer = switch (caller.role()) {
      case REGULATOR -> complaints.find(id).map(found -> ComplaintJson.json(
          found.orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND, NO_SUCH_COMPLAINT)), clock.instant()));
      case INSTITUTION -> complaints.forInstitution(caller, id).map(view -> ComplaintJson.forInstitution(view, clock.instant()));
      case CITIZEN, OPERATOR -> throw new ProblemException(ErrorCode.FORBIDDEN, "Only a regulator or the institution concerned.");
    };
    reply(context, 200, answer);
  }

  private void acknowledge(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_COMPLAINT);
    reply(context, 200, complaints.acknowledge(Caller.of(context), id)
        .map(complaint -> ComplaintJson.json(complaint, clock.instant())));
  }

  private void requestInformation(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_COMPLAINT);
    String question = text(requiredBody(context).get("question"), "question");
    reply(context, 200, complaints.requestInformation(Caller.of(context), id, question)
        .map(complaint -> ComplaintJson.json(complaint, clock.instant())));
  }

  private void resolve(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_COMPLAINT);
    ObjectNode body = requiredBody(context);
    ComplaintOutcome outcome = ComplaintOutcome.fromCode(text(body.get("outcome"), "outcome")).orElseThrow(() ->
        new ProblemException(ErrorCode.INVALID_REQUEST, "outcome must be upheld or dismissed."));
    String note = text(member(body, "note").orElse(null), "note");
    reply(context, 200, complaints.resolve(Caller.of(context), id, outcome, note)
        .map(complaint -> ComplaintJson.json(complaint, clock.instant())));
  }

  private void respond(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_COMPLAINT);
    String response = text(requiredBody(context).get("response"), "response");
    reply(context, 200, complaints.respond(Caller.of(context), id, response)
        .map(view -> ComplaintJson.forInstitution(view, clock.instant())));
  }

  private static ComplaintStatus status(String text) {
    for (ComplaintStatus status : ComplaintStatus.values()) {
      if (status.name().equals(text)) {
        return status;
      }
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST,
        "status must be FILED, ACKNOWLEDGED, INFORMATION_REQUESTED, RESPONDED or RESOLVED.");
  }

  private static long auditIndex(JsonNode value) {
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "auditIndex must be the audit index of a query in your inquiry history.");
    }
    return value.longValue();
  }

  private static String text(JsonNode value, String field) {
    if (value != null && value.isTextual()) {
      return value.textValue();
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be a string.");
  }
}
