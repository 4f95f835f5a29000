package org.consentgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.Cookie;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

  @Test
  void overHttpsTheCookieIsSecureAndHostOnly() {
    Cookie cookie = SessionCookie.forIssuer("https://consent.example.cn").carrying("token");

    assertThat(cookie.getName()).isEqualTo("__Host-cg_session");
    assertThat(cookie.encode()).contains("Path=/").containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax").doesNotContainIgnoringCase("Domain");
  }

  @Test
  void overPlainHttpItCannotBeSecure() {
    Cookie cookie = SessionCookie.forIssuer("http://localhost:8080").carrying("token");

    assertThat(cookie.getName()).isEqualTo("cg_session");
    assertThat(cookie.encode()).contains("Path=/").doesNotContainIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
        .contains("SameSite=Lax");
  }

  @Test
  void theExpiredCookieHasTheSameNameAndAttributes() {
    Cookie expired = SessionCookie.forIssuer("HTTPS://consent.example.cn").expired();

    assertThat(expired.getName()).isEqualTo("__Host-cg_session");
    assertThat(expired.getValue()).isEmpty();
    assertThat(expired.encode()).contains("Max-Age=0").contains("Path=/").containsIgnoringCase("Secure");
  }
}
