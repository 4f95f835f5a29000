package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.SignedNote;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.TestRegistry;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regulator exports a case file from a running gateway and checks it offline with {@code gateway
 * audit verify --case}; every tampering is refused naming the entry, the checkpoint or the key.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseFileTest {

  private static final String REGULATOR = "pboc-credit-reference";
  private static final String BANK = "91350100M000100Y43";
  private static final String OPERATOR = "bureau-ops";
  private static final Path KEYS = Path.of("keys-example");
  private static final List<Long> CHOSEN = List.of(0L, 3L, 7L, 12L, 29L);

  private final HttpClient client = HttpClient.newHttpClient();
  private Gateway gateway;
  private GatewayHttpClient api;
  private String base;
  private String regulatorToken;
  private String verifierKey;
  private byte[] exported;
  private HttpResponse<byte[]> export;

  @TempDir
  Path folder;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    try (TestRegistry registry = TestRegistry.open(database)) {
      registry.addRegulator(REGULATOR, "征信监管", ClientKey.read(KEYS.resolve("regulator.pub.pem")));
      registry.addInstitution(BANK, "示范银行", ClientKey.read(KEYS.resolve("institution.pub.pem")), List.of("LOAN_APPROVAL"), "DETAIL");
      registry.addOperator(OPERATOR, "Bureau operations", ClientKey.read(KEYS.resolve("operator.pub.pem")));
    }
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.put(ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100");
    settings.put(ConfigKeys.AUTH_RATE_BURST, "100000");
    gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)));
    base = "http://127.0.0.1:" + gateway.port();
    api = new GatewayHttpClient(gateway.port());
    regulatorToken = accessToken(REGULATOR, "regulator.key.pem");
    verifierKey = get("/v1/audit/verifier-key", null).body().trim();
    // Real entries: each regulator read is one.
    for (int i = 0; i < 30; i++) {
      assertThat(get("/v1/audit/entries?start=0&end=1", regulatorToken).statusCode()).isEqualTo(200);
    }
    PublishedCheckpoints.atLeast(30, () -> get("/v1/audit/checkpoint", null));
    export = exportCase(regulatorToken, "{\"indexes\": [29, 0, 7, 3, 12]}");
    assertThat(export.statusCode()).as(new String(export.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    exported = export.body();
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void aCaseFromTheGatewayVerifiesOfflineAgainstThePinnedKey() throws Exception {
    long size = Checkpoint.parse(SignedNote.parse(ZipFiles.unpack(exported).get("checkpoint.txt"))).size();

    Outcome verified = verify(exported, "--verifier-key", verifierKey);

    assertThat(export.headers().firstValue("Content-Type")).contains("application/zip");
    assertThat(export.headers().firstValue("Content-Disposition").orElseThrow())
        .matches("attachment; filename=\"case-" + size + "-[0-9a-f]{8}\\.zip\"");
    assertThat(verified.exitCode()).as(verified.output()).isZero();
    assertThat(verified.output()).contains("key: " + keyName(verifierKey) + " (pinned with --verifier-key)")
        .contains("OK: 5 entries (indexes 0..29) are in the log " + AuditConfig.DEFAULT_ORIGIN
            + " as of the checkpoint of size " + size + " signed by " + keyName(verifierKey));
    assertThat(ZipFiles.unpack(exported).keySet()).containsExactly("case.json", "README.txt", "checkpoint.txt", "verifier-key.txt",
        "entries/0.json", "entries/3.json", "entries/7.json", "entries/12.json", "entries/29.json",
        "proofs/0.tlog-proof", "proofs/3.tlog-proof", "proofs/7.tlog-proof", "proofs/12.tlog-proof", "proofs/29.tlog-proof");
    JsonObject manifest = new JsonObject(new String(ZipFiles.unpack(exported).get("case.json"), StandardCharsets.UTF_8));
    assertThat(manifest.getString("exportedBy")).isEqualTo("regulator:" + REGULATOR);
    assertThat(manifest.getLong("checkpointSize")).isEqualTo(size);
  }

  @Test
  void withoutAPinnedKeyTheCaseIsCheckedWithItsOwnAndSaysSo() throws Exception {
    Outcome verified = verify(exported);

    assertThat(verified.exitCode()).as(verified.output()).isZero();
    assertThat(verified.output()).contains("key: " + keyName(verifierKey) + " (the case's own key").contains("OK: 5 entries");
  }

  @Test
  void theExportIsAnAuditedRegulatorReadOfTheZipsHash() throws Exception {
    String hash = Sha256Hash.digest(exported).base64();

    JsonObject recorded = auditEntries().stream().map(item -> ((JsonObject) item).getJsonObject("entry"))
        .filter(entry -> hash.equals(entry.getString("responseHash"))).findFirst().orElseThrow();

    assertThat(recorded.getString("action")).isEqualTo("audit.read");
    assertThat(recorded.getString("actor")).isEqualTo("regulator:" + REGULATOR);
    assertThat(recorded.getJsonArray("disclosedFields")).containsExactly("case");
  }

  @Test
  void aByteChangedInOneEntrysLeafInputIsNamed() throws Exception {
    byte[] tampered = changed(exported, "entries/7.json", json -> {
      byte[] leafInput = Base64.getDecoder().decode(json.getString("leafInput"));
      leafInput[leafInput.length / 2] ^= 0x01;
      return json.put("leafInput", Base64.getEncoder().encodeToString(leafInput));
    });

    Outcome verified = verify(tampered, "--verifier-key", verifierKey);

    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.output()).contains("FAIL index 7: leafInput does not hash to its leafHash (the entry was altered)")
        .doesNotContain("FAIL index 3").doesNotContain("OK:");
  }

  @Test
  void anEntryRewrittenWithItsLeafHashFailsItsInclusionProof() throws Exception {
    byte[] tampered = changed(exported, "entries/3.json", json -> {
      byte[] leafInput = (new String(Base64.getDecoder().decode(json.getString("leafInput")), StandardCharsets.UTF_8) + " ")
          .getBytes(StandardCharsets.UTF_8);
      return json.put("leafInput", Base64.getEncoder().encodeToString(leafInput))
          .put("leafHash", org.consentgateway.audit.LeafHash.of(leafInput).base64());
    });

    Outcome verified = verify(tampered, "--verifier-key", verifierKey);

    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.output()).contains("FAIL index 3: the inclusion proof does not lead to the checkpoint's root");
  }

  @Test
  void aChangedProofHashIsNamed() throws Exception {
    byte[] tampered = changed(exported, "entries/12.json", json -> {
      JsonArray proof = json.getJsonArray("proof");
      byte[] hash = Base64.getDecoder().decode(proof.getString(0));
      hash[0] ^= 0x01;
      proof.set(0, Base64.getEncoder().encodeToString(hash));
      return json;
    });

    Outcome verified = verify(tampered, "--verifier-key", verifierKey);

    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.output()).contains("FAIL index 12: the inclusion proof does not lead to the checkpoint's root (root_mismatch");
  }

  @Test
  void aChangedTlogProofIsNamed() throws Exception {
    Map<String, byte[]> files = ZipFiles.unpack(exported);
    files.put("proofs/29.tlog-proof", new String(files.get("proofs/29.tlog-proof"), StandardCharsets.UTF_8)
        .replace("index 29", "index 28").getBytes(StandardCharsets.UTF_8));

    Outcome verified = verify(ZipFiles.pack(files), "--verifier-key", verifierKey);

    assertThat(verified.output()).contains("FAIL index 29: proofs/29.tlog-proof does not hold the same index, proof and checkpoint");
  }

  @Test
  void aBrokenCheckpointSignatureIsTheCheckpointsFailure() throws Exception {
    Map<String, byte[]> files = ZipFiles.unpack(exported);
    String note = new String(files.get("checkpoint.txt"), StandardCharsets.UTF_8);
    int signature = note.lastIndexOf(' ') + 1;
    char changed = note.charAt(signature + 10) == 'A' ? 'B' : 'A';
    files.put("checkpoint.txt", (note.substring(0, signature + 10) + changed + note.substring(signature + 11))
        .getBytes(StandardCharsets.UTF_8));

    Outcome verified = verify(ZipFiles.pack(files), "--verifier-key", verifierKey);

    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.output()).contains("FAIL checkpoint: not signed by the trusted key " + keyName(verifierKey));
  }

  @Test
  void anEntryRemovedFromTheCaseIsNamed() throws Exception {
    Map<String, byte[]> files = ZipFiles.unpack(exported);
    files.remove("entries/3.json");

    Outcome verified = verify(ZipFiles.pack(files), "--verifier-key", verifierKey);

    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.output()).contains("FAIL index 3: entries/3.json is missing from the case");
  }

  @Test
  void aCaseHoldingAnotherKeyThanThePinnedOneIsRefused() throws Exception {
    String other = NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN).verifier().verifierKey();

    Outcome verified = verify(exported, "--verifier-key", other);
    // A forger who re-signs the checkpoint and ships their key is caught the same way.
    Map<String, byte[]> files = ZipFiles.unpack(exported);
    files.put("verifier-key.txt", (other + "\n").getBytes(StandardCharsets.UTF_8));
    Outcome swapped = verify(ZipFiles.pack(files), "--verifier-key", verifierKey);

    assertThat(verified.exitCode()).isEqualTo(1);
    assertThat(verified.output()).contains("FAIL verifier key: the case holds the key " + keyName(verifierKey)
        + ", not the pinned key " + keyName(other));
    assertThat(swapped.exitCode()).isEqualTo(1);
    assertThat(swapped.output()).contains("FAIL verifier key: the case holds the key " + keyName(other));
  }

  @Test
  void aMalformedZipIsAClearFailureNotAStackTrace() throws Exception {
    Map<String, byte[]> noManifest = ZipFiles.unpack(exported);
    noManifest.remove("case.json");
    Map<String, byte[]> badEntry = ZipFiles.unpack(exported);
    badEntry.put("entries/0.json", "{\"index\": 0, ".getBytes(StandardCharsets.UTF_8));
    Map<String, byte[]> bomb = ZipFiles.unpack(exported);
    bomb.put("README.txt", new byte[16 << 20]); // 16 MiB of zeros deflate to 16 KiB; unpacking stops at 1 MiB

    assertThat(verify("not a zip".getBytes(StandardCharsets.UTF_8)).output()).contains("FAIL case: not a zip");
    assertThat(verify(ZipFiles.pack(noManifest)).output()).contains("FAIL case: case.json is missing");
    assertThat(verify(ZipFiles.pack(badEntry)).output()).contains("FAIL index 0: entries/0.json: the entry file is not JSON");
    Outcome bombed = verify(ZipFiles.pack(bomb));
    assertThat(bombed.exitCode()).isEqualTo(1);
    assertThat(bombed.output()).contains("FAIL case: README.txt unpacks to more than 1048576 bytes");
    Outcome missing = verify(folder.resolve("absent.zip"));
    assertThat(missing.output()).contains("FAIL case: ").contains("does not exist");
  }

  @Test
  void withoutACaseTheVerifierKeyIsStillRequired() {
    Outcome refused = gateway("audit", "verify", "--export", folder.toString());

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output()).contains("Missing required option: '--verifier-key=KEY'");
  }

  @Test
  void onlyARegulatorMayExportACase() throws Exception {
    String institution = accessToken(BANK, "institution.key.pem");
    String operator = accessToken(OPERATOR, "operator.key.pem");
    String citizen = GatewayHttpClient.citizenToken("11010519491231002X", PemFiles.readPrivateKey(KEYS.resolve("identity-provider.key.pem")),
        Instant.now());

    for (String token : List.of(institution, operator, citizen)) {
      HttpResponse<byte[]> refused = exportCase(token, "{\"indexes\": [0]}");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(problemCode(refused)).isEqualTo("forbidden");
    }
    assertThat(exportCase(null, "{\"indexes\": [0]}").statusCode()).isEqualTo(401);
  }

  @Test
  void badIndexListsAreInvalidRequests() throws Exception {
    String tooMany = LongStream.range(0, 10_001).mapToObj(Long::toString).collect(Collectors.joining(",", "{\"indexes\": [", "]}"));
    List<String> bodies = List.of("{}", "{\"indexes\": []}", "{\"indexes\": [-1]}", "{\"indexes\": [1, 1]}",
        "{\"indexes\": [\"3\"]}", "{\"indexes\": [1.5]}", "{\"indexes\": 3}", "{\"indexes\": [1000000]}", tooMany);

    for (String body : bodies) {
      HttpResponse<byte[]> refused = exportCase(regulatorToken, body);
      assertThat(refused.statusCode()).as(body.length() > 100 ? "10,001 indexes" : body).isEqualTo(400);
      assertThat(problemCode(refused)).isEqualTo("invalid_request");
    }
  }

  // ---- helpers ----

  record Outcome(int exitCode, String output) {}

  /** Runs {@code gateway audit verify --case} through the command class, as a regulator would. */
  private Outcome verify(byte[] zip, String... more) throws IOException {
    Path file = Files.createTempFile(folder, "case", ".zip");
    Files.write(file, zip);
    return verify(file, more);
  }

  private Outcome verify(Path file, String... more) {
    List<String> arguments = new java.util.ArrayList<>(List.of("audit", "verify", "--case", file.toString()));
    arguments.addAll(List.of(more));
    return gateway(arguments.toArray(String[]::new));
  }

  private static Outcome gateway(String... arguments) {
    StringWriter out = new StringWriter();
    picocli.CommandLine commandLine = GatewayCommand.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(out));
    int exit = commandLine.execute(arguments);
    assertThat(out.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    return new Outcome(exit, out.toString());
  }

  private static String keyName(String verifierKey) {
    String[] parts = verifierKey.split("\\+", 3);
    return parts[0] + "+" + parts[1];
  }

  private JsonArray auditEntries() throws Exception {
    JsonArray all = new JsonArray();
    for (long start = 0; ; start += 1000) {
      JsonArray page = new JsonArray(get("/v1/audit/entries?start=" + start + "&end=" + (start + 1000), regulatorToken).body());
      all.addAll(page);
      if (page.size() < 1000) {
        return all;
      }
    }
  }

  private static byte[] changed(byte[] zip, String name, UnaryOperator<JsonObject> change) throws IOException {
    Map<String, byte[]> files = ZipFiles.unpack(zip);
    JsonObject json = change.apply(new JsonObject(new String(files.get(name), StandardCharsets.UTF_8)));
    files.put(name, json.encodePrettily().getBytes(StandardCharsets.UTF_8));
    return ZipFiles.pack(files);
  }

  private static String problemCode(HttpResponse<byte[]> response) {
    return new JsonObject(new String(response.body(), StandardCharsets.UTF_8)).getString("code");
  }

  private HttpResponse<byte[]> exportCase(String bearer, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/audit/cases"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return OpenApiContract.checkedFile(client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  private HttpResponse<String> get(String path, String bearer) throws Exception {
    return bearer == null ? api.getPublic(path) : api.get(path, bearer);
  }

  private String accessToken(String clientId, String keyFile) throws Exception {
    return api.accessToken(clientId, PemFiles.readPrivateKey(KEYS.resolve(keyFile)), Instant.now());
  }
}
