package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The access token, cached and renewed shortly before it expires: at most {@link #RENEW_BEFORE}
 * ahead, or half its life for a short-lived one. However many calls need a token at once, one
 * renewal runs and all of them wait for it.
 */
final class AccessTokens {

  /** How long before its expiry a token is renewed, at most. */
  static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

  /** A token the gateway issued, and when to stop using it. */
  record Issued(String value, Instant renewAt) {
    Issued {
      requireNonNull(value, "value is null");
      requireNonNull(renewAt, "renewAt is null");
    }

    static Issued of(String value, Instant issuedAt, Duration lifetime) {
      Duration margin = lifetime.dividedBy(2).compareTo(RENEW_BEFORE) < 0 ? lifetime.dividedBy(2) : RENEW_BEFORE;
      return new Issued(value, issuedAt.plus(lifetime).minus(margin));
    }
  }

  private final Supplier<CompletableFuture<Issued>> source;
  private final Clock clock;
  private Issued cached;
  private CompletableFuture<Issued> renewal;

  AccessTokens(Supplier<CompletableFuture<Issued>> source, Clock clock) {
    this.source = requireNonNull(source, "source is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** A token to use now: the cached one while it is fresh, else the one renewal under way. */
  synchronized CompletableFuture<String> current() {
    if (cached != null && clock.instant().isBefore(cached.renewAt())) {
      return CompletableFuture.completedFuture(cached.value());
    }
    CompletableFuture<Issued> pending = renewal;
    if (pending == null) {
      CompletableFuture<Issued> next = new CompletableFuture<>();
      renewal = next;
      pending = next;
      CompletableFuture<Issued> fetched;
      try {
        fetched = source.get();
      } catch (RuntimeException e) {
        fetched = CompletableFuture.failedFuture(e);
      }
      fetched.whenComplete((issued, failure) -> {
        synchronized (this) {
          if (issued != null) {
            cached = issued;
          }
          if (renewal == next) {
            renewal = null;
          }
        }
        if (failure != null) {
          next.completeExceptionally(failure);
        } else {
          next.complete(issued);
        }
      });
    }
    // The renewal may already be over (a source that answers at once): its own future, not the field.
    return pending.thenApply(Issued::value);
  }

  /** Forgets {@code token} after the gateway refused it, so the next call renews. */
  synchronized void refused(String token) {
    if (cached != null && cached.value().equals(token)) {
      cached = null;
    }
  }
}
