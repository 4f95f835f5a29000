package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NextPathTest {

  @ParameterizedTest
  @ValueSource(strings = {"/app/", "/app/consents", "/app/consents/3f1c?tab=history", "/app/requests/a-b_c~d"})
  void aPathOfTheAppIsKept(String next) {
    assertThat(NextPath.orHome(next)).isEqualTo(next);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "https://evil.example/app/", "http://127.0.0.1/app/", "//evil.example/app/", "///evil.example",
      "/\\evil.example/app/", "/app/\\..\\v1", "/app", "/v1/me/report", "/app/../v1/me/report", "/app/./x", "/app/%2e%2e/v1",
      "/app/%2E%2E/v1", "javascript:alert(1)", "/app/#fragment", "/app/ x", "/app/\nLocation: https://evil.example", "app/"})
  void anythingElseIsTheHomePage(String next) {
    assertThat(NextPath.orHome(next)).isEqualTo(NextPath.HOME);
  }

  @ParameterizedTest
  @ValueSource(ints = {NextPath.MAX_LENGTH + 1, 10_000})
  void anOverlongPathIsTheHomePage(int length) {
    assertThat(NextPath.orHome("/app/" + "a".repeat(length))).isEqualTo(NextPath.HOME);
  }

  @org.junit.jupiter.api.Test
  void noNextIsTheHomePage() {
    assertThat(NextPath.orHome(null)).isEqualTo(NextPath.HOME);
  }
}
