package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends requests and retries only what is safe. A request that could not have been received (the
 * connection was refused or not made in time) may always go again. A refusal with 503 or 429 may
 * too: the gateway did nothing (docs/api.md "Error codes"), and it says when with
 * {@code Retry-After}. A transport failure after sending (a lost connection, a timeout) is
 * retried only for a {@link Safety#REPEATABLE} request, a read or a token request; for one that
 * may have acted, a query or a consent request, it is an {@link OutcomeUnknownException}.
 */
final class Transport {

  /** Whether sending the request twice can do harm. */
  enum Safety {
    /** Reads, and token requests (each attempt signs a new assertion): repeat on any failure. */
    REPEATABLE,
    /** Queries and consent requests: never repeated once they may have reached the gateway. */
    ONCE
  }

  private final HttpClient http;
  private final RetryPolicy policy;

  Transport(HttpClient http, RetryPolicy policy) {
    this.http = requireNonNull(http, "http is null");
    this.policy = requireNonNull(policy, "policy is null");
  }

  /**
   * The answer to the request {@code request} builds (anew for each attempt), once it is not one to
   * retry: any status, 2xx or a refusal, for the caller to read.
   */
  CompletableFuture<HttpResponse<byte[]>> send(Supplier<HttpRequest> request, Safety safety) {
    return attempt(request, safety, 1);
  }

  private CompletableFuture<HttpResponse<byte[]>> attempt(Supplier<HttpRequest> request, Safety safety, int attempt) {
    HttpRequest sent = request.get();
    return http.sendAsync(sent, HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, failure) -> {
          if (failure != null) {
            return onFailure(request, safety, attempt, sent, unwrap(failure));
          }
          Optional<Duration> wait = waitBeforeRetry(response, attempt);
          return wait.isPresent() ? later(wait.get(), () -> attempt(request, safety, attempt + 1))
              : CompletableFuture.completedFuture(response);
        })
        .thenCompose(next -> next);
  }

  private CompletableFuture<HttpResponse<byte[]>> onFailure(Supplier<HttpRequest> request, Safety safety, int attempt,
      HttpRequest sent, Throwable failure) {
    boolean neverSent = failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
    String what = sent.method() + " " + sent.uri().getPath();
    if (!neverSent && safety == Safety.ONCE) {
      return CompletableFuture.failedFuture(new OutcomeUnknownException(what
          + " was sent and no answer came; it is not sent again, as the gateway may have acted on it", failure));
    }
    if (!(failure instanceof IOException) || attempt >= policy.maxAttempts()) {
      return CompletableFuture.failedFuture(new GatewayUnreachableException(what + " failed after " + attempt + " attempt(s)", failure));
    }
    return later(policy.backoffBefore(attempt + 1), () -> attempt(request, safety, attempt + 1));
  }

  /** For 503 and 429 (the gateway did nothing), how long to wait before the next attempt; empty to answer now. */
  private Optional<Duration> waitBeforeRetry(HttpResponse<byte[]> response, int attempt) {
    if (response.statusCode() != 503 && response.statusCode() != 429 || attempt >= policy.maxAttempts()) {
      return Optional.empty();
    }
    Duration wait = Problem.retryAfter(response).orElse(policy.backoffBefore(attempt + 1));
    return wait.compareTo(policy.maxRetryAfter()) <= 0 ? Optional.of(wait) : Optional.empty();
  }

  private static <T> CompletableFuture<T> later(Duration wait, Supplier<CompletableFuture<T>> next) {
    return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
        .thenCompose(ignored -> next.get());
  }

  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
