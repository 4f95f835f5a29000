package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.ImportReport;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.SubjectIdentity;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.consentgateway.wiring.Gateway;

/**
 * Everything a query test needs on one database: the demo policies plus a test purpose allowing
 * ten uses a day, two banks, the demo citizen's credit file imported under the gateway's own demo
 * keys, and two gateways, one with a clock {@link #AHEAD} ahead.
 */
final class QueryWorld implements AutoCloseable {

  static final String BANK = "91350100M000100Y43";
  static final String OTHER_BANK = UnifiedSocialCreditCode.of("91350100M00020000").value();
  static final String CITIZEN_ID = "11010519491231002X";
  /** A purpose of the test policies only: ten uses, all allowed on one day. */
  static final String BULK = "BULK_REVIEW";
  static final Duration AHEAD = Duration.ofDays(8);
  static final Path KEYS = Path.of("keys-example");
  /** The data provider's operator, registered by {@link #operatorToken()}. */
  static final String OPERATOR = "records-desk";

  final PrivateKey bankKey = PemFiles.readPrivateKey(KEYS.resolve("institution.key.pem"));
  final PrivateKey identityProviderKey = PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem"));
  final TestRegistry registry;
  final PrivateKey otherBankKey;
  /** The test policies: the shipped ones plus {@link #BULK}. */
  final Path policies;
  final CreditFile creditFile;
  final Gateway gateway;
  final Gateway later;
  final QueryClient client;
  final QueryClient laterClient;
  private PrivateKey operatorKey;

  QueryWorld(DatabaseCoordinates database, Path folder) throws Exception {
    this(database, folder, List.of(), CreditFileImport.DEFAULT_PROVIDER);
  }

  /**
   * The world with {@code extraRecords} added to the citizen's public records, and their whole file
   * imported as the records of data provider {@code provider}.
   */
  QueryWorld(DatabaseCoordinates database, Path folder, List<PublicRecord> extraRecords, String provider) throws Exception {
    policies = testPolicies(folder.resolve("policies"));
    PurposeCatalog catalog = PurposeCatalog.load(policies);
    registry = TestRegistry.open(database, catalog);
    registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of("LOAN_APPROVAL", BULK),
        "DETAIL");
    KeyPair other = newKeyPair();
    otherBankKey = other.getPrivate();
    registry.addInstitution(OTHER_BANK, "另一银行", clientKey(other), List.of("LOAN_APPROVAL"), "DETAIL");
    creditFile = withRecords(demoCitizensFile(), extraRecords);
    GatewayKeys keys = GatewayKeys.load(KEYS);
    Path file = folder.resolve("citizen.jsonl");
    Files.writeString(file, CreditFileJson.toJson(creditFile).toString() + "\n", StandardOpenOption.CREATE_NEW);
    ImportReport report = new CreditFileImport(database, keys.pseudonymizer(), keys.recordCipher(), 10, provider).run(file, false);
    assertThat(report.committed()).as(report.toString()).isTrue();
    assertThat(report.subjectsImported()).isEqualTo(1);
    gateway = Gateway.start(QueryClient.config(database, policies));
    later = Gateway.start(QueryClient.config(database, policies), Clock.offset(Clock.systemUTC(), AHEAD));
    client = new QueryClient(gateway.port());
    laterClient = new QueryClient(later.port());
  }

  static KeyPair newKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static ClientKey clientKey(KeyPair pair) {
    String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    return ClientKey.parse(pem, "test key");
  }

  /** A synthetic file with at least two accounts and a phone, under the demo citizen's ID number. */
  private static CreditFile demoCitizensFile() {
    SyntheticCreditData synthetic = new SyntheticCreditData(7, LocalDate.now());
    while (true) {
      CreditFile file = synthetic.next();
      if (file.accounts().size() >= 2 && file.identity().phone().isPresent()) {
        SubjectIdentity identity = new SubjectIdentity(ResidentIdNumber.parse(CITIZEN_ID), file.identity().name(),
            file.identity().phone(), file.identity().address());
        return new CreditFile(identity, file.accounts(), file.publicRecords());
      }
    }
  }

  private static CreditFile withRecords(CreditFile file, List<PublicRecord> extra) {
    List<PublicRecord> records = new java.util.ArrayList<>(file.publicRecords());
    records.addAll(extra);
    return new CreditFile(file.identity(), file.accounts(), records);
  }

  private static Path testPolicies(Path dir) throws Exception {
    Files.createDirectories(dir);
    for (String name : List.of("purposes.yaml", "grades.yaml", "categories.yaml")) {
      Files.copy(Path.of("policies").resolve(name), dir.resolve(name));
    }
    Files.writeString(dir.resolve("purposes.yaml"), """
          - code: BULK_REVIEW
            labels: {zh: 批量复核, en: Bulk review (tests)}
            max-grade: SUMMARY
            max-validity-days: 30
            max-uses: 10
            uses-per-day: 10
            uses-per-month: 10
            max-data-window-months: 24
            one-time: false
        """, StandardOpenOption.APPEND);
    return dir;
  }

  String bankToken() throws Exception {
    return client.accessToken(BANK, bankKey, Instant.now());
  }

  /** An access token of the operator {@link #OPERATOR}, registered on first use. */
  String operatorToken() throws Exception {
    return operatorToken(client, Instant.now());
  }

  /** An operator token from the gateway behind {@code gateway}, whose clock says {@code now}. */
  synchronized String operatorToken(QueryClient gateway, Instant now) throws Exception {
    if (operatorKey == null) {
      KeyPair pair = newKeyPair();
      registry.addOperator(OPERATOR, "征信数据处理部", clientKey(pair));
      operatorKey = pair.getPrivate();
    }
    return gateway.accessToken(OPERATOR, operatorKey, now);
  }

  String citizenToken() {
    return QueryClient.citizenToken(CITIZEN_ID, identityProviderKey, Instant.now());
  }

  /** A consent the citizen approved: its id and the bank's consent token. */
  record Granted(String consentId, String token) {}

  Granted grant(String purpose, String grade, int validDays, int maxUses) throws Exception {
    return grant(BANK, bankKey, purpose, grade, validDays, maxUses);
  }

  Granted grant(String uscc, PrivateKey key, String purpose, String grade, int validDays, int maxUses) throws Exception {
    String bank = client.accessToken(uscc, key, Instant.now());
    JsonObject request = new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", purpose).put("grade", grade)
        .put("validDays", validDays).put("maxUses", maxUses);
    String requestId = client.json(client.post("/v1/consent-requests", bank, request.encode()), 201).getString("id");
    String approval = "DETAIL".equals(grade) ? new JsonObject().put("confirmSensitive", true).encode() : "";
    String consentId = client.json(client.post("/v1/me/consent-requests/" + requestId + "/approve", citizenToken(), approval), 201)
        .getJsonObject("consent").getString("id");
    String token = client.json(client.get("/v1/consent-requests/" + requestId, bank), 200).getString("consentToken");
    return new Granted(consentId, token);
  }

  static String query(String token, String purpose, String grade) {
    return new JsonObject().put("consentToken", token).put("purpose", purpose).put("grade", grade).encode();
  }

  @Override
  public void close() {
    later.close();
    gateway.close();
    registry.close();
  }
}
