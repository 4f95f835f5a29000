package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The gateway's public keys ({@code jwks_uri}), kept once fetched. A {@code kid} they do not hold
 * makes one refetch (the gateway may have rotated its key), at most once per
 * {@link #MIN_REFETCH_INTERVAL}, so forged kids cannot make the client hammer the gateway.
 */
final class JwksCache {

  static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);

  private final Supplier<CompletableFuture<byte[]>> fetch;
  private final Clock clock;
  private JWKSet keys;
  private Instant fetchedAt = Instant.MIN;
  private CompletableFuture<JWKSet> fetching;

  JwksCache(Supplier<CompletableFuture<byte[]>> fetch, Clock clock) {
    this.fetch = requireNonNull(fetch, "fetch is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The key {@code kid}; fails with {@link VerificationException} ({@code UNKNOWN_KEY}) when the gateway has none such. */
  CompletableFuture<JWK> key(String kid) {
    requireNonNull(kid, "kid is null");
    Optional<JWK> known = cached(kid);
    if (known.isPresent()) {
      return CompletableFuture.completedFuture(known.get());
    }
    return refetch().thenApply(set -> Optional.ofNullable(set.getKeyByKeyId(kid)).orElseThrow(() ->
        new VerificationException(VerificationFailure.UNKNOWN_KEY, "the gateway's JWKS holds no key with that kid")));
  }

  private synchronized Optional<JWK> cached(String kid) {
    return keys == null ? Optional.empty() : Optional.ofNullable(keys.getKeyByKeyId(kid));
  }

  private synchronized CompletableFuture<JWKSet> refetch() {
    if (fetching != null) {
      return fetching;
    }
    if (keys != null && clock.instant().isBefore(fetchedAt.plus(MIN_REFETCH_INTERVAL))) {
      return CompletableFuture.completedFuture(keys);
    }
    CompletableFuture<JWKSet> next = fetch.get().thenApply(JwksCache::parse);
    fetching = next;
    next.whenComplete((set, failure) -> {
      synchronized (this) {
        if (set != null) {
          keys = set;
          fetchedAt = clock.instant();
        }
        fetching = null;
      }
    });
    return next;
  }

  private static JWKSet parse(byte[] body) {
    try {
      return JWKSet.parse(new String(body, StandardCharsets.UTF_8));
    } catch (ParseException e) {
      throw new UnexpectedAnswerException("the gateway's JWKS does not parse", e);
    }
  }
}
