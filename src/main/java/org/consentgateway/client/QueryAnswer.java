package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A query's answer whose signature verified (docs/api.md "A report"): the exact body bytes as
 * received (keep them with the headers to prove later what the gateway answered), the report as
 * JSON, and what the signature proves. Its {@link #toString()} shows no personal data.
 */
public final class QueryAnswer {

  private final byte[] body;
  private final Map<String, Object> report;
  private final AnswerSignature signature;

  QueryAnswer(byte[] body, Map<String, Object> report, AnswerSignature signature) {
    this.body = body.clone();
    this.report = Map.copyOf(report);
    this.signature = requireNonNull(signature, "signature is null");
  }

  public String queryId() {
    return Json.string(report, "queryId", "the answer");
  }

  /** The index of the query's audit entry, which binds this answer ({@link AnswerSignature#signatureBaseHash()}). */
  public long auditIndex() {
    return Json.number(report, "auditIndex", "the answer");
  }

  /** The body bytes exactly as received. */
  public byte[] body() {
    return body.clone();
  }

  /** The report: {@code queryId}, {@code auditIndex}, {@code purpose}, {@code grade}, {@code subject}, {@code summary}, ... */
  public Map<String, Object> report() {
    return report;
  }

  public AnswerSignature signature() {
    return signature;
  }

  @Override
  public String toString() {
    return "QueryAnswer[auditIndex=" + report.get("auditIndex") + ", keyId=" + signature.keyId() + "]";
  }
}
