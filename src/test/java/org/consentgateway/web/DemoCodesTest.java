package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.consentgateway.value.ResidentIdNumber;
import org.junit.jupiter.api.Test;

class DemoCodesTest {

  private static final ResidentIdNumber CITIZEN = ResidentIdNumber.parse("11010519491231002X");
  private static final DemoAuthorization REQUEST = new DemoAuthorization("consent-gateway-app", "http://localhost:8080/app/sign-in/callback",
      "code", "openid", "state", "nonce", RandomTokens.s256Challenge("v".repeat(43)), "S256", "zh-CN");

  private final TestClock clock = new TestClock(Instant.parse("2026-06-30T08:00:00Z"));
  private final DemoCodes codes = new DemoCodes(new RandomTokens(), clock);

  @Test
  void aCodeIsRedeemedOnce() {
    String code = codes.issue(CITIZEN, REQUEST).orElseThrow();

    assertThat(codes.redeem(code)).hasValueSatisfying(issued -> assertThat(issued.idNumber()).isEqualTo(CITIZEN));
    assertThat(codes.redeem(code)).isEmpty();
    assertThat(codes.redeem(null)).isEmpty();
  }

  @Test
  void aCodeExpiresAfterAMinute() {
    String code = codes.issue(CITIZEN, REQUEST).orElseThrow();

    clock.advance(DemoCodes.LIFETIME);

    assertThat(codes.redeem(code)).isEmpty();
  }

  @Test
  void noMoreThanTheCapacityWait() {
    for (int i = 0; i < DemoCodes.CAPACITY; i++) {
      assertThat(codes.issue(CITIZEN, REQUEST)).isPresent();
    }
    assertThat(codes.issue(CITIZEN, REQUEST)).isEmpty();

    clock.advance(DemoCodes.LIFETIME);
    assertThat(codes.issue(CITIZEN, REQUEST)).as("the expired ones make room").isPresent();
  }
}
