package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Only what cannot have produced anything is sent again: a token request whose connection dropped
 * is (a new assertion each time), a consent request refused with 503 and Retry-After is (the
 * gateway did nothing), but a query whose connection dropped after it was sent is not: its answer
 * may have been produced, a use taken and audited. The gateway here is a stand-in that drops
 * connections on cue ({@link FlakyGateway}).
 */
class ClientRetryTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String TOKEN_ANSWER = "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"expires_in\":300}";
  private static final String REQUEST_ID = "0b6c3f4e-2d1a-4c5b-9e8f-7a6b5c4d3e2f";

  private FlakyGateway gateway;
  private BlockingConsentGatewayClient client;

  @BeforeEach
  void connect() throws Exception {
    gateway = new FlakyGateway();
    gateway.on("/v1/oauth/token", attempt -> attempt == 1 ? FlakyGateway.Reply.dropped() : FlakyGateway.Reply.json(200, TOKEN_ANSWER));
    client = ConsentGatewayClient.builder(gateway.issuer(), BANK, ClientSigningKey.fromPem(Path.of("keys-example/institution.key.pem")))
        .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2)))
        .connectBlocking();
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  @Test
  void theDefaultPolicyTriesThreeTimesBackingOffFrom200MillisAndWaitsUpTo10Seconds() {
    assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(10)));
    assertThat(RetryPolicy.DEFAULT.backoffBefore(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(RetryPolicy.DEFAULT.backoffBefore(3)).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void aTokenRequestWhoseConnectionDroppedIsSentAgain() {
    assertThat(client.accessToken()).isEqualTo("opaque");
    assertThat(gateway.hits("/v1/oauth/token")).isEqualTo(2);
  }

  @Test
  void aQueryWhoseConnectionDroppedIsReportedAndNotSentAgain() {
    gateway.on("/v1/queries", attempt -> FlakyGateway.Reply.dropped());
    ConsentToken consent = new ConsentToken("eyJ.x.y", "c", "s", "LOAN_APPROVAL", "SUMMARY", Instant.EPOCH, Instant.MAX, 1);

    assertThatThrownBy(() -> client.query(consent, "LOAN_APPROVAL", "SUMMARY"))
        .isInstanceOf(OutcomeUnknownException.class)
        .hasMessageContaining("POST /v1/queries");
    assertThat(gateway.hits("/v1/queries")).isEqualTo(1);
  }

  @Test
  void aRequestRefusedWith503AndRetryAfterIsSentAgainAfterTheWait() {
    gateway.on("/v1/consent-requests", attempt -> attempt == 1
        ? new FlakyGateway.Reply(false, 503, "Retry-After: 1\r\n", "{\"code\":\"unavailable\",\"detail\":\"later\"}")
        : FlakyGateway.Reply.json(201, "{\"id\":\"" + REQUEST_ID + "\",\"status\":\"PENDING\",\"purpose\":\"LOAN_APPROVAL\",\"grade\":\"SUMMARY\"}"));

    ConsentRequestStatus status = client.requestConsent(ConsentRequest.builder("11010519491231002X", "LOAN_APPROVAL", "SUMMARY").build());

    assertThat(status.id()).isEqualTo(REQUEST_ID);
    assertThat(status.pending()).isTrue();
    assertThat(gateway.hits("/v1/consent-requests")).isEqualTo(2);
  }

  @Test
  void aReadWhoseConnectionDroppedIsSentAgain() {
    gateway.on("/v1/consent-requests/" + REQUEST_ID, attempt -> attempt == 1 ? FlakyGateway.Reply.dropped()
        : FlakyGateway.Reply.json(200, "{\"id\":\"" + REQUEST_ID + "\",\"status\":\"REJECTED\",\"purpose\":\"LOAN_APPROVAL\",\"grade\":\"SUMMARY\"}"));

    assertThat(client.consentRequest(REQUEST_ID).status()).isEqualTo("REJECTED");
    assertThat(gateway.hits("/v1/consent-requests/" + REQUEST_ID)).isEqualTo(2);
  }

  @Test
  void aQueryRefusedWith429IsSentAgainForTheGatewayDidNothing() {
    gateway.on("/v1/queries", attempt -> attempt == 1
        ? new FlakyGateway.Reply(false, 429, "Retry-After: 0\r\n", "{\"code\":\"rate_limited\",\"detail\":\"slow down\"}")
        : FlakyGateway.Reply.json(403, "{\"code\":\"consent_exhausted\",\"detail\":\"no uses left\"}"));
    ConsentToken consent = new ConsentToken("eyJ.x.y", "c", "s", "LOAN_APPROVAL", "SUMMARY", Instant.EPOCH, Instant.MAX, 1);

    assertThatThrownBy(() -> client.query(consent, "LOAN_APPROVAL", "SUMMARY"))
        .isInstanceOfSatisfying(GatewayProblemException.ConsentRefused.class,
            refused -> assertThat(refused.code()).contains(ProblemCode.CONSENT_EXHAUSTED));
    assertThat(gateway.hits("/v1/queries")).isEqualTo(2);
  }

  @Test
  void aWaitLongerThanThePolicyAllowsIsReportedWithIt() {
    gateway.on("/v1/queries", attempt -> new FlakyGateway.Reply(false, 503, "Retry-After: 120\r\n",
        "{\"code\":\"unavailable\",\"detail\":\"later\"}"));
    ConsentToken consent = new ConsentToken("eyJ.x.y", "c", "s", "LOAN_APPROVAL", "SUMMARY", Instant.EPOCH, Instant.MAX, 1);

    assertThatThrownBy(() -> client.query(consent, "LOAN_APPROVAL", "SUMMARY"))
        .isInstanceOfSatisfying(GatewayProblemException.Unavailable.class,
            unavailable -> assertThat(unavailable.retryAfter()).contains(Duration.ofSeconds(120)));
    assertThat(gateway.hits("/v1/queries")).isEqualTo(1);
  }

  @Test
  void aRefusalIsItsTypedProblemAndIsNotRetried() {
    gateway.on("/v1/queries", attempt -> FlakyGateway.Reply.json(403, "{\"code\":\"consent_revoked\",\"detail\":\"revoked\"}"));
    ConsentToken consent = new ConsentToken("eyJ.x.y", "c", "s", "LOAN_APPROVAL", "SUMMARY", Instant.EPOCH, Instant.MAX, 1);

    assertThatThrownBy(() -> client.query(consent, "LOAN_APPROVAL", "SUMMARY"))
        .isInstanceOfSatisfying(GatewayProblemException.ConsentRefused.class,
            refused -> assertThat(refused.code()).contains(ProblemCode.CONSENT_REVOKED));
    assertThat(gateway.hits("/v1/queries")).isEqualTo(1);
  }

  @Test
  void aGatewayThatIsNotThereIsUnreachableAfterTheAttemptsAllowed() throws Exception {
    String issuer = gateway.issuer();
    gateway.close();

    assertThatThrownBy(() -> ConsentGatewayClient.builder(issuer, BANK, ClientSigningKey.fromPem(Path.of("keys-example/institution.key.pem")))
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1))).connectBlocking())
        .isInstanceOf(GatewayUnreachableException.class);
  }
}
