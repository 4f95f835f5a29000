package org.consentgateway.identity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers recently verified bearer tokens, so a client that sends the same token many times pays
 * for one signature check. Bounded (least recently used go first); an entry is used only until
 * the token's own expiry. Refusals are not remembered.
 */
final class VerifiedTokens {

  private final Clock clock;
  private final int capacity;
  private final Map<String, Authentication> entries;

  VerifiedTokens(Clock clock, int capacity) {
    this.clock = clock;
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Authentication> eldest) {
        return size() > VerifiedTokens.this.capacity;
      }
    };
  }

  synchronized Optional<Authentication> find(String token) {
    Authentication known = entries.get(token);
    if (known == null) {
      return Optional.empty();
    }
    if (!known.validUntil().isAfter(clock.instant())) {
      entries.remove(token);
      return Optional.empty();
    }
    return Optional.of(known);
  }

  synchronized void remember(String token, Authentication authentication) {
    if (capacity > 0 && authentication.accepted()) {
      entries.put(token, authentication);
    }
  }
}
