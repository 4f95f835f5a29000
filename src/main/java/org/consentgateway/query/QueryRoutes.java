package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.consent.ConsentExpiry;
import org.consentgateway.consent.ConsentNotifications;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.http.ErrorCode;
import org.consentgateway.http.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.Principal;
import org.consentgateway.policy.PolicyBundle;

/**
 * {@code POST /v1/queries} (API.md "Institution"). Only institutions reach it
 * ({@code identity.AccessRules}); the caller is the principal, its id the USCC. Also
 * {@code GET /v1/me/report} (API.md "Citizen", {@link SelfReport}), which only citizens reach.
 */
public final class QueryRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final QueryService service;
  private final SelfReport selfReport;

  private QueryRoutes(QueryService service, SelfReport selfReport) {
    this.service = service;
    this.selfReport = selfReport;
  }

  /** The route over {@code pool}, verifying consent tokens {@code jwt} signed as {@code issuer}. */
  public static QueryRoutes create(Pool pool, GatewayJwt jwt, String issuer, PolicyBundle policies, RecordCipher cipher,
      AuditLog audit, Clock clock, ConsentNotifications notifications) {
    QueryStore store = new QueryStore(pool, cipher, notifications, new ConsentExpiry(pool, audit, notifications));
    return new QueryRoutes(new QueryService(jwt, issuer, new ClientRegistry(pool), policies, store, audit, clock),
        new SelfReport(policies, store, audit, clock));
  }

  public void mount(Router router) {
    router.post("/v1/queries").handler(this::query);
  }

  /** Mounts {@code GET /v1/me/report}; after {@code AccessRules}, which admits only citizens to {@code /v1/me/*}. */
  public void mountSelfReport(Router router) {
    router.get("/v1/me/report").handler(this::selfReport);
  }

  private void selfReport(RoutingContext context) {
    Principal caller = requireNonNull(context.get(Principal.CONTEXT_KEY), "no principal: the access rules must run first");
    respond(context, selfReport.report(caller));
  }

  private void query(RoutingContext context) {
    Principal caller = requireNonNull(context.get(Principal.CONTEXT_KEY), "no principal: the access rules must run first");
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
