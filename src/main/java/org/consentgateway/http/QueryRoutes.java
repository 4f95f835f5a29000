package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.query.QueryRequest;
import org.consentgateway.query.QueryService;
import org.consentgateway.query.SelfReport;
import org.consentgateway.value.Principal;

/**
 * {@code POST /v1/queries} (docs/api.md "Institution"). Only institutions reach it
 * ({@code identity.AccessRules}); the caller is the principal, its id the USCC. Also
 * {@code GET /v1/me/report} (docs/api.md "Citizen", {@link SelfReport}), which only citizens reach.
 */
public final class QueryRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final QueryService service;
  private final SelfReport selfReport;

  public QueryRoutes(QueryService service, SelfReport selfReport) {
    this.service = requireNonNull(service, "service is null");
    this.selfReport = requireNonNull(selfReport, "selfReport is null");
  }

  public void mount(Router router) {
    router.post("/v1/queries").handler(this::query);
    router.get("/v1/me/report").handler(this::selfReport);
  }

  private void selfReport(RoutingContext context) {
    Principal caller = Caller.of(context);
    respond(context, selfReport.report(caller));
  }

  private void query(RoutingContext context) {
    Principal caller = Caller.of(context);
    QueryRequest request = QueryRequest.fromJson(body(context));
    respond(context, service.query(caller, request));
  }

  private static void respond(RoutingContext context, Future<ObjectNode> answer) {
    answer
        .onSuccess(body -> {
          try {
            context.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(JSON.writeValueAsBytes(body)));
          } catch (JsonProcessingException e) {
            context.fail(e);
          }
        })
        .onFailure(context::fail);
  }

  private static JsonObject body(RoutingContext context) {
    if (context.body() == null || context.body().length() == 0) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "The body must be a JSON object.");
    }
    try {
      JsonObject body = context.body().asJsonObject();
      if (body == null) {
        throw new ProblemException(ErrorCode.INVALID_REQUEST, "The body must be a JSON object.");
      }
      return body;
    } catch (RuntimeException e) {
      if (e instanceof ProblemException problem) {
        throw problem;
      }
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "The body must be a JSON object.");
    }
  }
}
