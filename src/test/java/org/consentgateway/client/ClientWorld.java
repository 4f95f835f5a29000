package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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

/**
 * What a client test needs on one database: a bank registered with the demo institution key (and a
 * redirect URI), a second bank whose key lives in a PKCS12 key store, the demo citizen's credit file,
 * and a gateway whose issuer is the address it answers on, with 30 s access tokens and checkpoints
 * every 200 ms; the bank's client, on a clock the test moves.
 */
final class ClientWorld implements AutoCloseable {

  static final Path KEYS = Path.of("keys-example");
  static final String BANK = "91350100M000100Y43";
  static final String KEY_STORE_BANK = UnifiedSocialCreditCode.of("91350100M00030000").value();
  static final String CITIZEN_ID = "11010519491231002X";
  static final String REDIRECT = "https://bank.example/consent/done";

  final AccessTokensTest.MutableClock clock = new AccessTokensTest.MutableClock(Instant.now());
  Gateway gateway;
  final String issuer;
  final GatewayHttpClient api;
  final BlockingConsentGatewayClient bank;
  final KeyStore keyStore;
  /** The bank's webhook: the bodies of the events the gateway POSTed to it, in arrival order. */
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final HttpServer webhook;

  ClientWorld(DatabaseCoordinates database, Path folder) throws Exception {
    keyStore = keyStore(folder, "EC");
    webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    webhook.createContext("/events", exchange -> {
      events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    webhook.start();
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of("LOAN_APPROVAL"), "DETAIL");
      registry.setInstitutionRedirectUris(BANK, List.of(REDIRECT));
      registry.setInstitutionWebhook(BANK, "http://127.0.0.1:" + webhook.getAddress().getPort() + "/events");
      registry.addInstitution(KEY_STORE_BANK, "密钥库银行", publicKey(keyStore), List.of("LOAN_APPROVAL"), "SUMMARY");
    }
    importCitizensFile(database, folder);
    int port = TestDatabase.freePort();
    issuer = "http://127.0.0.1:" + port;
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.putAll(Map.of(ConfigKeys.HTTP_PORT, Integer.toString(port), ConfigKeys.ISSUER, issuer,
        ConfigKeys.AUTH_ACCESS_TOKEN_TTL_SECONDS, "30", ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "200"));
    try {
      gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)));
    } catch (RuntimeException e) {
      webhook.stop(0);
      throw e;
    }
    try {
      api = new GatewayHttpClient(gateway.port());
      bank = ConsentGatewayClient.builder(issuer, BANK, ClientSigningKey.fromPem(KEYS.resolve("institution.key.pem")))
          .clock(clock).connectBlocking();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** A consent the citizen approved, as the bank's client received it. */
  ConsentToken grant(String grade, int uses) throws Exception {
    ConsentRequestStatus asked = bank.requestConsent(ConsentRequest.builder(CITIZEN_ID, "LOAN_APPROVAL", grade).maxUses(uses).build());
    approve(asked.id());
    return bank.consentRequest(asked.id()).consentToken().orElseThrow();
  }

  /** The citizen approves through the API, as the app does; the receipt. */
  String approve(String requestId) throws Exception {
    return api.json(api.post("/v1/me/consent-requests/" + requestId + "/approve", citizenToken(), ""), 201).getString("receipt");
  }

  /**
   * The citizen complains about the query at {@code auditIndex} through the API, as the app does,
   * once a signed checkpoint covers it; the complaint's id.
   */
  String complain(long auditIndex) throws Exception {
    return org.consentgateway.query.ComplaintFiling.file(api, citizenToken(), auditIndex, "beyond_purpose", "超出用途").getString("id");
  }

  /** The citizen revokes a consent through the API; the receipt. */
  String revoke(String consentId) throws Exception {
    return api.json(api.post("/v1/me/consents/" + consentId + "/revoke", citizenToken(), ""), 200).getString("receipt");
  }

  private static String citizenToken() {
    return GatewayHttpClient.citizenToken(CITIZEN_ID, PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem")), Instant.now());
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

  @Override
  public void close() {
    if (gateway != null) {
      gateway.close();
    }
    webhook.stop(0);
  }
}
