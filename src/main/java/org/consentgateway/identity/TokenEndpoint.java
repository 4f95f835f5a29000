package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.OptionalLong;
import org.consentgateway.http.ErrorCode;
import org.consentgateway.http.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/oauth/token}: OAuth 2.0 client credentials with {@code private_key_jwt}
 * (RFC 6749 §4.4, RFC 7523 §2.2). Errors carry both the RFC 6749 §5.2 members ({@code error},
 * {@code error_description}) and the problem {@code code}.
 */
public final class TokenEndpoint {

  public static final String PATH = "/v1/oauth/token";
  static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

  private final ClientRegistry registry;
  private final ClientAssertions assertions;
  private final AssertionReplayGuard replayGuard;
  private final AccessTokens accessTokens;
  private final RateLimiter rateLimiter;
  private final int maxTokenBytes;

  public TokenEndpoint(ClientRegistry registry, ClientAssertions assertions, AssertionReplayGuard replayGuard,
      AccessTokens accessTokens, RateLimiter rateLimiter, int maxTokenBytes) {
    this.registry = requireNonNull(registry, "registry is null");
    this.assertions = requireNonNull(assertions, "assertions is null");
    this.replayGuard = requireNonNull(replayGuard, "replayGuard is null");
    this.accessTokens = requireNonNull(accessTokens, "accessTokens is null");
    this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter is null");
    this.maxTokenBytes = maxTokenBytes;
  }

  /** A refusal on its way to the client. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final ErrorCode code;
    final String oauthError;

    Refusal(ErrorCode code, String oauthError, String detail) {
      super(detail, null, false, false);
      this.code = code;
      this.oauthError = oauthError;
    }
  }

  public void handle(RoutingContext context) {
    MultiMap form = context.request().formAttributes();
    String assertion;
    String clientId;
    try {
      assertion = requireForm(form);
      clientId = ClientAssertions.claimedClientId(assertion)
          .orElseThrow(() -> invalidClient("client assertion must be a JWT whose iss and sub are the client id"));
    } catch (Refusal refusal) {
      refuse(context, refusal);
      return;
    }
    // Before any database or signature work, so a flood costs us little.
    OptionalLong retryAfter = rateLimiter.acquire("client:" + clientId);
    if (retryAfter.isPresent()) {
      context.response().putHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
      refuse(context, new Refusal(ErrorCode.RATE_LIMITED, "slow_down", "too many token requests; retry after "
          + retryAfter.getAsLong() + " s"));
      return;
    }
    registry.find(clientId)
        .compose(found -> authenticate(found, clientId, assertion))
        .onSuccess(client -> issue(context, client))
        .onFailure(failure -> {
          if (failure instanceof Refusal refusal) {
            refuse(context, refusal);
          } else {
            context.fail(failure);
          }
        });
  }

  private Future<RegisteredClient> authenticate(Optional<RegisteredClient> found, String clientId, String assertion) {
    if (found.isEmpty()) {
      return Future.failedFuture(invalidClient("client " + clientId + " is not registered"));
    }
    RegisteredClient client = found.get();
    if (!client.active()) {
      return Future.failedFuture(invalidClient("client " + clientId + " is disabled"));
    }
    ClientAssertions.Check check = assertions.verify(assertion, client);
    if (!check.accepted()) {
      return Future.failedFuture(invalidClient(check.problem()));
    }
    return replayGuard.firstUse(client.id(), check.jti().get(), check.expiresAt()).compose(first -> first
        ? Future.succeededFuture(client)
        : Future.failedFuture(invalidClient("client assertion jti was already used")));
  }

  private void issue(RoutingContext context, RegisteredClient client) {
    AccessTokens.Issued issued = accessTokens.issue(client.role(), client.id());
    LOG.info("issued an access token to {}:{}", client.role().wireName(), client.id());
    context.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .putHeader("Pragma", "no-cache")
        .end(new JsonObject()
            .put("access_token", issued.token())
            .put("token_type", "Bearer")
            .put("expires_in", issued.expiresInSeconds())
            .encode());
  }

  private String requireForm(MultiMap form) {
    String grantType = form.get("grant_type");
    if (grantType == null) {
      throw new Refusal(ErrorCode.INVALID_REQUEST, "invalid_request", "grant_type is required");
    }
    if (!"client_credentials".equals(grantType)) {
      throw new Refusal(ErrorCode.INVALID_REQUEST, "unsupported_grant_type", "only grant_type=client_credentials is supported");
    }
    if (!ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
      throw new Refusal(ErrorCode.INVALID_REQUEST, "invalid_request", "client_assertion_type must be " + ASSERTION_TYPE);
    }
    String assertion = form.get("client_assertion");
    if (assertion == null || assertion.isBlank()) {
      throw new Refusal(ErrorCode.INVALID_REQUEST, "invalid_request", "client_assertion is required");
    }
    if (assertion.length() > maxTokenBytes) {
      throw invalidClient("client assertion is larger than " + maxTokenBytes + " bytes");
    }
    return assertion;
  }

  private static Refusal invalidClient(String detail) {
    return new Refusal(ErrorCode.UNAUTHENTICATED, "invalid_client", detail);
  }

  private static void refuse(RoutingContext context, Refusal refusal) {
    context.response().putHeader("Cache-Control", "no-store");
    ProblemResponses.send(context, refusal.code, refusal.getMessage(),
        new JsonObject().put("error", refusal.oauthError).put("error_description", refusal.getMessage()));
  }
}
