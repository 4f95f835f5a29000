package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.jsonBody;
import static org.consentgateway.http.JsonRoutes.member;
import static org.consentgateway.http.JsonRoutes.pathId;
import static org.consentgateway.http.JsonRoutes.reply;
import static org.consentgateway.http.JsonRoutes.requiredBody;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Predicate;
import org.consentgateway.consent.Consent;
import org.consentgateway.consent.ConsentJson;
import org.consentgateway.consent.ConsentLifecycle;
import org.consentgateway.consent.ConsentRequest;
import org.consentgateway.consent.NewConsentRequest;
import org.consentgateway.consent.RequestStatus;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;

/**
 * The consent lifecycle over HTTP (docs/api.md "Institution" and "Citizen"). Who may call is decided
 * before these handlers run ({@link AccessRules}: institutions on
 * {@code /v1/consent-requests}, citizens on {@code /v1/me}); here the caller is the principal and
 * sees only its own requests and consents: anyone else's are answered 404, as if absent.
 */
public final class ConsentRoutes {

  /**
   * Where the citizen answers a request made with a redirect URI: the citizen app's consent page,
   * {@code <issuer>/app/consent-requests/<id>}, served by the same gateway.
   */
  public static final String CONSENT_PAGE_PATH = "/app/consent-requests/";
  public static final String REQUESTS_PATH = "/v1/consent-requests";

  private final ConsentLifecycle lifecycle;
  private final Clock clock;
  private final String consentPages;

  /** @param issuer the gateway's issuer URL, which the consent page's URL starts with */
  public ConsentRoutes(ConsentLifecycle lifecycle, Clock clock, String issuer) {
    this.lifecycle = requireNonNull(lifecycle, "lifecycle is null");
    this.clock = requireNonNull(clock, "clock is null");
    requireNonNull(issuer, "issuer is null");
    this.consentPages = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + CONSENT_PAGE_PATH;
  }

  public void mount(Router router) {
    router.post(REQUESTS_PATH).handler(this::request);
    router.get(REQUESTS_PATH + "/:id").handler(this::requestStatus);
    router.get("/v1/me/consent-requests").handler(this::citizenRequests);
    router.post("/v1/me/consent-requests/:id/approve").handler(this::approve);
    router.post("/v1/me/consent-requests/:id/reject").handler(this::reject);
    router.get("/v1/me/consents").handler(this::consents);
    router.post("/v1/me/consents/:id/revoke").handler(this::revoke);
    router.post("/v1/me/consents/:id/pause").handler(this::pause);
    router.post("/v1/me/consents/:id/resume").handler(this::resume);
  }

  private void request(RoutingContext context) {
    NewConsentRequest body = NewConsentRequest.fromJson(requiredBody(context));
    reply(context, 201, lifecycle.request(caller(context), body).map(this::forInstitution));
  }

  private void requestStatus(RoutingContext context) {
    reply(context, 200, lifecycle.requestStatus(caller(context), id(context)).map(view -> {
      ObjectNode json = forInstitution(view.request());
      view.request().consentId().ifPresent(consentId -> json.put("consentId", consentId.toString()));
      view.consentToken().ifPresent(token -> json.put("consentToken", token));
      return json;
    }));
  }

  private void citizenRequests(RoutingContext context) {
    Predicate<RequestStatus> wanted = statusFilter(context.request().getParam("status"));
    reply(context, 200, lifecycle.requestsOf(caller(context)).map(requests -> ConsentJson.forCitizen(
        requests.stream().filter(request -> wanted.test(request.statusAt(clock.instant()))).toList(), clock.instant())));
  }

  private void approve(RoutingContext context) {
    boolean confirmSensitive = jsonBody(context)
        .flatMap(body -> member(body, "confirmSensitive"))
        .map(value -> {
          if (value.isBoolean()) {
            return value.booleanValue();
          }
          throw new ProblemException(ErrorCode.INVALID_REQUEST, "confirmSensitive must be true or false.");
        })
        .orElse(false);
    reply(context, 201, lifecycle.approve(caller(context), id(context), confirmSensitive).map(this::receipted));
  }

  private void reject(RoutingContext context) {
    reply(context, 200, lifecycle.reject(caller(context), id(context))
        .map(request -> object().put("id", request.id().toString()).put("status", RequestStatus.REJECTED.name())));
  }

  private void consents(RoutingContext context) {
    reply(context, 200, lifecycle.consentsOf(caller(context)).map(all -> ConsentJson.consents(all, clock.instant())));
  }

  private void revoke(RoutingContext context) {
    reply(context, 200, lifecycle.revoke(caller(context), id(context)).map(this::receipted));
  }

  private void pause(RoutingContext context) {
    reply(context, 200, lifecycle.pause(caller(context), id(context))
        .map(this::consent));
  }

  private void resume(RoutingContext context) {
    reply(context, 200, lifecycle.resume(caller(context), id(context)).map(this::consent));
  }

  /** The institution's view of its request; one made with a redirect URI names the page the citizen answers it on. */
  private ObjectNode forInstitution(ConsentRequest request) {
    ObjectNode json = ConsentJson.forInstitution(request, clock.instant());
    if (request.redirect().isPresent()) {
      json.put("consentUrl", consentPages + request.id());
    }
    return json;
  }

  /** {@code {"consent": ...}}: a consent after a change. */
  private ObjectNode consent(Consent consent) {
    ObjectNode json = object();
    json.set("consent", ConsentJson.consent(consent, clock.instant()));
    return json;
  }

  /** {@code {"consent": ..., "receipt": ...}}: a consent after a change the citizen gets a signed receipt of. */
  private ObjectNode receipted(ConsentLifecycle.Receipted receipted) {
    return consent(receipted.consent()).put("receipt", receipted.receipt());
  }

  private static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static Predicate<RequestStatus> statusFilter(String status) {
    if (status == null) {
      return any -> true;
    }
    for (RequestStatus candidate : RequestStatus.values()) {
      if (candidate.name().equals(status)) {
        return candidate::equals;
      }
    }
    throw new ProblemException(ErrorCode.INVALID_REQUEST, "status must be PENDING, APPROVED, REJECTED or EXPIRED.");
  }

  // An id that is not a UUID names nothing: 404, like any id the caller cannot see.
  private static UUID id(RoutingContext context) {
    return pathId(context, "id", "No such consent request or consent.");
  }

  private static Principal caller(RoutingContext context) {
    return Caller.of(context);
  }
}
