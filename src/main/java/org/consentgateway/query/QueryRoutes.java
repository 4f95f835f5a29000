package org.consentgateway.query;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.crypto.GatewayJwt;
import org.consentgateway.crypto.RecordCipher;
import org.consentgateway.http.ErrorCode;
import org.consentgateway.http.ProblemException;
import org.consentgateway.identity.ClientRegistry;
import org.consentgateway.identity.Principal;
import org.consentgateway.policy.PolicyBundle;

/**
 * {@code POST /v1/queries} (API.md "Institution"). Only institutions reach it
 * ({@code identity.AccessRules}); the caller is the principal, its id the USCC.
 */
public final class QueryRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final QueryService service;

  private QueryRoutes(QueryService service) {
    this.service = service;
  }

  /** The route over {@code pool}, verifying consent tokens {@code jwt} signed as {@code issuer}. */
  public static QueryRoutes create(Pool pool, GatewayJwt jwt, String issuer, PolicyBundle policies, RecordCipher cipher,
      AuditLog audit, Clock clock) {
    return new QueryRoutes(new QueryService(jwt, issuer, new ClientRegistry(pool), policies, new QueryStore(pool, cipher), audit,
        clock));
  }

  public void mount(Router router) {
    router.post("/v1/queries").handler(this::query);
  }

  private void query(RoutingContext context) {
    Principal caller = requireNonNull(context.get(Principal.CONTEXT_KEY), "no principal: the access rules must run first");
    QueryRequest request = QueryRequest.fromJson(body(context));
    service.query(caller, request)
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
