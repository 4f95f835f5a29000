package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.consentgateway.value.ResidentIdNumber;

/**
 * The demo identity provider's authorization codes: each redeemable once, within a minute. Kept in
 * memory only (the demo provider serves one gateway process), at most {@link #CAPACITY} at a time;
 * the ID number waits here for the token request, as a value that never prints.
 */
final class DemoCodes {

  static final Duration LIFETIME = Duration.ofMinutes(1);
  static final int CAPACITY = 1000;

  /** What a code stands for. */
  record Issued(ResidentIdNumber idNumber, DemoAuthorization request, Instant expiresAt) {
    Issued {
      requireNonNull(idNumber, "idNumber is null");
      requireNonNull(request, "request is null");
      requireNonNull(expiresAt, "expiresAt is null");
    }
  }

  private final Map<String, Issued> codes = new ConcurrentHashMap<>();
  private final RandomTokens random;
  private final Clock clock;

  DemoCodes(RandomTokens random, Clock clock) {
    this.random = requireNonNull(random, "random is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** A new code for {@code idNumber}'s sign-in; empty when too many are waiting. */
  Optional<String> issue(ResidentIdNumber idNumber, DemoAuthorization request) {
    Instant now = clock.instant();
    codes.values().removeIf(issued -> !issued.expiresAt().isAfter(now));
    if (codes.size() >= CAPACITY) {
      return Optional.empty();
    }
    String code = random.next();
    codes.put(code, new Issued(idNumber, request, now.plus(LIFETIME)));
    return Optional.of(code);
  }

  /** What {@code code} stands for, if it is known and not expired; it is forgotten either way (RFC 6749 §4.1.2: once). */
  Optional<Issued> redeem(String code) {
    Issued issued = code == null ? null : codes.remove(code);
    return Optional.ofNullable(issued).filter(found -> found.expiresAt().isAfter(clock.instant()));
  }
}
