package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.replySigned;
import static org.consentgateway.http.JsonRoutes.requiredBody;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.query.AnswerRequest;
import org.consentgateway.query.QueryRequest;
import org.consentgateway.query.QueryService;
import org.consentgateway.query.SelfReport;
import org.consentgateway.value.Principal;

/**
 * {@code POST /v1/queries} (docs/api.md "Institution"). Only institutions reach it
 * ({@link AccessRules}); the caller is the principal, its id the USCC. Also
 * {@code GET /v1/me/report} (docs/api.md "Citizen", {@link SelfReport}), which only citizens reach.
 * Both answer 200 signed (RFC 9421; docs/consents.md "Signed answers").
 */
public final class QueryRoutes {

  public static final String PATH = "/v1/queries";

  private final QueryService service;
  private final SelfReport selfReport;

  public QueryRoutes(QueryService service, SelfReport selfReport) {
    this.service = requireNonNull(service, "service is null");
    this.selfReport = requireNonNull(selfReport, "selfReport is null");
  }

  public void mount(Router router) {
    router.post(PATH).handler(this::query);
    router.get("/v1/me/report").handler(this::selfReport);
  }

  private void selfReport(RoutingContext context) {
    replySigned(context, selfReport.signedReport(Caller.of(context), answered(context)));
  }

  /** The request an answer's signature covers: its method and path as received (RFC 9421 §2.2.1, §2.2.6). */
  static AnswerRequest answered(RoutingContext context) {
    return new AnswerRequest(context.request().method().name(), context.request().path());
  }

  private void query(RoutingContext context) {
    Principal caller = Caller.of(context);
    QueryRequest request = QueryRequest.fromJson(requiredBody(context));
    replySigned(context, service.query(caller, request, answered(context)));
  }
}
