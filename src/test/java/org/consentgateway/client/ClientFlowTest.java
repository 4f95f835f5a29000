package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.ImportReport;
import org.consentgateway.records.SubjectIdentity;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;
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

  static final Path KEYS = Path.of("keys-example");
  static final String BANK = "91350100M000100Y43";
  static final String KEY_STORE_BANK = UnifiedSocialCreditCode.of("91350100M00030000").value();
  static final String CITIZEN_ID = "11010519491231002X";
  static final String REDIRECT = "https://bank.example/consent/done";

  private final AccessTokensTest.MutableClock clock = new AccessTokensTest.MutableClock(Instant.now());
  private Gateway gateway;
  private String issuer;
  private GatewayHttpClient api;
  private BlockingConsentGatewayClient bank;
  private KeyStore keyStore;

  @BeforeAll
  void start(DatabaseCoordinates database, @TempDir Path folder) throws Exception {
    keyStore = keyStore(folder, "EC");
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of("LOAN_APPROVAL"), "DETAIL");
      registry.setInstitutionRedirectUris(BANK, List.of(REDIRECT));
      registry.addInstitution(KEY_STORE_BANK, "密钥库银行", publicKey(keyStore), List.of("LOAN_APPROVAL"), "SUMMARY");
    }
    importCitizensFile(database, folder);
    int port = TestDatabase.freePort();
    issuer = "http://127.0.0.1:" + port;
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.putAll(Map.of(ConfigKeys.HTTP_PORT, Integer.toString(port), ConfigKeys.ISSUER, issuer,
        ConfigKeys.AUTH_ACCESS_TOKEN_TTL_SECONDS, "30", ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "200"));
    gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)));
    api = new GatewayHttpClient(gateway.port());
    bank = ConsentGatewayClient.builder(issuer, BANK, ClientSigningKey.fromPem(KEYS.resolve("institution.key.pem")))
        .clock(clock).connectBlocking();
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void theWholeFlowWithTheLibraryVerifiesEverythingItReceives() throws Exception {
    assertThat(bank.metadata().queriesEndpoint()).isEqualTo(URI.create(issuer + "/v1/queries"));
    ConsentRequestStatus asked = bank.requestConsent(ConsentRequest.builder(CITIZEN_ID, "LOAN_APPROVAL", "SUMMARY")
        .validDays(30).maxUses(3).build());
    assertThat(asked.status()).isEqualTo("PENDING");
    assertThat(bank.consentRequest(asked.id()).consentToken()).isEmpty();

    String receipt = approve(asked.id());
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
    clock.advance(Duration.ofSeconds(16));
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
    approve(asked.id());
    URI back = URI.create(REDIRECT + "?requestId=" + asked.id() + "&state=k3v9-Qx&outcome=approved");

    ConsentRequestStatus status = bank.takeCallback(back, "k3v9-Qx");

    assertThat(status.status()).isEqualTo("APPROVED");
    assertThat(status.consentToken()).isPresent();
    assertThatThrownBy(() -> bank.takeCallback(back, "another-state")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusalsArriveAsTheirTypedExceptions() throws Exception {
    assertThatThrownBy(() -> bank.requestConsent(ConsentRequest.builder("110105194912310021", "LOAN_APPROVAL", "SUMMARY").build()))
        .isInstanceOfSatisfying(GatewayProblemException.InvalidRequest.class,
            problem -> assertThat(problem.code()).contains(ProblemCode.INVALID_REQUEST));
    ConsentToken consent = grant("SUMMARY", 1);
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
        ClientSigningKey.fromKeyStore(keyStore, "bank", "changeit".toCharArray())).connectBlocking();
    assertThat(other.accessToken()).isNotBlank();

    ConsentToken banksConsent = grant("SUMMARY", 2);
    QueryAnswer banksAnswer = bank.query(banksConsent, "LOAN_APPROVAL", "SUMMARY");
    // Another institution's entry is not found, whatever its index, and its consent token is not this bank's.
    assertThatThrownBy(() -> other.proveInclusion(banksAnswer.auditIndex())).isInstanceOf(GatewayProblemException.NotFound.class);
    assertThatThrownBy(() -> other.verifyConsentToken(banksConsent.token()))
        .isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.failure()).isEqualTo(VerificationFailure.TOKEN_INVALID));
  }

  @Test
  void anRsaKeyFromAKeyStoreSignsPs256() throws Exception {
    ClientSigningKey key = ClientSigningKey.fromKeyStore(keyStore(Files.createTempDirectory("rsa"), "RSA"), "bank", "changeit".toCharArray());
    assertThat(key.algorithm().getName()).isEqualTo("PS256");
    assertThat(ClientSigningKey.fromPem(KEYS.resolve("institution.key.pem")).algorithm().getName()).isEqualTo("ES256");
  }

  /** A consent the citizen approved, as the bank's client received it. */
  ConsentToken grant(String grade, int uses) throws Exception {
    ConsentRequestStatus asked = bank.requestConsent(ConsentRequest.builder(CITIZEN_ID, "LOAN_APPROVAL", grade).maxUses(uses).build());
    approve(asked.id());
    return bank.consentRequest(asked.id()).consentToken().orElseThrow();
  }

  /** The citizen approves through the API, as the app does; the receipt. */
  String approve(String requestId) throws Exception {
    String citizen = GatewayHttpClient.citizenToken(CITIZEN_ID, PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem")),
        Instant.now());
    return api.json(api.post("/v1/me/consent-requests/" + requestId + "/approve", citizen, ""), 201).getString("receipt");
  }

  BlockingConsentGatewayClient bank() {
    return bank;
  }

  String issuer() {
    return issuer;
  }

  /** A PKCS12 key store with one key pair under the alias {@code bank}, made by the JDK's keytool. */
  static KeyStore keyStore(Path folder, String algorithm) throws Exception {
    Path file = folder.resolve("bank-" + algorithm + ".p12");
    List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "bank", "-keyalg", algorithm, "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", "changeit", "-dname", "CN=bank", "-validity", "30"));
    command.addAll(algorithm.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, "changeit".toCharArray());
    }
    return store;
  }

  private static ClientKey publicKey(KeyStore store) throws Exception {
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(store.getCertificate("bank").getPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    return ClientKey.parse(pem, "key store");
  }

  private static void importCitizensFile(DatabaseCoordinates database, Path folder) throws Exception {
    CreditFile synthetic = new SyntheticCreditData(5, LocalDate.now()).next();
    CreditFile file = new CreditFile(new SubjectIdentity(ResidentIdNumber.parse(CITIZEN_ID), synthetic.identity().name(),
        synthetic.identity().phone(), synthetic.identity().address()), synthetic.accounts(), synthetic.publicRecords());
    Path lines = folder.resolve("citizen.jsonl");
    Files.writeString(lines, CreditFileJson.toJson(file) + "\n");
    GatewayKeys keys = GatewayKeys.load(KEYS);
    ImportReport report = new CreditFileImport(database, keys.pseudonymizer(), keys.recordCipher(), 10).run(lines, false);
    assertThat(report.committed()).as(report.toString()).isTrue();
  }

  static JsonObject json(String text) {
    return new JsonObject(text);
  }
}
