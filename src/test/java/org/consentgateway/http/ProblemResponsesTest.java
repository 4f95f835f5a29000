package org.consentgateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the failure log may say of a request's path: its shape, never the client's text in it. */
class ProblemResponsesTest {

  @Test
  void idsIdNumbersAndAnythingElseAClientTypedAreMaskedButTheRoutesWordsStay() {
    assertThat(ProblemResponses.pathShape("/v1/me/records/b2f7ecbb-4254-41b6-9fe4-ea675d41fe61/statement"))
        .isEqualTo("/v1/me/records/*/statement");
    assertThat(ProblemResponses.pathShape("/v1/me/consents/11010519491231002X/pause")).isEqualTo("/v1/me/consents/*/pause");
    assertThat(ProblemResponses.pathShape("/v1/consent-requests/%E2%80%AEx/Name")).isEqualTo("/v1/consent-requests/*/*");
    assertThat(ProblemResponses.pathShape("/.well-known/jwks.json")).isEqualTo("/.well-known/jwks.json");
    assertThat(ProblemResponses.pathShape("/v1/audit/proofs/inclusion")).isEqualTo("/v1/audit/proofs/inclusion");
  }
}
