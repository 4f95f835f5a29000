package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.reply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.AccessTokens;
import org.consentgateway.identity.TokenIssuer;

/**
 * {@code POST /v1/oauth/token}: the form of RFC 6749 §4.4 in, a token or a refusal out. Errors
 * carry both the RFC 6749 §5.2 members ({@code error}, {@code error_description}) and the problem
 * {@code code}; no answer of this endpoint may be cached (RFC 6749 §5.1).
 */
public final class TokenEndpoint {

  public static final String PATH = "/v1/oauth/token";

  private final TokenIssuer issuer;

  public TokenEndpoint(TokenIssuer issuer) {
    this.issuer = requireNonNull(issuer, "issuer is null");
  }

  public void handle(RoutingContext context) {
    String assertion;
    try {
      if (!MediaTypes.declares(context.request(), MediaTypes.FORM)) {
        // RFC 6749 §4.4.2: the request is form-encoded; nothing else is read as one.
        throw TokenIssuer.Refusal.unsupportedMediaType("the body must be " + MediaTypes.FORM);
      }
      assertion = assertion(context.request().formAttributes());
    } catch (TokenIssuer.Refusal refusal) {
      refuse(context, refusal);
      return;
    }
    issuer.issue(assertion)
        .onSuccess(issued -> issue(context, issued))
        .onFailure(failure -> {
          if (failure instanceof TokenIssuer.Refusal refusal) {
            refuse(context, refusal);
          } else {
            context.fail(failure);
          }
        });
  }

  /**
   * A failure before {@link #handle} could read the form (one the decoder refused): a malformed
   * request, answered in the endpoint's own shape (RFC 6749 §5.2). Anything else goes on to the
   * common failure handler.
   */
  public void failed(RoutingContext context) {
    if (context.failure() instanceof ProblemException problem && problem.code() == ErrorCode.INVALID_REQUEST) {
      refuse(context, TokenIssuer.Refusal.invalidRequest("invalid_request", problem.detail()));
    } else {
      context.next();
    }
  }

  /** The client assertion of a well-formed client-credentials form; else the refusal RFC 6749 §5.2 names. */
  private static String assertion(MultiMap form) {
    String grantType = form.get("grant_type");
    if (grantType == null) {
      throw TokenIssuer.Refusal.invalidRequest("invalid_request", "grant_type is required");
    }
    if (!"client_credentials".equals(grantType)) {
      throw TokenIssuer.Refusal.invalidRequest("unsupported_grant_type", "only grant_type=client_credentials is supported");
    }
    if (!TokenIssuer.ASSERTION_TYPE.equals(form.get("client_assertion_type"))) {
      throw TokenIssuer.Refusal.invalidRequest("invalid_request", "client_assertion_type must be " + TokenIssuer.ASSERTION_TYPE);
    }
    String assertion = form.get("client_assertion");
    if (assertion == null || assertion.isBlank()) {
      throw TokenIssuer.Refusal.invalidRequest("invalid_request", "client_assertion is required");
    }
    return assertion;
  }

  private static void issue(RoutingContext context, AccessTokens.Issued issued) {
    if (context.response().ended()) {
      return; // the request's deadline passed first: it was answered 503
    }
    context.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
    reply(context, 200, JsonNodeFactory.instance.objectNode()
        .put("access_token", issued.token())
        .put("token_type", "Bearer")
        .put("expires_in", issued.expiresInSeconds()));
  }

  private static void refuse(RoutingContext context, TokenIssuer.Refusal refusal) {
    context.response().putHeader("Cache-Control", "no-store");
    refusal.retryAfterSeconds().ifPresent(seconds -> context.response().putHeader("Retry-After", Long.toString(seconds)));
    ProblemResponses.send(context, refusal.code(), refusal.detail(),
        JsonNodeFactory.instance.objectNode().put("error", refusal.oauthError()).put("error_description", refusal.detail()));
  }
}
