package org.consentgateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.consentgateway.audit.AuditDatabaseSupport.event;

import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.consentgateway.crypto.ContentDigest;
import org.consentgateway.crypto.MessageAlgorithm;
import org.consentgateway.crypto.ResponseSignatureBase;
import org.consentgateway.crypto.SignatureParams;
import org.junit.jupiter.api.Test;

/**
 * The entry of a signed answer: the appender builds the answer for the index it assigns, and the
 * entry's {@code signatureBaseHash} is SHA-256 of the base a regulator rebuilds from the answer.
 */
class SignedAnswerBindingTest {

  private static final SignatureParams PARAMS = new SignatureParams(1767225600L, "kid-1", MessageAlgorithm.ECDSA_P256_SHA256);

  @Test
  void theEntryRecordsTheHashOfTheBaseOfTheAnswerCitingItsIndex() throws Exception {
    AnswerToBind toBind = new AnswerToBind(200, "POST", "/v1/queries", "application/json", PARAMS,
        index -> ("{\"queryId\":\"q\",\"auditIndex\":" + index + "}").getBytes(UTF_8));
    List<AppendBatch.Append> events = List.of(
        new AppendBatch.Append(event(0), Optional.empty()),
        new AppendBatch.Append(event(1), Optional.of(toBind)));

    AppendBatch batch = AppendBatch.placeBinding(LogHead.EMPTY, TreeFrontier.empty(), events);

    AuditEntry plain = AuditEntry.parse(batch.entryBytes().get(0));
    AuditEntry bound = AuditEntry.parse(batch.entryBytes().get(1));
    assertThat(plain.signatureBaseHash()).isEmpty();
    assertThat(new String(batch.entryBytes().get(0), UTF_8)).doesNotContain("signatureBaseHash");
    assertThat(batch.appended().get(0).answer()).isEmpty();

    BoundAnswer answer = batch.appended().get(1).answer().orElseThrow();
    byte[] body = "{\"queryId\":\"q\",\"auditIndex\":1}".getBytes(UTF_8);
    assertThat(answer.body()).isEqualTo(body);
    // What a regulator does: rebuild the base from the answer's headers and body, hash it, find it at auditIndex 1.
    byte[] rebuilt = ("\"@status\": 200\n"
        + "\"content-digest\": " + ContentDigest.sha256(body) + "\n"
        + "\"content-type\": application/json\n"
        + "\"@method\";req: POST\n"
        + "\"@path\";req: /v1/queries\n"
        + "\"@signature-params\": (\"@status\" \"content-digest\" \"content-type\" \"@method\";req \"@path\";req)"
        + ";created=1767225600;keyid=\"kid-1\";alg=\"ecdsa-p256-sha256\"").getBytes(UTF_8);
    assertThat(answer.base().bytes()).isEqualTo(rebuilt);
    Sha256Hash expected = Sha256Hash.of(MessageDigest.getInstance("SHA-256").digest(rebuilt));
    assertThat(bound.signatureBaseHash()).contains(expected);
    // JCS places the member by name, between responseHash and subjectRef.
    String canonical = new String(batch.entryBytes().get(1), UTF_8);
    assertThat(canonical).contains("\"signatureBaseHash\":\"" + expected.base64() + "\"");
    assertThat(canonical.indexOf("\"responseHash\"")).isLessThan(canonical.indexOf("\"signatureBaseHash\""));
    assertThat(canonical.indexOf("\"signatureBaseHash\"")).isLessThan(canonical.indexOf("\"time\""));
    assertThat(bound.toCanonicalJson()).isEqualTo(batch.entryBytes().get(1));
  }

  @Test
  void aBaseRebuiltFromTheHeadersIsTheOneTheAppenderHashed() {
    ResponseSignatureBase base = new AnswerToBind(200, "GET", "/v1/me/report", "application/json", PARAMS,
        index -> new byte[] {'{', '}'}).at(9).base();
    assertThat(base.contentDigest()).isEqualTo(ContentDigest.sha256(new byte[] {'{', '}'}));
    assertThat(base.path()).isEqualTo("/v1/me/report");
  }
}
