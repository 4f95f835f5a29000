package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.OptionalLong;
import org.consentgateway.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 client credentials with {@code private_key_jwt} (RFC 6749 §4.4, RFC 7523 §2.2):
 * authenticates a registered client by its signed assertion and issues it an access token.
 * Refusals carry both the problem code and the RFC 6749 §5.2 {@code error}.
 */
public final class TokenIssuer {

  /** RFC 7523 §2.2: the only client assertion type accepted. */
  public static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private static final Logger LOG = LoggerFactory.getLogger(TokenIssuer.class);

  /** A token request refused: the problem code, the RFC 6749 §5.2 error, and a detail for the client. */
  public static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String oauthError;
    private final OptionalLong retryAfterSeconds;

    private Refusal(ErrorCode code, String oauthError, String detail) {
      super(detail, null, false, false);
      this.code = requireNonNull(code, "code is null");
      this.oauthError = requireNonNull(oauthError, "oauthError is null");
      this.retryAfterSeconds = OptionalLong.empty();
    }

    /** Asked too often: RFC 6749 §5.2 has no error for it, so {@code slow_down} (RFC 8628 §3.5) says what to do. */
    private Refusal(long retryAfterSeconds) {
      super("too many token requests; retry after " + retryAfterSeconds + " s", null, false, false);
      this.code = ErrorCode.RATE_LIMITED;
      this.oauthError = "slow_down";
      this.retryAfterSeconds = OptionalLong.of(retryAfterSeconds);
    }

    /** A form that is not a client-credentials request with a client assertion (RFC 6749 §5.2). */
    public static Refusal invalidRequest(String oauthError, String detail) {
      return new Refusal(ErrorCode.INVALID_REQUEST, oauthError, detail);
    }

    /** A body that is not form-encoded: RFC 6749 has no error of its own for it, so {@code invalid_request}. */
    public static Refusal unsupportedMediaType(String detail) {
      return new Refusal(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "invalid_request", detail);
    }

    public ErrorCode code() {
      return code;
    }

    public String oauthError() {
      return oauthError;
    }

    public String detail() {
      return getMessage();
    }

    /** Present when the client asked too often: seconds until it may ask again. */
    public OptionalLong retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  private final ClientRegistry registry;
  private final ClientAssertions assertions;
  private final AssertionReplayGuard replayGuard;
  private final AccessTokens accessTokens;
  private final RateLimiter rateLimiter;
  private final int maxTokenBytes;

  public TokenIssuer(ClientRegistry registry, ClientAssertions assertions, AssertionReplayGuard replayGuard,
      AccessTokens accessTokens, RateLimiter rateLimiter, int maxTokenBytes) {
    this.registry = requireNonNull(registry, "registry is null");
    this.assertions = requireNonNull(assertions, "assertions is null");
    this.replayGuard = requireNonNull(replayGuard, "replayGuard is null");
    this.accessTokens = requireNonNull(accessTokens, "accessTokens is null");
    this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter is null");
    this.maxTokenBytes = maxTokenBytes;
  }

  /**
   * Issues a token to the client whose signed {@code assertion} this is (the form's
   * {@code client_assertion}, its other fields already checked); fails with a {@link Refusal}.
   */
  public Future<AccessTokens.Issued> issue(String assertion) {
    requireNonNull(assertion, "assertion is null");
    if (assertion.length() > maxTokenBytes) {
      return Future.failedFuture(invalidClient("client assertion is larger than " + maxTokenBytes + " bytes"));
    }
    Optional<String> claimed = ClientAssertions.claimedClientId(assertion);
    if (claimed.isEmpty()) {
      return Future.failedFuture(invalidClient("client assertion must be a JWT whose iss and sub are the client id"));
    }
    String clientId = claimed.get();
    // Before any database or signature work, so a flood costs us little.
    OptionalLong retryAfter = rateLimiter.acquire("client:" + clientId);
    if (retryAfter.isPresent()) {
      return Future.failedFuture(new Refusal(retryAfter.getAsLong()));
    }
    return verified(registry.find(clientId), clientId, assertion)
        // The registration may be a cached one a moment older than a change: a refusal rests on the database's answer.
        .recover(failure -> failure instanceof Refusal
            ? verified(registry.findAfresh(clientId), clientId, assertion)
            : Future.failedFuture(failure))
        .compose(verified -> replayGuard.firstUse(verified.client().id(), verified.check().jti().get(), verified.check().expiresAt())
            .compose(first -> first
                ? Future.succeededFuture(verified.client())
                : Future.<RegisteredClient>failedFuture(invalidClient("client assertion jti was already used"))))
        .map(client -> {
          AccessTokens.Issued issued = accessTokens.issue(client.role(), client.id());
          LOG.info("issued an access token to {}:{}", client.role().wireName(), client.id());
          return issued;
        });
  }

  /** An active client whose key verifies the assertion. */
  private record Verified(RegisteredClient client, ClientAssertions.Check check) {}

  /** The client {@code lookup} finds, verified by {@link #verify}; a {@link Refusal} when none is registered. */
  private Future<Verified> verified(Future<Optional<RegisteredClient>> lookup, String clientId, String assertion) {
    return lookup.compose(found -> found.map(client -> verify(client, clientId, assertion))
        .orElseGet(() -> Future.failedFuture(invalidClient("the client is not registered"))));
  }

  /** What the registration decides: active, and the assertion verifies with its key; else a {@link Refusal}. */
  private Future<Verified> verify(RegisteredClient client, String clientId, String assertion) {
    if (!client.active()) {
      return Future.failedFuture(invalidClient("client " + clientId + " is disabled"));
    }
    ClientAssertions.Check check = assertions.verify(assertion, client);
    if (!check.accepted()) {
      return Future.failedFuture(invalidClient(check.problem()));
    }
    return Future.succeededFuture(new Verified(client, check));
  }

  private static Refusal invalidClient(String detail) {
    return new Refusal(ErrorCode.UNAUTHENTICATED, "invalid_client", detail);
  }
}
