package org.consentgateway.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

  private static final String SUBJECT = "3f".repeat(32);
  private static final Sha256Hash RESPONSE = Sha256Hash.digest("response".getBytes(UTF_8));
  private static final Sha256Hash POLICY = Sha256Hash.digest("policies".getBytes(UTF_8));

  static AuditEvent allowedQuery() {
    return AuditEvent.builder()
        .time(Instant.parse("2025-01-02T03:04:05.678912Z"))
        .action(AuditAction.QUERY_ALLOWED)
        .actor("institution:91350100M000100Y43")
        .subjectRef(SUBJECT)
        .purpose("LOAN_APPROVAL")
        .grade("SUMMARY")
        .consentId("c-0001")
        .outcome(AuditOutcome.ALLOWED)
        .disclosedFields(List.of("summary.accountCount", "accounts[].balanceBand"))
        .responseHash(RESPONSE)
        .policyHash(POLICY)
        .build();
  }

  @Test
  void canonicalJsonHasJcsMemberOrderWithVersionLast() {
    AuditEntry entry = allowedQuery().at(0, ChainHash.genesis());

    assertThat(new String(entry.toCanonicalJson(), UTF_8)).isEqualTo(
        "{\"action\":\"query.allowed\",\"actor\":\"institution:91350100M000100Y43\","
            + "\"consentId\":\"c-0001\","
            + "\"disclosedFields\":[\"summary.accountCount\",\"accounts[].balanceBand\"],"
            + "\"grade\":\"SUMMARY\",\"index\":0,\"outcome\":\"ALLOWED\","
            + "\"policyHash\":\"" + POLICY.base64() + "\","
            + "\"prev\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
            + "\"purpose\":\"LOAN_APPROVAL\",\"responseHash\":\"" + RESPONSE.base64() + "\","
            + "\"subjectRef\":\"" + SUBJECT + "\",\"time\":\"2025-01-02T03:04:05.678Z\",\"v\":1}");
  }

  @Test
  void absentOptionalsAreOmittedNotNull() {
    AuditEvent consentExpired = AuditEvent.builder()
        .time(Instant.parse("2025-06-01T00:00:00Z"))
        .action(AuditAction.CONSENT_EXPIRED)
        .actor("system:scheduler")
        .outcome(AuditOutcome.RECORDED)
        .build();

    assertThat(new String(consentExpired.at(7, ChainHash.genesis()).toCanonicalJson(), UTF_8))
        .isEqualTo("{\"action\":\"consent.expired\",\"actor\":\"system:scheduler\",\"disclosedFields\":[],"
            + "\"index\":7,\"outcome\":\"RECORDED\",\"prev\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\","
            + "\"time\":\"2025-06-01T00:00:00.000Z\",\"v\":1}");
  }

  @Test
  void parsingTheCanonicalBytesGivesTheSameEntry() {
    AuditEntry entry = allowedQuery().at(42, Sha256Hash.digest(new byte[] {1}));
    byte[] bytes = entry.toCanonicalJson();

    assertThat(AuditEntry.parse(bytes)).isEqualTo(entry);
    assertThat(AuditEntry.parse(bytes).toCanonicalJson()).isEqualTo(bytes);
  }

  @Test
  void parsingRefusesAnythingButTheCanonicalForm() {
    String canonical = new String(allowedQuery().at(1, ChainHash.genesis()).toCanonicalJson(), UTF_8);

    assertRefused(canonical.replace("{\"action\"", "{ \"action\""));
    assertRefused(canonical.replace("\"v\":1}", "\"v\":1,\"name\":\"x\"}"));
    assertRefused(canonical.replace("\"v\":1}", "\"v\":2}"));
    assertRefused(canonical.replace("\"v\":1}", "\"v\":1.0}"));
    assertRefused(canonical.replace("\"v\":1}", "\"v\":1,\"v\":1}"));
    assertRefused(canonical.replace(",\"grade\":\"SUMMARY\"", ",\"grade\":null"));
    assertRefused(canonical.replace("\"outcome\":\"ALLOWED\",", ""));
    assertRefused(canonical.replace("03:04:05.678Z", "03:04:05Z"));
    assertRefused(canonical.replace("\"index\":1", "\"index\":\"1\""));
    assertRefused(canonical.replace("query.allowed", "query.granted"));
    assertRefused("{\"v\":1," + canonical.substring(1).replace(",\"v\":1}", "}"));
  }

  @Test
  void aDenialCarriesItsReasonAndDisclosesNothing() {
    AuditEvent.Builder denied = AuditEvent.builder()
        .time(Instant.EPOCH).action(AuditAction.QUERY_DENIED)
        .actor("institution:91350100M000100Y43").outcome(AuditOutcome.DENIED);

    assertThatThrownBy(denied::build).isInstanceOf(IllegalArgumentException.class);
    assertThat(denied.reasonCode("consent_revoked").build().reasonCode()).contains("consent_revoked");
    assertThatThrownBy(() -> denied.disclosedFields(List.of("subject.name")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCitizenWhoseSubjectRefHoldsAnIdNumberShapedRunOfDigitsIsStillAnActor() {
    String subjectRef = "110105194912310021" + "a".repeat(46);
    AuditEvent event = AuditEvent.builder().time(java.time.Instant.parse("2026-11-22T08:00:00Z")).action(AuditAction.QUERY_ALLOWED)
        .actor("citizen:" + subjectRef).subjectRef(subjectRef).outcome(AuditOutcome.ALLOWED).build();
    assertThat(event.actor()).isEqualTo("citizen:" + subjectRef);
  }

  @Test
  void identitiesAndValuesHaveNoPlaceInAnEntry() {
    assertInvalid(b -> b.actor("citizen:11010519491231002X"));
    assertInvalid(b -> b.actor("regulator:11010519491231002X"));
    assertInvalid(b -> b.actor("citizen:张三"));
    assertInvalid(b -> b.actor("someone:x"));
    assertInvalid(b -> b.subjectRef("11010519491231002X"));
    assertInvalid(b -> b.subjectRef(SUBJECT.toUpperCase()));
    assertInvalid(b -> b.consentId("id-11010519491231002X"));
    assertInvalid(b -> b.purpose("loan for Zhang San"));
    assertInvalid(b -> b.disclosedFields(List.of("subject.name=张三")));
    assertInvalid(b -> b.disclosedFields(List.of("balance 1200")));
    assertInvalid(b -> b.reasonCode("Consent Revoked"));
  }

  @Test
  void timeIsKeptToTheMillisecond() {
    assertThat(allowedQuery().time()).isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z"));
  }

  @Test
  void entriesChainTheirPredecessors() {
    Sha256Hash prev = ChainHash.genesis();
    AuditEntry first = allowedQuery().at(0, prev);
    Sha256Hash firstChain = ChainHash.next(prev, first.leafHash());
    AuditEntry second = allowedQuery().at(1, firstChain);

    assertThat(second.prev()).isEqualTo(firstChain);
    assertThat(firstChain).isEqualTo(
        Sha256Hash.digest(concat(new byte[32], first.leafHash().bytes())));
    assertThat(first.leafHash()).isEqualTo(
        Sha256Hash.digest(concat(new byte[] {0}, first.toCanonicalJson())));
    assertThat(LeafHash.of(first)).isEqualTo(first.leafHash());
  }

  @Test
  void actionsHaveWireNames() {
    assertThat(AuditAction.AUDIT_READ.wireName()).isEqualTo("audit.read");
    assertThat(AuditAction.fromWireName("dispute.resolved")).contains(AuditAction.DISPUTE_RESOLVED);
    assertThat(AuditAction.fromWireName("DISPUTE_RESOLVED")).isEmpty();
    assertThat(AuditAction.fromWireName("consent.paused")).contains(AuditAction.CONSENT_PAUSED);
    assertThat(AuditAction.fromWireName("consent.resumed")).contains(AuditAction.CONSENT_RESUMED);
    assertThat(AuditAction.fromWireName("consent.expired")).contains(AuditAction.CONSENT_EXPIRED);
  }

  private static void assertRefused(String json) {
    assertThatThrownBy(() -> AuditEntry.parse(json.getBytes(UTF_8)))
        .as(json)
        .isInstanceOf(AuditFormatException.class);
  }

  private static void assertInvalid(java.util.function.UnaryOperator<AuditEvent.Builder> change) {
    AuditEvent.Builder builder = AuditEvent.builder()
        .time(Instant.EPOCH).action(AuditAction.CONSENT_REQUESTED)
        .actor("institution:91350100M000100Y43").outcome(AuditOutcome.RECORDED);
    assertThatThrownBy(() -> change.apply(builder).build()).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
