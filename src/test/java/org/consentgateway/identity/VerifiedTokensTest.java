package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final Authentication BANK = Authentication.of(new Principal(Role.INSTITUTION, "91350100M000100Y43"), NOW.plusSeconds(300));

  @Test
  void holdsNoMoreThanItsCapacityForgettingTheLeastRecentlyUsed() {
    VerifiedTokens cache = new VerifiedTokens(Clock.fixed(NOW, ZoneOffset.UTC), 2);
    cache.remember("a", BANK);
    cache.remember("b", BANK);
    cache.find("a");

    cache.remember("c", BANK);

    assertThat(cache.find("a")).isPresent();
    assertThat(cache.find("b")).isEmpty();
    assertThat(cache.find("c")).isPresent();
  }

  @Test
  void anEntryIsNotUsedPastItsTokensExpiry() {
    VerifiedTokens early = new VerifiedTokens(Clock.fixed(NOW, ZoneOffset.UTC), 10);
    early.remember("a", BANK);
    VerifiedTokens late = new VerifiedTokens(Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC), 10);
    late.remember("a", BANK);

    assertThat(early.find("a")).isPresent();
    assertThat(late.find("a")).isEmpty();
  }

  @Test
  void refusalsAreNeverRemembered() {
    VerifiedTokens cache = new VerifiedTokens(Clock.fixed(NOW, ZoneOffset.UTC), 10);

    cache.remember("bad", Authentication.refused("token signature is invalid"));

    assertThat(cache.find("bad")).isEmpty();
  }
}
