package org.consentgateway.wiring;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.identity.DevTokens;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.ImportReport;
import org.consentgateway.records.SubjectIdentity;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;

/**
 * A gateway for the fuzzer (HostileRequestsTest, HostileRequestsBench): a bank, an operator and a
 * regulator registered with the example keys, a valid token of each role and the citizen's, and a
 * consent request, so that generated requests reach what lies behind the guard. The token rate is
 * raised: a rate limit answering 429 to everything would test only itself.
 */
final class HostileWorld implements AutoCloseable {

  static final String BANK = "91350100M000100Y43";
  static final String CITIZEN_ID = "11010519491231002X";
  private static final Path KEYS = Path.of("keys-example");

  final Gateway gateway;
  final Map<String, String> tokens;
  final List<String> knownIds;
  final Map<String, List<String>> wellFormed;
  final ContractOperations contract = ContractOperations.load(OpenApiContract.DOCUMENT);

  private HostileWorld(Gateway gateway, Map<String, String> tokens, List<String> knownIds, Map<String, List<String>> wellFormed) {
    this.gateway = gateway;
    this.tokens = tokens;
    this.knownIds = knownIds;
    this.wellFormed = wellFormed;
  }

  /** {@code folder} takes the credit file imported for the citizen, whose records' ids the requests use. */
  static HostileWorld open(DatabaseCoordinates database, Path folder, Map<String, String> moreSettings) throws Exception {
    List<String> ids = new ArrayList<>(importCitizensFile(database, folder));
    try (TestRegistry registry = TestRegistry.open(database, PurposeCatalog.load(Path.of("policies")))) {
      registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of("LOAN_APPROVAL"), "DETAIL");
      registry.addOperator("records-desk", "征信数据处理部", ClientKey.read(KEYS.resolve("operator.pub.pem")));
      registry.addRegulator("pboc-credit-reference", "征信监管", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
    }
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.put(ConfigKeys.AUTH_RATE_BURST, "1000000");
    settings.put(ConfigKeys.AUTH_RATE_PER_SECOND, "1000000");
    settings.putAll(moreSettings);
    Gateway gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)));
    try {
      GatewayHttpClient client = new GatewayHttpClient(gateway.port());
      Instant now = Instant.now();
      Map<String, String> tokens = Map.of(
          "institution", client.accessToken(BANK, key("institution"), now),
          "operator", client.accessToken("records-desk", key("operator"), now),
          "regulator", client.accessToken("pboc-credit-reference", key("regulator"), now),
          "citizen", GatewayHttpClient.citizenToken(CITIZEN_ID, key("identity-provider"), now));
      JsonObject request = new JsonObject().put("subjectIdNumber", CITIZEN_ID).put("purpose", "LOAN_APPROVAL")
          .put("grade", "SUMMARY").put("validDays", 30).put("maxUses", 5);
      String requestId = client.json(client.post("/v1/consent-requests", tokens.get("institution"), request), 201).getString("id");
      ids.add(requestId);
      ids.add(client.json(client.post("/v1/me/consent-requests/" + requestId + "/approve", tokens.get("citizen"), ""), 201)
          .getJsonObject("consent").getString("id"));
      String consentToken = client.json(client.get("/v1/consent-requests/" + requestId, tokens.get("institution")), 200)
          .getString("consentToken");
      Map<String, List<String>> wellFormed = Map.of(
          "consentToken", List.of(consentToken),
          "grant_type", List.of("client_credentials"),
          "client_assertion_type", List.of("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
          // Signed, in time, for this gateway: only the client id is wrong, and planted.
          "client_assertion", Canaries.ALL.stream()
              .map(planted -> DevTokens.clientAssertion(planted, GatewayHttpClient.ISSUER, key("institution"), now)).toList(),
          "purpose", List.of("LOAN_APPROVAL", "BULK_REVIEW"),
          "grade", List.of("BASIC", "SUMMARY", "DETAIL"),
          "subjectIdNumber", List.of(CITIZEN_ID));
      return new HostileWorld(gateway, tokens, List.copyOf(ids), wellFormed);
    } catch (Exception | AssertionError e) {
      gateway.close();
      throw e;
    }
  }

  /** A synthetic credit file under the citizen's ID number; the ids of its records. */
  private static List<String> importCitizensFile(DatabaseCoordinates database, Path folder) throws Exception {
    CreditFile synthetic = new SyntheticCreditData(5, LocalDate.now()).next();
    CreditFile file = new CreditFile(new SubjectIdentity(ResidentIdNumber.parse(CITIZEN_ID), synthetic.identity().name(),
        synthetic.identity().phone(), synthetic.identity().address()), synthetic.accounts(), synthetic.publicRecords());
    Path lines = folder.resolve("citizen.jsonl");
    Files.writeString(lines, CreditFileJson.toJson(file) + "\n");
    GatewayKeys keys = GatewayKeys.load(KEYS);
    ImportReport report = new CreditFileImport(database, keys.pseudonymizer(), keys.recordCipher(), 10).run(lines, false);
    if (!report.committed()) {
      throw new IllegalStateException("the citizen's file was not imported: " + report);
    }
    List<String> ids = new ArrayList<>();
    file.accounts().forEach(account -> ids.add(account.id().toString()));
    file.publicRecords().forEach(record -> ids.add(record.id().toString()));
    return ids;
  }

  HostileRequests requests(long seed) {
    return new HostileRequests(seed, contract, tokens, knownIds, wellFormed);
  }

  private static PrivateKey key(String name) {
    return PemFiles.readPrivateKey(KEYS.resolve(name + ".key.pem"));
  }

  @Override
  public void close() {
    gateway.close();
  }
}
