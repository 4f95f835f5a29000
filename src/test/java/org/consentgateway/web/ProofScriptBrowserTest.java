package org.consentgateway.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.consentgateway.audit.AuditConfig;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.audit.PublishedCheckpoints;
import org.consentgateway.audit.SignedNote;
import org.consentgateway.audit.SignedNoteVector;
import org.consentgateway.audit.TestVectors;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard's proof check ({@code web/static/proof.js}) in a real Chromium: every RFC 6962
 * inclusion vector and the signed-note vector, then the proofs of a running gateway, untouched
 * (verified) and tampered with (each refused with its reason).
 *
 * <p>A small Vert.x server stands in for the citizen app: it serves the script at
 * {@code /app/static/}, the pages of {@code src/test/resources/proof-browser/} under the app's CSP,
 * and passes {@code /v1/*} to the gateway with the citizen's bearer token, only when the browser
 * sends the session cookie the page set (as the app's session will).
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProofScriptBrowserTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** A synthetic citizen with no credit file: each look at their report is a refusal audited about them. */
  private static final String CITIZEN_ID = "11010519491231002X";
  private static final String SESSION = "proof_test_session=1";
  private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Gateway gateway;
  private GatewayHttpClient api;
  private String citizenToken;
  private Vertx vertx;
  private ChromeDriver browser;
  private String site;
  private List<AuditEntry> entries;
  private String verifierKey;

  @BeforeAll
  void start(DatabaseCoordinates database, @TempDir Path profile) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the browser tests need Chromium and its driver: apt-get install chromium chromium-driver");
    Map<String, String> settings = new HashMap<>(GatewayHttpClient.settings(database));
    settings.put(ConfigKeys.AUDIT_CHECKPOINT_INTERVAL_MILLIS, "100");
    gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(settings)));
    api = new GatewayHttpClient(gateway.port());
    citizenToken = GatewayHttpClient.citizenToken(CITIZEN_ID,
        PemFiles.readPrivateKey(Path.of("keys-example", "identity-provider.key.pem")), Instant.now());
    for (int i = 0; i < 5; i++) {
      GatewayHttpClient.assertProblem(api.get("/v1/me/report", citizenToken), 404, "not_found");
    }
    entries = GatewayHttpClient.auditEntries(database).stream().filter(entry -> entry.event().subjectRef().isPresent()).toList();
    assertThat(entries).hasSize(5);
    PublishedCheckpoints.atLeast(logSize(), () -> api.getPublic("/v1/audit/checkpoint"));
    verifierKey = api.getPublic("/v1/audit/verifier-key").body().strip();
    vertx = Vertx.vertx();
    HttpServer server = Blocking.await(vertx.createHttpServer().requestHandler(appStandIn()).listen(0, "127.0.0.1"),
        Duration.ofSeconds(10));
    site = "http://127.0.0.1:" + server.actualPort();
    browser = chromium(profile);
    browser.get(site + "/test/vectors.html");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (vertx != null) {
      Blocking.await(vertx.close(), Duration.ofSeconds(10));
    }
    if (gateway != null) {
      gateway.close();
    }
  }

  static Stream<Path> inclusionVectors() {
    return TestVectors.jsonFiles("rfc6962/inclusion").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inclusionVectors")
  void inclusionVector(Path file) throws IOException {
    JsonNode vector = JSON.readTree(file.toFile());
    List<String> proof = new ArrayList<>();
    vector.path("proof").forEach(hash -> proof.add(hash.asText()));

    Map<String, Object> result = call("verifyInclusionProof", Map.of(
        "index", vector.get("leafIdx").bigIntegerValue().toString(), // unsigned 64-bit: exact as text
        "size", vector.get("treeSize").bigIntegerValue().toString(),
        "leafHash", vector.get("leafHash").asText(), "hashes", proof, "root", vector.get("root").asText()));

    assertThat(result.get("verified")).as(vector.get("desc").asText() + ": " + result).isEqualTo(!vector.get("wantErr").asBoolean());
  }

  @Test
  void theSignedNoteVectorVerifies() {
    Map<String, Object> result = call("verifySignedNote", SignedNoteVector.NOTE, SignedNoteVector.VERIFIER_KEY);

    assertThat(result).containsEntry("verified", true).containsEntry("text", SignedNoteVector.TEXT);
  }

  @Test
  void theSignedNoteVectorIsRefusedWhenTamperedWith() {
    String note = SignedNoteVector.NOTE;
    String key = SignedNoteVector.VERIFIER_KEY;
    NoteSigner witness = NoteSigner.generate("witness.example/w1");
    String cosigned = SignedNote.parse(note).cosign(witness).encode();

    assertThat(refusal(note.replace("answer", "Answer"), key)).isEqualTo("bad_signature");
    assertThat(refusal(withSignatureByte(note, 0), key)).isEqualTo("no_trusted_signature"); // the key id
    assertThat(refusal(withSignatureByte(note, 40), key)).isEqualTo("bad_signature");
    assertThat(refusal(note, NoteSigner.generate("PeterNeumann").verifier().verifierKey())).isEqualTo("no_trusted_signature");
    for (String malformed : List.of(SignedNoteVector.TEXT + SignedNoteVector.SIGNATURE_LINE, note.substring(0, note.length() - 1),
        SignedNoteVector.TEXT + "\n", SignedNoteVector.TEXT + "\n- PeterNeumann AAAAAAA=\n",
        SignedNoteVector.TEXT + "\n\u2014 Peter+Neumann AAAAAAA=\n", SignedNoteVector.TEXT + "\n\u2014 PeterNeumann AAAA\n",
        SignedNoteVector.TEXT + "\n\u2014 PeterNeumann not base64\n", "tab\there\n\n" + SignedNoteVector.SIGNATURE_LINE)) {
      assertThat(refusal(malformed, key)).as(malformed).isEqualTo("malformed");
    }
    for (String malformed : List.of(key.replace("c74f20a3", "c74f20a4"), key.replace("+ARpc", "+Ahpc"),
        key.substring(0, key.length() - 2), "PeterNeumann+c74f20a3", key.replace("Peter", "Peter "))) {
      assertThat(refusal(note, malformed)).as(malformed).isEqualTo("malformed");
    }
    // C2SP signed-note: signatures of other keys are ignored.
    assertThat(call("verifySignedNote", cosigned, key)).containsEntry("verified", true);
    assertThat(call("verifySignedNote", cosigned, witness.verifier().verifierKey())).containsEntry("verified", true);
  }

  /** A checkpoint with witnesses: the page accepts it only with a quorum of valid cosignatures (C2SP tlog-cosignature). */
  @Test
  void aWitnessedCheckpointNeedsItsQuorumOfValidCosignatures() throws Exception {
    NoteSigner log = NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN);
    org.consentgateway.audit.Cosigner regulator = cosigner("witness.regulator.example");
    org.consentgateway.audit.Cosigner bureau = cosigner("witness.bureau.example");
    SignedNote checkpoint = org.consentgateway.audit.Checkpoint.of(AuditConfig.DEFAULT_ORIGIN, 7,
        org.consentgateway.audit.Sha256Hash.digest(new byte[] {7})).sign(log);
    java.time.Instant at = java.time.Instant.ofEpochSecond(1_800_000_000L);
    String byOne = checkpoint.encode() + regulator.cosign(checkpoint.textBytes(), at).line();
    String byBoth = byOne + bureau.cosign(checkpoint.textBytes(), at).line();
    Map<String, Object> both = Map.of("keys", List.of(regulator.key().vkey(), bureau.key().vkey()), "quorum", 2);

    assertThat(call("verifyCheckpoint", byBoth, log.verifier().verifierKey(), Map.of("witnesses", both)))
        .containsEntry("verified", true).containsEntry("size", 7L);
    assertThat(call("verifyCheckpoint", byOne, log.verifier().verifierKey(), Map.of("witnesses", both)))
        .containsEntry("verified", false).containsEntry("reason", "no_quorum");
    int line = byBoth.lastIndexOf(bureau.key().name() + " ") + bureau.key().name().length() + 1 + 30;
    String flipped = byBoth.substring(0, line) + (byBoth.charAt(line) == 'A' ? 'B' : 'A') + byBoth.substring(line + 1);
    assertThat(call("verifyCheckpoint", flipped, log.verifier().verifierKey(), Map.of("witnesses", both)))
        .containsEntry("verified", false).containsEntry("reason", "bad_cosignature");
    // Without witnesses asked for, their lines are lines of other keys: ignored.
    assertThat(call("verifyCheckpoint", byOne, log.verifier().verifierKey())).containsEntry("verified", true);
  }

  private static org.consentgateway.audit.Cosigner cosigner(String name) throws Exception {
    java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    return org.consentgateway.audit.Cosigner.of(name, pair.getPrivate(), pair.getPublic());
  }

  @Test
  void theDashboardVerifiesARealEntryAgainstTheGatewaysCheckpoint() {
    AuditEntry entry = entries.get(1);

    Shown proof = page(entry.index(), entry, verifierKey);

    assertThat(proof.state()).as(proof.text()).isEqualTo("verified");
    assertThat(Long.parseLong(proof.size())).isGreaterThanOrEqualTo(logSize());
    assertThat(proof.text()).isEqualTo("已验证：大小为 " + proof.size() + " 的检查点");
  }

  @Test
  void theDashboardShowsTheFailureWithItsReason() {
    String impostor = NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN).verifier().verifierKey();

    Shown wrongKey = page(entries.get(2).index(), entries.get(2), impostor);
    Shown anotherEntry = page(entries.get(2).index(), entries.get(3), verifierKey);

    assertThat(wrongKey.state()).isEqualTo("failed");
    assertThat(wrongKey.reason()).isEqualTo("no_trusted_signature");
    assertThat(wrongKey.text()).isEqualTo("未能验证（no_trusted_signature）");
    assertThat(anotherEntry.state()).isEqualTo("failed");
    assertThat(anotherEntry.reason()).isEqualTo("root_mismatch");
  }

  @Test
  void aRealProofVerifiesAndEveryTamperingIsRefusedWithItsReason() throws Exception {
    String note = api.getPublic("/v1/audit/checkpoint").body();
    long size = Checkpoint.parse(SignedNote.parse(note)).size();
    AuditEntry entry = entries.get(0);
    Map<String, Object> proof = proof(entry, size);
    Map<String, Object> older = proof(entry, size - 1);
    String leafHash = entry.leafHash().base64();

    assertThat(inclusion(proof, note, verifierKey)).containsEntry("verified", true).containsEntry("size", size);
    assertThat(inclusion(with(proof, "leafInput", null, "leafHash", leafHash), note, verifierKey)).containsEntry("verified", true);
    assertThat(reason(with(proof, "hashes", tamperedFirst(proof)), note, verifierKey)).isEqualTo("root_mismatch");
    assertThat(reason(with(proof, "leafInput", base64(tamperedEntry(entry))), note, verifierKey)).isEqualTo("root_mismatch");
    assertThat(reason(with(proof, "index", entry.index() + 1), note, verifierKey)).isEqualTo("root_mismatch");
    assertThat(reason(older, note, verifierKey)).isEqualTo("size_mismatch");
    assertThat(reason(with(older, "size", size), note, verifierKey)).isIn("root_mismatch", "wrong_proof_length");
    assertThat(reason(proof, note, NoteSigner.generate(AuditConfig.DEFAULT_ORIGIN).verifier().verifierKey()))
        .isEqualTo("no_trusted_signature");
    assertThat(reason(proof, note, SignedNoteVector.VERIFIER_KEY)).isEqualTo("no_trusted_signature");
    assertThat(reason(proof, note, verifierKey.substring(1))).isEqualTo("malformed");
    assertThat(reason(proof, note.replaceFirst("\n" + size + "\n", "\n" + (size + 1) + "\n"), verifierKey))
        .isEqualTo("bad_signature");
    assertThat(reason(proof, withSignatureByte(note, 40), verifierKey)).isEqualTo("bad_signature");
    assertThat(reason(proof, note.substring(0, note.indexOf("\n\n") + 1), verifierKey)).isEqualTo("malformed");
    assertThat(call("verifyInclusion", proof, note, verifierKey, Map.of("origin", "another.example/log")))
        .containsEntry("reason", "origin_mismatch");
  }

  // --- the stand-in app and the browser ---

  private Router appStandIn() {
    Router router = Router.router(vertx);
    router.route("/app/static/*").handler(StaticHandler.create("web/static"));
    router.get("/test/:page").handler(this::testPage);
    WebClient client = WebClient.create(vertx);
    router.get("/v1/*").handler(context -> {
      String cookie = context.request().getHeader("Cookie");
      if (cookie == null || !cookie.contains(SESSION)) {
        context.response().setStatusCode(401).end();
        return;
      }
      client.get(gateway.port(), "127.0.0.1", context.request().uri()).putHeader("Authorization", "Bearer " + citizenToken).send()
          .onSuccess(answer -> context.response().setStatusCode(answer.statusCode())
              .putHeader("Content-Type", String.valueOf(answer.getHeader("Content-Type")))
              .end(answer.bodyAsString() == null ? "" : answer.bodyAsString()))
          .onFailure(context::fail);
    });
    return router;
  }

  /** A page of proof-browser/, its {{name}} placeholders filled with the request's parameters, HTML-escaped. */
  private void testPage(RoutingContext context) {
    String template = resource("proof-browser/" + context.pathParam("page"));
    Matcher placeholders = PLACEHOLDER.matcher(template);
    String page = placeholders.replaceAll(match ->
        Matcher.quoteReplacement(escape(String.valueOf(context.request().getParam(match.group(1), "")))));
    context.response().putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Content-Security-Policy", CSP)
        .putHeader("Set-Cookie", SESSION + "; Path=/; HttpOnly; SameSite=Lax").end(page);
  }

  private static ChromeDriver chromium(Path profile) {
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--user-data-dir=" + profile);
    return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build(),
        options);
  }

  /** What the proof element shows: its {@code data-proof-state}, {@code -reason} and {@code -size}, and its text. */
  private record Shown(String state, String reason, String size, String text) {}

  /** The dashboard page for the entry at {@code index}, showing {@code entry}'s bytes, once its script has checked the proof. */
  private Shown page(long index, AuditEntry entry, String key) {
    browser.get(site + "/test/entry.html?index=" + index + "&leafInput=" + encode(base64(entry.toCanonicalJson()))
        + "&verifierKey=" + encode(key) + "&origin=" + encode(AuditConfig.DEFAULT_ORIGIN));
    browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "import('/app/static/proof.js').then(proof => proof.bindProofs()).then(done, failure => done(String(failure)));");
    WebElement proof = browser.findElement(By.id("proof"));
    return new Shown(proof.getDomAttribute("data-proof-state"), proof.getDomAttribute("data-proof-reason"),
        proof.getDomAttribute("data-proof-size"), proof.getText());
  }

  /** Calls an export of proof.js in the page; resolves its promise. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> call(String function, Object... arguments) {
    Object[] all = Stream.concat(Stream.of(function), Stream.of(arguments)).toArray();
    return (Map<String, Object>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "const name = arguments[0]; const args = Array.from(arguments).slice(1, -1);"
        + "import('/app/static/proof.js').then(proof => proof[name](...args))"
        + ".then(done, failure => done({thrown: String(failure)}));", all);
  }

  private String refusal(String note, String key) {
    Map<String, Object> result = call("verifySignedNote", note, key);
    assertThat(result).as(note).containsEntry("verified", false);
    return (String) result.get("reason");
  }

  private Map<String, Object> inclusion(Map<String, Object> proof, String note, String key) {
    return call("verifyInclusion", proof, note, key, Map.of("origin", AuditConfig.DEFAULT_ORIGIN));
  }

  private String reason(Map<String, Object> proof, String note, String key) {
    Map<String, Object> result = inclusion(proof, note, key);
    assertThat(result).containsEntry("verified", false);
    return (String) result.get("reason");
  }

  /** The size of the log once the citizen's entries are in it. */
  private long logSize() {
    return entries.get(entries.size() - 1).index() + 1;
  }

  /** The citizen's inclusion proof of {@code entry} at {@code size}, with the entry's bytes, as proof.js takes it. */
  private Map<String, Object> proof(AuditEntry entry, long size) throws Exception {
    JsonObject answer = api.json(api.get("/v1/me/audit/proofs/inclusion?index=" + entry.index() + "&size=" + size, citizenToken), 200);
    Map<String, Object> proof = new HashMap<>(answer.getMap());
    proof.put("hashes", answer.getJsonArray("hashes").getList());
    proof.put("leafInput", base64(entry.toCanonicalJson()));
    return proof;
  }

  private static Map<String, Object> with(Map<String, Object> proof, Object... keysAndValues) {
    Map<String, Object> changed = new HashMap<>(proof);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      changed.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    changed.values().removeIf(value -> value == null);
    return changed;
  }

  private static List<Object> tamperedFirst(Map<String, Object> proof) {
    List<Object> hashes = new ArrayList<>((List<?>) proof.get("hashes"));
    byte[] first = Base64.getDecoder().decode((String) hashes.get(0));
    first[0] ^= 0x01;
    hashes.set(0, base64(first));
    return hashes;
  }

  private static byte[] tamperedEntry(AuditEntry entry) {
    return new String(entry.toCanonicalJson(), UTF_8).replace("\"not_found\"", "\"not_founD\"").getBytes(UTF_8);
  }

  /** The note with one byte of its (last) signature flipped: byte 0 to 3 are the key id, the rest the signature. */
  private static String withSignatureByte(String note, int index) {
    int start = note.lastIndexOf(' ') + 1;
    byte[] signature = Base64.getDecoder().decode(note.substring(start).strip());
    signature[index] ^= 0x01;
    return note.substring(0, start) + base64(signature) + "\n";
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, UTF_8);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static String resource(String name) {
    try (InputStream in = ProofScriptBrowserTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test page " + name);
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
