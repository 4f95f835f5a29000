package org.consentgateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.OpenApiContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gateway really sent, changed in one place, is refused with the failure that names the
 * change: a body byte (the digest), a signature over a forged digest, a key id the JWKS does not
 * hold, a checkpoint signed by another key, a wrong proof hash, another entry's bytes.
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientTamperingTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private ClientWorld world;
  private HttpResponse<byte[]> answer;
  private String proof;
  private long auditIndex;
  private String consentToken;
  private AnswerVerifier answers;

  @BeforeAll
  void start(DatabaseCoordinates database, @TempDir Path folder) throws Exception {
    world = new ClientWorld(database, folder);
    ConsentToken consent = world.grant("SUMMARY", 3);
    consentToken = consent.token();
    // The answer and proof exactly as the gateway sends them, read without the library.
    answer = http.send(HttpRequest.newBuilder(URI.create(world.issuer + "/v1/queries"))
        .header("Authorization", "Bearer " + world.bank.accessToken()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.encode(Map.of("consentToken", consentToken, "purpose", "LOAN_APPROVAL",
            "grade", "SUMMARY")))).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(answer.statusCode()).isEqualTo(200);
    auditIndex = Json.number(Json.object(new String(answer.body(), StandardCharsets.UTF_8), "answer"), "auditIndex", "answer");
    world.bank.proveInclusion(auditIndex); // waits for a checkpoint to cover it
    // Held to the HTTP contract, docs/openapi.yaml, like every answer of the flow tests.
    proof = OpenApiContract.checked(http.send(HttpRequest.newBuilder(URI.create(world.issuer + "/v1/queries/proofs/inclusion?index="
        + auditIndex)).header("Authorization", "Bearer " + world.bank.accessToken()).build(), HttpResponse.BodyHandlers.ofString())).body();
    answers = new AnswerVerifier(new JwksCache(() -> http.sendAsync(HttpRequest.newBuilder(URI.create(world.issuer + "/.well-known/jwks.json"))
        .build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(HttpResponse::body), Clock.systemUTC()));
  }

  @AfterAll
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void theUntouchedAnswerVerifies() {
    AnswerSignature signature = answers.verify(200, answer.headers(), answer.body(), "POST", "/v1/queries").join();
    assertThat(signature.keyId()).isNotBlank();
  }

  @Test
  void aChangedBodyByteIsRefused() {
    byte[] body = answer.body().clone();
    body[body.length / 2] ^= 1;
    assertFails(() -> BlockingConsentGatewayClient.await(answers.verify(200, answer.headers(), body, "POST", "/v1/queries")),
        VerificationFailure.BODY_DIGEST_MISMATCH);
  }

  @Test
  void aChangedBodyWithADigestToMatchFailsTheSignature() {
    byte[] body = answer.body().clone();
    body[body.length / 2] ^= 1;
    HttpHeaders headers = with(answer.headers(), "Content-Digest",
        "sha-256=:" + Base64.getEncoder().encodeToString(AnswerVerifier.sha256(body)) + ":");
    assertFails(() -> BlockingConsentGatewayClient.await(answers.verify(200, headers, body, "POST", "/v1/queries")),
        VerificationFailure.BAD_SIGNATURE);
  }

  @Test
  void theAnswerToAnotherRequestIsRefused() {
    assertFails(() -> BlockingConsentGatewayClient.await(answers.verify(200, answer.headers(), answer.body(), "GET", "/v1/me/report")),
        VerificationFailure.BAD_SIGNATURE);
  }

  @Test
  void aKeyIdTheJwksDoesNotHoldIsRefused() {
    String input = answer.headers().firstValue("Signature-Input").orElseThrow().replaceAll("keyid=\"[^\"]+\"", "keyid=\"not-a-key\"");
    assertFails(() -> BlockingConsentGatewayClient.await(
        answers.verify(200, with(answer.headers(), "Signature-Input", input), answer.body(), "POST", "/v1/queries")),
        VerificationFailure.UNKNOWN_KEY);
  }

  @Test
  void anAnswerCoveringLessThanTheGatewaySignsIsRefused() {
    String input = answer.headers().firstValue("Signature-Input").orElseThrow().replace(" \"@path\";req", "");
    assertFails(() -> BlockingConsentGatewayClient.await(
        answers.verify(200, with(answer.headers(), "Signature-Input", input), answer.body(), "POST", "/v1/queries")),
        VerificationFailure.SIGNATURE_INPUT_INVALID);
  }

  @Test
  void aConsentTokenNamingAnotherKeyIsRefused() throws Exception {
    String[] parts = consentToken.split("\\.");
    Map<String, Object> header = new HashMap<>(JSONObjectUtils.parse(Base64URL.from(parts[0]).decodeToString()));
    header.put("kid", "not-a-key");
    String forged = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "." + parts[1] + "." + parts[2];
    assertFails(() -> world.bank.verifyConsentToken(forged), VerificationFailure.UNKNOWN_KEY);
    assertThat(world.bank.verifyConsentToken(consentToken).consentId()).isNotBlank();
  }

  @Test
  void aConsentTokenWithAChangedClaimIsRefused() {
    String[] parts = consentToken.split("\\.");
    String claims = Base64URL.from(parts[1]).decodeToString().replace("\"SUMMARY\"", "\"DETAIL\"");
    String forged = parts[0] + "." + Base64URL.encode(claims) + "." + parts[2];
    assertFails(() -> world.bank.verifyConsentToken(forged), VerificationFailure.BAD_SIGNATURE);
  }

  @Test
  void theUntouchedProofVerifies() {
    ProvenEntry entry = verifier().verify(auditIndex, proof, verifierKey());
    assertThat(entry.action()).isEqualTo("query.allowed");
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsRefused() throws Exception {
    Map<String, Object> json = new HashMap<>(JSONObjectUtils.parse(proof));
    org.consentgateway.audit.Checkpoint checkpoint = org.consentgateway.audit.Checkpoint.parse(
        org.consentgateway.audit.SignedNote.parse((String) json.get("checkpoint")));
    // The same name, another key: what an impostor log would sign.
    NoteSigner impostor = NoteSigner.generate(verifierKey().name());
    json.put("checkpoint", checkpoint.sign(impostor).encode());
    assertFails(() -> verifier().verify(auditIndex, JSONObjectUtils.toJSONString(json), verifierKey()),
        VerificationFailure.CHECKPOINT_SIGNATURE);
    // And the gateway's own checkpoint, checked with a pinned key that is not its key.
    VerifierKey pinned = VerifierKey.parse(impostor.verifier().verifierKey());
    assertFails(() -> verifier().verify(auditIndex, proof, pinned), VerificationFailure.CHECKPOINT_SIGNATURE);
  }

  @Test
  void aWrongProofHashIsRefused() throws Exception {
    Map<String, Object> json = new HashMap<>(JSONObjectUtils.parse(proof));
    List<Object> hashes = new ArrayList<>(JSONObjectUtils.getStringList(json, "hashes"));
    assertThat(hashes).isNotEmpty();
    byte[] first = Base64.getDecoder().decode((String) hashes.get(0));
    first[0] ^= 1;
    hashes.set(0, Base64.getEncoder().encodeToString(first));
    json.put("hashes", hashes);
    assertFails(() -> verifier().verify(auditIndex, JSONObjectUtils.toJSONString(json), verifierKey()),
        VerificationFailure.INCLUSION_PROOF);
  }

  @Test
  void aChangedEntryIsRefused() throws Exception {
    Map<String, Object> json = new HashMap<>(JSONObjectUtils.parse(proof));
    String entry = new String(Base64.getDecoder().decode((String) json.get("leafInput")), StandardCharsets.UTF_8)
        .replace("query.allowed", "query.denied");
    json.put("leafInput", Base64.getEncoder().encodeToString(entry.getBytes(StandardCharsets.UTF_8)));
    assertFails(() -> verifier().verify(auditIndex, JSONObjectUtils.toJSONString(json), verifierKey()),
        VerificationFailure.INCLUSION_PROOF);
  }

  @Test
  void theProofOfAnotherIndexIsRefused() {
    assertFails(() -> verifier().verify(auditIndex + 1, proof, verifierKey()), VerificationFailure.INCLUSION_PROOF);
  }

  @Test
  void aClientPinningAnotherLogsKeyRefusesTheGatewaysProofs() {
    BlockingConsentGatewayClient pinned = ConsentGatewayClient.builder(world.issuer, ClientWorld.BANK,
            ClientSigningKey.fromPem(ClientWorld.KEYS.resolve("institution.key.pem")))
        .pinVerifierKey(NoteSigner.generate("consent-gateway.local/audit").verifier().verifierKey()).connectBlocking();
    assertFails(() -> pinned.proveInclusion(auditIndex), VerificationFailure.CHECKPOINT_SIGNATURE);
  }

  private InclusionVerifier verifier() {
    return new InclusionVerifier(ClientWorld.BANK);
  }

  private VerifierKey verifierKey() {
    try {
      return VerifierKey.parse(http.send(HttpRequest.newBuilder(URI.create(world.issuer + "/v1/audit/verifier-key")).build(),
          HttpResponse.BodyHandlers.ofString()).body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpHeaders with(HttpHeaders headers, String name, String value) {
    Map<String, List<String>> changed = new HashMap<>(headers.map());
    changed.keySet().removeIf(key -> key.equalsIgnoreCase(name));
    changed.put(name, List.of(value));
    return HttpHeaders.of(changed, (key, text) -> true);
  }

  private static void assertFails(ThrowingCallable call, VerificationFailure failure) {
    assertThatThrownBy(call).isInstanceOfSatisfying(VerificationException.class, e -> assertThat(e.failure()).isEqualTo(failure));
  }

}
