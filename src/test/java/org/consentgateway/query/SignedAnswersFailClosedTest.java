package org.consentgateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.consentgateway.audit.AnswerToBind;
import org.consentgateway.audit.AppendedEntry;
import org.consentgateway.audit.BoundAnswer;
import org.consentgateway.audit.ChainHash;
import org.consentgateway.crypto.GatewaySigningKeys;
import org.consentgateway.crypto.KeyType;
import org.consentgateway.crypto.MessageSigner;
import org.consentgateway.crypto.SignedResponse;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.junit.jupiter.api.Test;

/** An answer is signed over exactly what its entry bound, and one that cannot be signed is 503, never sent unsigned. */
class SignedAnswersFailClosedTest {

  private final GatewaySigningKeys keys =
      GatewaySigningKeys.of(KeyType.EC_P256.generateKeyPair(), List.of(), Instant.now(), Duration.ofDays(1));
  private final SignedAnswers answers =
      new SignedAnswers(MessageSigner.of(keys), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @Test
  void theSignedAnswerIsTheBoundBodyWithItsHeaders() {
    AnswerToBind toBind = answers.toBind(new AnswerRequest("POST", "/v1/queries"), body(), "queryId");
    BoundAnswer bound = toBind.at(5);

    SignedResponse signed = answers.signed(new AppendedEntry(5, ChainHash.genesis(), ChainHash.genesis(), Optional.of(bound)));

    assertThat(signed.body()).isEqualTo(bound.body());
    assertThat(new String(signed.body(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{\"queryId\":\"q\",\"auditIndex\":5,");
    assertThat(signed.signatureInput()).contains(";created=1767225600;keyid=\"" + keys.currentKeyId() + "\"");
    assertThat(signed.contentType()).isEqualTo(SignedAnswers.CONTENT_TYPE);
  }

  @Test
  void anAnswerThatCannotBeSignedIsUnavailable() {
    AppendedEntry unbound = new AppendedEntry(5, ChainHash.genesis(), ChainHash.genesis());
    assertThatThrownBy(() -> answers.signed(unbound)).isInstanceOfSatisfying(ProblemException.class,
        problem -> assertThat(problem.code()).isEqualTo(ErrorCode.UNAVAILABLE));

    // A base made under another key: the signer refuses it, and nothing leaves unsigned.
    GatewaySigningKeys other = GatewaySigningKeys.of(KeyType.EC_P256.generateKeyPair(), List.of(), Instant.now(), Duration.ofDays(1));
    BoundAnswer foreign = new SignedAnswers(MessageSigner.of(other), Clock.systemUTC())
        .toBind(new AnswerRequest("GET", "/v1/me/report"), body(), "queryId").at(1);
    assertThatThrownBy(() -> answers.signed(new AppendedEntry(1, ChainHash.genesis(), ChainHash.genesis(), Optional.of(foreign))))
        .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  private static ObjectNode body() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("queryId", "q");
    body.put("purpose", "LOAN_APPROVAL");
    return body;
  }
}
