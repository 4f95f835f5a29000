package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank integrates with the client library against a real gateway on a real database: it
 * discovers the gateway from its issuer URL, gets and renews its token, asks for consent, which the
 * citizen approves through the API, queries, and verifies everything it got: the consent token, the
 * signed answer and the inclusion of its query's audit entry in the signed log. Keys from a PEM file
 * and from a PKCS12 key store (as an HSM's PKCS#11 key store is used) both work.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientFlowTest {

  private static final String BANK = ClientWorld.BANK;
  private static final String KEY_STORE_BANK = ClientWorld.KEY_STORE_BANK;
  private static final String CITIZEN_ID = ClientWorld.CITIZEN_ID;
  private static final String REDIRECT = ClientWorld.REDIRECT;

  private ClientWorld world;
  private BlockingConsentGatewayClient bank;
  private String issuer;

  @BeforeAll
  void start(DatabaseCoordinates database, @TempDir Path folder) throws Exception {
    world = new ClientWorld(database, folder);
    bank = world.bank;
    issuer = world.issuer;
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void theWholeFlowWithTheLibraryVerifiesEverythingItReceives() throws Exception {
    assertThat(bank.metadata().queriesEndpoint()).isEqualTo(URI.create(issuer + "/v1/queries"));
    ConsentRequestStatus asked = bank.requestConsent(ConsentRequest.builder(CITIZEN_ID, "LOAN_APPROVAL", "SUMMARY")
        .validDays(30).maxUses(3).build());
    assertThat(asked.status()).isEqualTo("PENDING");
    assertThat(bank.consentRequest(asked.id()).consentToken()).isEmpty();

    String receipt = world.approve(asked.id());
    ConsentRequestStatus decided = bank.awaitDecision(asked.id(), Duration.ofMillis(100), Duration.ofSeconds(10));
    assertThat(decided.status()).isEqualTo("APPROVED");
    ConsentToken consent = decided.consentToken().orElseThrow();
    assertThat(consent.consentId()).isEqualTo(decided.consentId().orElseThrow());
    assertThat(consent.purpose()).isEqualTo("LOAN_APPROVAL");
    assertThat(consent.maxUses()).isEqualTo(3);
    assertThat(consent.toString()).doesNotContain(consent.token());
    Receipt verifiedReceipt = bank.verifyReceipt(receipt);
    assertThat(verifiedReceipt.action()).isEqualTo("approved");
    assertThat(verifiedReceipt.consentId()).isEqualTo(consent.consentId());

    QueryAnswer answer = bank.query(consent, "LOAN_APPROVAL", "SUMMARY");
    assertThat(answer.report()).containsEntry("grade", "SUMMARY").containsKey("summary");
    assertThat(answer.signature().algorithm()).isEqualTo("ecdsa-p256-sha256");

    ProvenEntry entry = bank.proveAnswer(answer);
    assertThat(entry.index()).isEqualTo(answer.auditIndex());
    assertThat(entry.action()).isEqualTo("query.allowed");
    assertThat(entry.actor()).isEqualTo("institution:" + BANK);
    assertThat(entry.signatureBaseHash()).contains(answer.signature().signatureBaseHash());
    assertThat(entry.checkpoint().size()).isGreaterThan(answer.auditIndex());
  }

  @Test
  void theTokenIsRenewedShortlyBeforeItExpiresAndTheNewOneIsAdmitted() {
    String first = bank.accessToken();
    assertThat(bank.accessToken()).isEqualTo(first);

    // The gateway's tokens live 30 s here: the client renews at half that.
    world.clock.advance(Duration.ofSeconds(16));
    String renewed = bank.accessToken();

    assertThat(renewed).isNotEqualTo(first);
    assertThatThrownBy(() -> bank.consentRequest(UUID.randomUUID().toString()))
        .isInstanceOf(GatewayProblemException.NotFound.class);
    assertThat(bank.accessToken()).isEqualTo(renewed);
  }

  @Test
  void aRequestWithARedirectIsTakenBackFromTheCallbackWithItsState() throws Exception {
    ConsentRequestStatus asked = bank.requestConsent(ConsentRequest.builder(CITIZEN_ID, "LOAN_APPROVAL", "BASIC")
        .redirect(REDIRECT, "k3v9-Qx").build());
    assertThat(asked.consentUrl()).contains(issuer + "/app/consent-requests/" + asked.id());
    world.approve(asked.id());
    URI back = URI.create(REDIRECT + "?requestId=" + asked.id() + "&state=k3v9-Qx&outcome=approved");

    ConsentRequestStatus status = bank.takeCallback(back, "k3v9-Qx");

    assertThat(status.status()).isEqualTo("APPROVED");
    assertThat(status.consentToken()).isPresent();
    assertThatThrownBy(() -> bank.takeCallback(back, "another-state")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRevocationArrivesAsAVerifiedWebhookEventAndItsReceiptVerifies() throws Exception {
    ConsentToken consent = world.grant("BASIC", 2);
    Receipt receipt = bank.verifyReceipt(world.revoke(consent.consentId()));
    assertThat(receipt.action()).isEqualTo("revoked");
    assertThat(receipt.consentId()).isEqualTo(consent.consentId());

    // Other tests' consents send events too (a last use is "exhausted"): each verifies; this one's says revoked.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String body = world.events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(body).as("the revocation's webhook event arrives").isNotNull();
      if (complaintEvent(body)) {
        continue; // the complaint test's event
      }
      ConsentEvent event = bank.verifyConsentEvent(body);
      if (event.consentId().equals(consent.consentId())) {
        assertThat(event.event()).isEqualTo("revoked");
        break;
      }
    }
    assertThatThrownBy(() -> bank.verifyConsentEvent(consent.token()))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.failure()).isEqualTo(VerificationFailure.TOKEN_INVALID));
  }

  @Test
  void aComplaintAboutTheBanksQueryArrivesAsAVerifiedComplaintEvent() throws Exception {
    ConsentToken consent = world.grant("BASIC", 2);
    QueryAnswer answer = bank.query(consent, "LOAN_APPROVAL", "BASIC");
    String complaint = world.complain(answer.auditIndex());

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      String body = world.events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(body).as("the complaint's webhook event arrives").isNotNull();
      if (!complaintEvent(body)) {
        continue; // another test's consent event
      }
      ComplaintEvent event = bank.verifyComplaintEvent(body);
      assertThat(event.complaintId()).isEqualTo(complaint);
      assertThat(event.event()).isEqualTo("filed");
      assertThat(event.auditIndex()).isEqualTo(answer.auditIndex());
      assertThat(event.outcome()).isEmpty();
      assertThatThrownBy(() -> bank.verifyConsentEvent(body))
          .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.failure()).isEqualTo(VerificationFailure.TOKEN_INVALID));
      break;
    }
  }

  /** Whether a webhook body is a complaint event (its JOSE header's {@code typ}), without verifying it. */
  private static boolean complaintEvent(String body) {
    int dot = body.indexOf('.');
    return dot > 0 && new String(java.util.Base64.getUrlDecoder().decode(body.substring(0, dot)), java.nio.charset.StandardCharsets.UTF_8)
        .contains("complaint-event+jwt");
  }

  @Test
  void refusalsArriveAsTheirTypedExceptions() throws Exception {
    assertThatThrownBy(() -> bank.requestConsent(ConsentRequest.builder("110105194912310021", "LOAN_APPROVAL", "SUMMARY").build()))
        .isInstanceOfSatisfying(GatewayProblemException.InvalidRequest.class,
            problem -> assertThat(problem.code()).contains(ProblemCode.INVALID_REQUEST));
    ConsentToken consent = world.grant("SUMMARY", 1);
    assertThatThrownBy(() -> bank.query(consent, "LOAN_APPROVAL", "DETAIL"))
        .isInstanceOfSatisfying(GatewayProblemException.ConsentRefused.class,
            problem -> assertThat(problem.code()).contains(ProblemCode.GRADE_EXCEEDS_CONSENT));
    bank.query(consent, "LOAN_APPROVAL", "SUMMARY");
    assertThatThrownBy(() -> bank.query(consent, "LOAN_APPROVAL", "SUMMARY"))
        .isInstanceOfSatisfying(GatewayProblemException.ConsentRefused.class,
            problem -> assertThat(problem.code()).contains(ProblemCode.CONSENT_EXHAUSTED));
    assertThatThrownBy(() -> bank.proveInclusion(1_000_000))
        .isInstanceOf(GatewayProblemException.NotFound.class);
  }

  @Test
  void aKeyFromAKeyStoreSignsTheAssertionsAndSeesNothingOfAnotherBank() throws Exception {
    BlockingConsentGatewayClient other = ConsentGatewayClient.builder(issuer, KEY_STORE_BANK,
        ClientSigningKey.fromKeyStore(world.keyStore, "bank", "changeit".toCharArray())).connectBlocking();
    assertThat(other.accessToken()).isNotBlank();

    ConsentToken banksConsent = world.grant("SUMMARY", 2);
    QueryAnswer banksAnswer = bank.query(banksConsent, "LOAN_APPROVAL", "SUMMARY");
    // Another institution's entry is not found, whatever its index, and its consent token is not this bank's.
    assertThatThrownBy(() -> other.proveInclusion(banksAnswer.auditIndex())).isInstanceOf(GatewayProblemException.NotFound.class);
    assertThatThrownBy(() -> other.verifyConsentToken(banksConsent.token()))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.failure()).isEqualTo(VerificationFailure.TOKEN_INVALID));
  }

  @Test
  void anRsaKeyFromAKeyStoreSignsPs256(@TempDir Path folder) throws Exception {
    ClientSigningKey key = ClientSigningKey.fromKeyStore(ClientWorld.keyStore(folder, "RSA"), "bank", "changeit".toCharArray());
    assertThat(key.algorithm().getName()).isEqualTo("PS256");
    assertThat(ClientSigningKey.fromPem(ClientWorld.KEYS.resolve("institution.key.pem")).algorithm().getName()).isEqualTo("ES256");
  }
}
