package org.consentgateway.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.consentgateway.policy.Grade;
import org.junit.jupiter.api.Test;

/** Where a citizen is sent back after answering: built from the stored URI and state alone, every value encoded. */
class RedirectTest {

  private static final UUID REQUEST = UUID.fromString("6f1c2a5e-0d4b-4c8e-9a7b-3e2d1c0b9a87");
  private static final String CALLBACK = "https://bank.example/consent/done";

  @Test
  void appendsTheRequestTheStateAndTheOutcome() {
    Redirect redirect = new Redirect(CALLBACK, Optional.of("xyz-123"));

    assertThat(redirect.target(REQUEST, Redirect.Outcome.APPROVED)).isEqualTo(URI.create(
        CALLBACK + "?requestId=6f1c2a5e-0d4b-4c8e-9a7b-3e2d1c0b9a87&state=xyz-123&outcome=approved"));
    assertThat(redirect.target(REQUEST, Redirect.Outcome.REJECTED)).hasParameter("outcome", "rejected");
  }

  @Test
  void leavesOutAStateThatWasNotGiven() {
    assertThat(new Redirect(CALLBACK, Optional.empty()).target(REQUEST, Redirect.Outcome.REJECTED)).isEqualTo(URI.create(
        CALLBACK + "?requestId=6f1c2a5e-0d4b-4c8e-9a7b-3e2d1c0b9a87&outcome=rejected"));
  }

  @Test
  void percentEncodesEveryReservedCharacterOfTheStateAndDecodesBackToIt() {
    String state = "a/b+c&d=e?f%g#h~i.j_k-l!*'();:@,$[]\"<>\\^`{|}";

    URI target = new Redirect(CALLBACK, Optional.of(state)).target(REQUEST, Redirect.Outcome.APPROVED);

    assertThat(target.getRawQuery()).isEqualTo("requestId=6f1c2a5e-0d4b-4c8e-9a7b-3e2d1c0b9a87"
        + "&state=a%2Fb%2Bc%26d%3De%3Ff%25g%23h~i.j_k-l%21%2A%27%28%29%3B%3A%40%2C%24%5B%5D%22%3C%3E%5C%5E%60%7B%7C%7D"
        + "&outcome=approved");
    assertThat(target.getRawFragment()).isNull();
    assertThat(parameters(target)).containsExactlyInAnyOrderEntriesOf(
        Map.of("requestId", REQUEST.toString(), "state", state, "outcome", "approved"));
  }

  @Test
  void keepsTheQueryOfTheRegisteredUri() {
    assertThat(new Redirect("https://bank.example/cb?app=loans", Optional.empty()).target(REQUEST, Redirect.Outcome.APPROVED))
        .isEqualTo(URI.create("https://bank.example/cb?app=loans&requestId=" + REQUEST + "&outcome=approved"));
    assertThat(new Redirect("https://bank.example/cb?", Optional.empty()).target(REQUEST, Redirect.Outcome.APPROVED))
        .isEqualTo(URI.create("https://bank.example/cb?requestId=" + REQUEST + "&outcome=approved"));
    assertThat(new Redirect("http://127.0.0.1:8000/cb", Optional.of("s")).target(REQUEST, Redirect.Outcome.REJECTED))
        .isEqualTo(URI.create("http://127.0.0.1:8000/cb?requestId=" + REQUEST + "&state=s&outcome=rejected"));
  }

  @Test
  void aStateIsOneTo256VisibleAsciiCharacters() {
    assertThat(new Redirect(CALLBACK, Optional.of("~".repeat(256))).state()).contains("~".repeat(256));
    for (String bad : new String[] {"", "x".repeat(257), "a b", "a\tb", "a\u0000b", "a\u007fb", "状态"}) {
      assertThatThrownBy(() -> new Redirect(CALLBACK, Optional.of(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void onlyAnAnsweredRequestWithARedirectSendsTheCitizenBack() {
    Redirect redirect = new Redirect(CALLBACK, Optional.of("s"));

    assertThat(request(RequestStatus.APPROVED, Optional.of(redirect)).redirectAfterAnswer())
        .contains(redirect.target(REQUEST, Redirect.Outcome.APPROVED));
    assertThat(request(RequestStatus.REJECTED, Optional.of(redirect)).redirectAfterAnswer())
        .contains(redirect.target(REQUEST, Redirect.Outcome.REJECTED));
    assertThat(request(RequestStatus.PENDING, Optional.of(redirect)).redirectAfterAnswer()).isEmpty();
    assertThat(request(RequestStatus.EXPIRED, Optional.of(redirect)).redirectAfterAnswer()).isEmpty();
    assertThat(request(RequestStatus.APPROVED, Optional.empty()).redirectAfterAnswer()).isEmpty();
    assertThat(request(RequestStatus.PENDING, Optional.of(redirect)).rejectedAt(Instant.EPOCH).redirectAfterAnswer())
        .as("the request a rejection answers with").contains(redirect.target(REQUEST, Redirect.Outcome.REJECTED));
  }

  private static ConsentRequest request(RequestStatus status, Optional<Redirect> redirect) {
    Optional<UUID> consent = status == RequestStatus.APPROVED ? Optional.of(UUID.randomUUID()) : Optional.empty();
    return new ConsentRequest(REQUEST, "91350100M000100Y43", "示范银行", "0".repeat(64), "LOAN_APPROVAL", Grade.BASIC, 30, 3, 60,
        status, Instant.EPOCH, Instant.EPOCH.plusSeconds(60), Optional.empty(), consent, redirect);
  }

  private static Map<String, String> parameters(URI target) {
    return Arrays.stream(target.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
  }
}
