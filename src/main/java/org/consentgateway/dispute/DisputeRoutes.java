package org.consentgateway.dispute;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.pathId;
import static org.consentgateway.http.JsonRoutes.reply;
import static org.consentgateway.http.JsonRoutes.requiredBody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.http.ErrorCode;
import org.consentgateway.http.ProblemException;
import org.consentgateway.identity.Principal;
import org.consentgateway.records.RecordStore;

/**
 * Disputes over HTTP (API.md). Citizen: {@code POST}/{@code GET /v1/me/disputes}. Operator:
 * {@code GET /v1/disputes?status=OPEN} (overdue ones marked {@code "overdue": true}) and
 * {@code POST /v1/disputes/{id}/resolve}. Roles are checked by AccessRules before these run.
 */
public final class DisputeRoutes implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_SUCH_DISPUTE = "No such dispute.";

  private final Disputes disputes;
  private final OverdueDisputes overdue;
  private final Clock clock;

  private DisputeRoutes(Disputes disputes, OverdueDisputes overdue, Clock clock) {
    this.disputes = disputes;
    this.overdue = overdue;
    this.clock = clock;
  }

  /** The routes, and the overdue gauge in {@code metrics}, counting from now. Call {@link #close()} to stop counting. */
  public static DisputeRoutes start(Vertx vertx, Pool pool, RecordCipher cipher, RecordStore records, AuditLog audit, DisputeConfig config,
      Clock clock, MeterRegistry metrics) {
    requireNonNull(clock, "clock is null");
    DisputeStore store = new DisputeStore(pool, cipher);
    OverdueDisputes overdue = new OverdueDisputes(vertx, store, clock, metrics);
    overdue.start();
    return new DisputeRoutes(new Disputes(store, records, audit, config, clock, overdue), overdue, clock);
  }

  public Disputes disputes() {
    return disputes;
  }

  public void mount(Router router) {
    router.post("/v1/me/disputes").handler(this::file);
    router.get("/v1/me/disputes").handler(this::mine);
    router.get("/v1/disputes").handler(this::list);
    router.post("/v1/disputes/:id/resolve").handler(this::resolve);
  }

  @Override
  public void close() {
    overdue.stop();
  }

  private void file(RoutingContext context) {
    JsonObject body = requiredBody(context);
    UUID recordId = recordId(body.getValue("recordId"));
    String reason = text(body.getValue("reason"), "reason");
    reply(context, 201, disputes.file(Principal.of(context), recordId, reason).map(dispute -> json(dispute, clock.instant())));
  }

  private void mine(RoutingContext context) {
    reply(context, 200, disputes.of(Principal.of(context)).map(all -> array(all, clock.instant())));
  }

  private void list(RoutingContext context) {
    Optional<DisputeStatus> status = Optional.ofNullable(context.request().getParam("status")).map(DisputeRoutes::status);
    reply(context, 200, disputes.withStatus(status).map(all -> array(all, clock.instant())));
  }

  private void resolve(RoutingContext context) {
    UUID id = pathId(context, "id", NO_SUCH_DISPUTE);
    JsonObject body = requiredBody(context);
    DisputeStatus outcome = status(text(body.getValue("outcome"), "outcome"));
    String note = text(body.getValue("note"), "note");
    Optional<JsonNode> correction = Optional.ofNullable(body.getValue("correction")).map(DisputeRoutes::correction);
    Disputes.Resolution resolution = new Disputes.Resolution(outcome, note, correction);
    reply(context, 200, disputes.resolve(Principal.of(context), id, resolution).map(dispute -> json(dispute, clock.instant())));
  }

  /** A dispute as its citizen and the operators see it: no subject, the free text in the clear. */
  public static JsonObject json(Dispute dispute, Instant now) {
    JsonObject json = new JsonObject()
        .put("id", dispute.id().toString())
        .put("recordId", dispute.recordId().toString())
        .put("recordKind", dispute.recordKind().name())
        .put("reason", dispute.reason())
        .put("status", dispute.status().name())
        .put("filedAt", dispute.filedAt().toString())
        .put("dueBy", dispute.dueBy().toString())
        .put("overdue", dispute.overdue(now))
        .put("auditIndex", dispute.filedAuditIndex());
    dispute.resolvedAt().ifPresent(at -> json.put("resolvedAt", at.toString()));
    dispute.resolvedBy().ifPresent(by -> json.put("resolvedBy", by));
    dispute.resolutionNote().ifPresent(note -> json.put("note", note));
    dispute.resolvedAuditIndex().ifPresent(index -> json.put("resolvedAuditIndex", index));
    return json;
  }

  public static JsonArray array(List<Dispute> disputes, Instant now) {
    JsonArray array = new JsonArray();
    disputes.forEach(dispute -> array.add(json(dispute, now)));
    return array;
  }

  private static DisputeStatus status(String text) {
    for (DisputeStatus status : DisputeStatus.values()) {
      if (status.name().equals(text)) {
        return status;
      }
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, "status must be OPEN, CORRECTED or REJECTED.");
  }

  private static UUID recordId(Object value) {
    if (value instanceof String text) {
      try {
        return UUID.fromString(text);
      } catch (IllegalArgumentException e) {
        // falls through to the refusal below
      }
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, "recordId must be the id of one of your records.");
  }

  private static String text(Object value, String field) {
    if (value instanceof String text) {
      return text;
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, field + " must be a string.");
  }

  private static JsonNode correction(Object value) {
    if (!(value instanceof JsonObject object)) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "correction must be a JSON object (a merge patch of the record).");
    }
    try {
      return JSON.readTree(object.encode());
    } catch (java.io.IOException e) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "correction must be a JSON object.");
    }
  }
}
