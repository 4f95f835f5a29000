package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link ConsentGatewayClient}'s calls in a waiting form: each returns the verified answer or
 * throws the {@link ConsentGatewayException} the future would have failed with (not wrapped).
 * Thread-safe; do not call it on an event loop.
 */
public final class BlockingConsentGatewayClient {

  private final ConsentGatewayClient client;

  BlockingConsentGatewayClient(ConsentGatewayClient client) {
    this.client = requireNonNull(client, "client is null");
  }

  /** The asynchronous form. */
  public ConsentGatewayClient async() {
    return client;
  }

  public GatewayMetadata metadata() {
    return client.metadata();
  }

  public String accessToken() {
    return await(client.accessToken());
  }

  public ConsentRequestStatus requestConsent(ConsentRequest request) {
    return await(client.requestConsent(request));
  }

  public ConsentRequestStatus consentRequest(String requestId) {
    return await(client.consentRequest(requestId));
  }

  public ConsentRequestStatus awaitDecision(String requestId, Duration interval, Duration atMost) {
    return await(client.awaitDecision(requestId, interval, atMost));
  }

  public ConsentRequestStatus takeCallback(URI redirected, String expectedState) {
    return await(client.takeCallback(redirected, expectedState));
  }

  public QueryAnswer query(ConsentToken consent, String purpose, String grade) {
    return await(client.query(consent, purpose, grade));
  }

  public ConsentToken verifyConsentToken(String token) {
    return await(client.verifyConsentToken(token));
  }

  public Receipt verifyReceipt(String receipt) {
    return await(client.verifyReceipt(receipt));
  }

  public ConsentEvent verifyConsentEvent(String event) {
    return await(client.verifyConsentEvent(event));
  }

  public ComplaintEvent verifyComplaintEvent(String event) {
    return await(client.verifyComplaintEvent(event));
  }

  public ProvenEntry proveInclusion(long auditIndex) {
    return await(client.proveInclusion(auditIndex));
  }

  public ProvenEntry proveAnswer(QueryAnswer answer) {
    return await(client.proveAnswer(answer));
  }

  /** The future's value, or its failure as thrown by the library. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = Transport.unwrap(e);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new GatewayUnreachableException("the call failed", cause);
    }
  }
}
