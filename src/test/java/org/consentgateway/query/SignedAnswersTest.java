package org.consentgateway.query;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.consentgateway.audit.AuditEntry;
import org.consentgateway.crypto.AnswerVerifier;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.NpmPackage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signed answers end to end (docs/consents.md "Signed answers"): the query, the citizen's report and
 * export carry RFC 9421 signatures that our verifier and a stock one (the npm library
 * http-message-signatures, run by node) accept, that fail on a changed body byte or covered header,
 * and whose base hash is the {@code signatureBaseHash} of the entry at the answer's auditIndex.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedAnswersTest {

  /** The stock verifier, pinned: 1.0.6 implements RFC 9421 as published, {@code ;req} components on responses included. */
  private static final NpmPackage STOCK_VERIFIER = new NpmPackage("http-message-signatures@1.0.6", Path.of("target", "rfc9421-npm"));
  private static final Path SCRIPT = Path.of("src", "test", "resources", "rfc9421", "verify-answer.mjs");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseCoordinates database;
  private QueryWorld world;
  private QueryClient client;
  private Path folder;
  private JWKSet jwks;
  private String jwksText;

  @BeforeAll
  void start(DatabaseCoordinates database) throws Exception {
    this.database = database;
    folder = Files.createTempDirectory("signed-answers-test");
    world = new QueryWorld(database, folder);
    client = world.client;
    jwksText = client.getPublic("/.well-known/jwks.json").body();
    jwks = JWKSet.parse(jwksText);
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aQueryAnswerVerifiesAndItsEntryRecordsItsSignatureBaseHash() throws Exception {
    Answer answer = queried();

    assertThat(answer.headers).containsKeys("content-digest", "signature-input", "signature");
    assertThat(answer.headers.get("content-type")).isEqualTo("application/json");
    assertThat(answer.headers.get("signature-input")).startsWith("sig1=(\"@status\" \"content-digest\" \"content-type\""
        + " \"@method\";req \"@path\";req);created=").contains(";keyid=\"" + jwks.getKeys().get(0).getKeyID() + "\"")
        .endsWith(";alg=\"ecdsa-p256-sha256\"");
    assertBound(answer);
  }

  @Test
  void theCitizensReportAndExportAreSignedAndBoundLikewise() throws Exception {
    Answer report = Answer.of(client.get("/v1/me/report", world.citizenToken()), "GET", "/v1/me/report");
    Answer export = Answer.of(client.get("/v1/me/export", world.citizenToken()), "GET", "/v1/me/export");

    assertBound(report);
    assertBound(export);
    assertThat(export.headers.get("content-disposition")).startsWith("attachment");
  }

  @Test
  void aChangedBodyByteOrCoveredHeaderFailsOurVerification() throws Exception {
    Answer answer = queried();
    AnswerVerifier verifier = new AnswerVerifier(jwks);

    assertThat(verifier.verify(200, answer.headers, answer.changedBody(), "POST", "/v1/queries").verified()).isFalse();
    assertThat(verifier.verify(200, answer.withHeader("content-type", "application/json; charset=utf-8"), answer.body, "POST",
        "/v1/queries").verified()).isFalse();
    assertThat(verifier.verify(200, answer.headers, answer.body, "POST", "/v1/me/report").verified()).isFalse();
  }

  @Test
  void aStockRfc9421VerifierAcceptsTheAnswersAndRefusesChangedOnes() throws Exception {
    Path modules = STOCK_VERIFIER.modules("the stock RFC 9421 check");
    Answer query = queried();
    Answer report = Answer.of(client.get("/v1/me/report", world.citizenToken()), "GET", "/v1/me/report");

    assertThat(runStock(modules, query, query.headers, query.body)).startsWith("VERIFIED");
    assertThat(runStock(modules, report, report.headers, report.body)).startsWith("VERIFIED");
    assertThat(runStock(modules, query, query.headers, query.changedBody())).startsWith("NOT VERIFIED");
    assertThat(runStock(modules, query, query.withHeader("content-type", "text/plain"), query.body)).startsWith("NOT VERIFIED");
    String otherDigest = report.headers.get("content-digest");
    assertThat(runStock(modules, query, query.withHeader("content-digest", otherDigest), report.body)).startsWith("NOT VERIFIED");
  }

  private Answer queried() throws Exception {
    QueryWorld.Granted consent = world.grant("LOAN_APPROVAL", "SUMMARY", 30, 5);
    HttpResponse<String> response = client.post("/v1/queries", world.bankToken(), QueryWorld.query(consent.token(), "LOAN_APPROVAL", "SUMMARY"));
    return Answer.of(response, "POST", "/v1/queries");
  }

  /** Our verifier accepts the answer, and the entry at its auditIndex holds the base's SHA-256. */
  private void assertBound(Answer answer) throws Exception {
    AnswerVerifier.Result result = new AnswerVerifier(jwks).verify(200, answer.headers, answer.body, answer.method, answer.path);
    assertThat(result.problem()).isEmpty();
    long index = JSON.readTree(answer.body).get("auditIndex").asLong();
    List<AuditEntry> entries = QueryClient.auditEntries(database);
    AuditEntry entry = entries.get((int) index);
    assertThat(entry.index()).isEqualTo(index);
    assertThat(entry.signatureBaseHash()).isPresent();
    assertThat(entry.signatureBaseHash().orElseThrow().base64()).isEqualTo(result.baseHashBase64());
    assertThat(new String(entry.toCanonicalJson(), UTF_8)).contains("\"signatureBaseHash\":\"" + result.baseHashBase64() + "\"");
  }

  private String runStock(Path modules, Answer answer, Map<String, String> headers, byte[] body) throws Exception {
    Path answerFile = Files.createTempFile(folder, "answer", ".json");
    Path bodyFile = Files.createTempFile(folder, "body", ".json");
    Path jwksFile = folder.resolve("jwks.json");
    Files.writeString(answerFile, JSON.writeValueAsString(Map.of("status", 200, "headers", headers, "method", answer.method,
        "path", answer.path)));
    Files.write(bodyFile, body);
    Files.writeString(jwksFile, jwksText);
    ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toAbsolutePath().toString(), answerFile.toString(), bodyFile.toString(),
        jwksFile.toString()).redirectErrorStream(true);
    node.environment().put("RFC9421_MODULES", modules.toString());
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8).trim();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return output;
  }

  /** A 200 answer as received: lower-case header names, the body's bytes, and the request it answered. */
  private record Answer(Map<String, String> headers, byte[] body, String method, String path) {

    static Answer of(HttpResponse<String> response, String method, String path) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      Map<String, String> headers = new TreeMap<>();
      response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
      return new Answer(headers, response.body().getBytes(UTF_8), method, path);
    }

    byte[] changedBody() {
      byte[] changed = body.clone();
      int last = changed.length - 2; // inside the last member, before the closing brace
      changed[last] = (byte) (changed[last] == '1' ? '2' : '1');
      return changed;
    }

    Map<String, String> withHeader(String name, String value) {
      Map<String, String> changed = new TreeMap<>(headers);
      changed.put(name, value);
      return changed;
    }
  }
}
