package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An institution's client of the Consent Gateway (docs/integration.md "The Java client library"),
 * asynchronous: every call returns at once and completes its future with the answer, already
 * verified, or with a {@link ConsentGatewayException}. Thread-safe; build one per gateway and
 * share it. {@link #blocking()} gives the same calls in a waiting form.
 *
 * <pre>{@code
 * ConsentGatewayClient client = ConsentGatewayClient.builder("https://gateway.example", "91350100M000100Y43",
 *     ClientSigningKey.fromPem(Path.of("institution.key.pem"))).connect().join();
 * }</pre>
 */
public final class ConsentGatewayClient {

  /** How often a proof is asked for again while no checkpoint covers the entry yet (checkpoints follow within about a second). */
  static final Duration PROOF_PATIENCE = Duration.ofMillis(500);
  static final int PROOF_ATTEMPTS = 10;

  private final GatewayMetadata metadata;
  private final String clientId;
  private final AccessTokens tokens;
  private final Exchanges exchanges;
  private final TokenVerifier tokenVerifier;
  private final AnswerVerifier answerVerifier;
  private final InclusionVerifier inclusionVerifier;
  private final CompletableFuture<VerifierKey> verifierKey;

  private ConsentGatewayClient(Builder builder, GatewayMetadata metadata, Transport transport) {
    this.metadata = metadata;
    this.clientId = builder.clientId;
    ClientAssertions assertions = new ClientAssertions(clientId, builder.key, metadata.tokenEndpoint(), builder.clock);
    TokenSource source = new TokenSource(metadata, assertions, transport, builder.clock, builder.timeout);
    this.tokens = new AccessTokens(source::fetch, builder.clock);
    this.exchanges = new Exchanges(transport, tokens, builder.timeout);
    JwksCache jwks = new JwksCache(() -> exchanges.getPublic(metadata.jwksUri())
        .thenApply(response -> Exchanges.expect(response, 200)), builder.clock);
    this.tokenVerifier = new TokenVerifier(jwks, metadata.issuer(), clientId, builder.clock);
    this.answerVerifier = new AnswerVerifier(jwks);
    this.inclusionVerifier = new InclusionVerifier(clientId);
    this.verifierKey = builder.pinnedVerifierKey != null ? CompletableFuture.completedFuture(builder.pinnedVerifierKey)
        : exchanges.getPublic(metadata.verifierKeyEndpoint())
            .thenApply(response -> VerifierKey.parse(new String(Exchanges.expect(response, 200), StandardCharsets.UTF_8)));
  }

  /** Starts a client of the gateway at {@code issuer} (its issuer URL, exactly as its tokens carry it) for {@code clientId} (the USCC). */
  public static Builder builder(String issuer, String clientId, ClientSigningKey key) {
    return new Builder(issuer, clientId, key);
  }

  public GatewayMetadata metadata() {
    return metadata;
  }

  /** The same client, waiting for each answer. */
  public BlockingConsentGatewayClient blocking() {
    return new BlockingConsentGatewayClient(this);
  }

  /** A current access token: the cached one, or a new one shortly before it expires. */
  public CompletableFuture<String> accessToken() {
    return tokens.current();
  }

  /** {@code POST /v1/consent-requests}: never sent twice (a lost answer is an {@link OutcomeUnknownException}). */
  public CompletableFuture<ConsentRequestStatus> requestConsent(ConsentRequest request) {
    return exchanges.postOnce(metadata.consentRequestsEndpoint(), request.toJson())
        .thenApply(response -> ConsentRequestStatus.parse(Exchanges.json(response, 201, "the consent request")));
  }

  /** {@code GET /v1/consent-requests/{id}}; once approved, with the consent token verified. */
  public CompletableFuture<ConsentRequestStatus> consentRequest(String requestId) {
    URI uri = URI.create(metadata.consentRequestsEndpoint() + "/" + URLEncoder.encode(requireNonNull(requestId, "requestId is null"),
        StandardCharsets.UTF_8));
    return exchanges.get(uri).thenCompose(response -> {
      Map<String, Object> json = Exchanges.json(response, 200, "the consent request");
      Optional<String> token = Json.optionalString(json, "consentToken", "the consent request");
      ConsentRequestStatus status = ConsentRequestStatus.parse(json);
      return token.isEmpty() ? CompletableFuture.completedFuture(status)
          : tokenVerifier.consentToken(token.get()).thenApply(status::withConsentToken);
    });
  }

  /** Polls the request every {@code interval} until it is no longer {@code PENDING}, or {@code atMost} has passed (then the pending status). */
  public CompletableFuture<ConsentRequestStatus> awaitDecision(String requestId, Duration interval, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    return consentRequest(requestId).thenCompose(status -> !status.pending() || System.nanoTime() - deadline >= 0
        ? CompletableFuture.completedFuture(status)
        : CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(interval.toMillis(), TimeUnit.MILLISECONDS))
            .thenCompose(ignored -> awaitDecision(requestId, interval, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))));
  }

  /**
   * Takes the citizen's browser's return to the redirect URI: checks the {@code state} the request
   * was sent with, then reads the request's status with this client's token (the redirect proves
   * nothing by itself).
   */
  public CompletableFuture<ConsentRequestStatus> takeCallback(URI redirected, String expectedState) {
    try {
      return consentRequest(ConsentCallback.parse(redirected, expectedState).requestId());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@code POST /v1/queries}, the answer's signature verified. Never sent twice: a lost answer is an {@link OutcomeUnknownException}. */
  public CompletableFuture<QueryAnswer> query(ConsentToken consent, String purpose, String grade) {
    String body = Json.encode(Map.of("consentToken", consent.token(), "purpose", purpose, "grade", grade));
    return exchanges.postOnce(metadata.queriesEndpoint(), body).thenCompose(response -> {
      byte[] answer = Exchanges.expect(response, 200);
      return answerVerifier.verify(200, response.headers(), answer, "POST", metadata.queriesEndpoint().getRawPath())
          .thenApply(signature -> new QueryAnswer(answer, Json.object(new String(answer, StandardCharsets.UTF_8), "the answer"), signature));
    });
  }

  /** A consent token received some other way, verified against the gateway's JWKS. */
  public CompletableFuture<ConsentToken> verifyConsentToken(String token) {
    return tokenVerifier.consentToken(token);
  }

  /** A consent receipt, verified against the gateway's JWKS. */
  public CompletableFuture<Receipt> verifyReceipt(String receipt) {
    return tokenVerifier.receipt(receipt);
  }

  /** A webhook event's body ({@code application/jwt}), verified against the gateway's JWKS. */
  public CompletableFuture<ConsentEvent> verifyConsentEvent(String event) {
    return tokenVerifier.event(event);
  }

  /** A complaint webhook event's body ({@code application/jwt}, {@code typ} {@code complaint-event+jwt}), verified against the gateway's JWKS. */
  public CompletableFuture<ComplaintEvent> verifyComplaintEvent(String event) {
    return tokenVerifier.complaintEvent(event);
  }

  /**
   * Proves that this institution's audit entry at {@code auditIndex} is in the log: the proof the
   * gateway gives ({@code GET /v1/queries/proofs/inclusion}) checked against a checkpoint signed by
   * the log's verifier key (the pinned one, else the gateway's). Asks again while no checkpoint covers the entry yet.
   */
  public CompletableFuture<ProvenEntry> proveInclusion(long auditIndex) {
    URI uri = URI.create(metadata.queryProofsEndpoint() + "?index=" + auditIndex);
    return verifierKey.thenCompose(key -> proof(uri, 1).thenApply(answer -> inclusionVerifier.verify(auditIndex, answer, key)));
  }

  /** Proves that {@code answer} is what the log recorded: its entry is included, and binds this answer's signature base. */
  public CompletableFuture<ProvenEntry> proveAnswer(QueryAnswer answer) {
    return proveInclusion(answer.auditIndex()).thenApply(entry -> {
      boolean binds = entry.signatureBaseHash().map(hash -> MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
          answer.signature().signatureBaseHash().getBytes(StandardCharsets.US_ASCII))).orElse(false);
      if (!"query.allowed".equals(entry.action()) || !binds) {
        throw new VerificationException(VerificationFailure.ENTRY_MISMATCH, "the entry at the answer's auditIndex does not bind this answer");
      }
      return entry;
    });
  }

  private CompletableFuture<String> proof(URI uri, int attempt) {
    return exchanges.get(uri).thenCompose(response -> {
      if (response.statusCode() == 409 && attempt < PROOF_ATTEMPTS) {
        return CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(PROOF_PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
            .thenCompose(ignored -> proof(uri, attempt + 1));
      }
      return CompletableFuture.completedFuture(new String(Exchanges.expect(response, 200), StandardCharsets.UTF_8));
    });
  }

  /** How to reach the gateway and as whom; {@link #connect()} discovers it. */
  public static final class Builder {
    private final String issuer;
    private final String clientId;
    private final ClientSigningKey key;
    private HttpClient http;
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Duration timeout = Duration.ofSeconds(30);
    private VerifierKey pinnedVerifierKey;

    private Builder(String issuer, String clientId, ClientSigningKey key) {
      this.issuer = requireNonNull(issuer, "issuer is null");
      this.clientId = requireNonNull(clientId, "clientId is null");
      this.key = requireNonNull(key, "key is null");
    }

    /** The JDK client to send with (default: HTTP/1.1, 10 s to connect). */
    public Builder httpClient(HttpClient client) {
      this.http = requireNonNull(client, "client is null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock is null");
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = requireNonNull(policy, "policy is null");
      return this;
    }

    /** How long an answer may take (default 30 s); past it a query's outcome is unknown. */
    public Builder requestTimeout(Duration timeout) {
      this.timeout = requireNonNull(timeout, "timeout is null");
      return this;
    }

    /** The audit log's verifier key, pinned from a trusted channel instead of fetched from the gateway. */
    public Builder pinVerifierKey(String verifierKey) {
      this.pinnedVerifierKey = VerifierKey.parse(verifierKey);
      return this;
    }

    /** Discovers the gateway from its metadata and completes with the client. */
    public CompletableFuture<ConsentGatewayClient> connect() {
      HttpClient client = http != null ? http
          : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      Transport transport = new Transport(client, retryPolicy);
      URI location;
      try {
        location = GatewayMetadata.location(URI.create(issuer));
      } catch (IllegalArgumentException e) {
        return CompletableFuture.failedFuture(e);
      }
      return transport.send(() -> Exchanges.request(location, timeout).GET().build(), Transport.Safety.REPEATABLE)
          .thenApply((HttpResponse<byte[]> response) -> new ConsentGatewayClient(this,
              GatewayMetadata.parse(new String(Exchanges.expect(response, 200), StandardCharsets.UTF_8), issuer), transport));
    }

    /** Discovers the gateway, waiting, and returns the client in its blocking form. */
    public BlockingConsentGatewayClient connectBlocking() {
      return BlockingConsentGatewayClient.await(connect()).blocking();
    }
  }
}
