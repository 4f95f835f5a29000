package org.consentgateway.audit;

import static org.consentgateway.audit.EntryRules.requireValue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a request records: everything an audit entry holds except its position in the log (index
 * and previous chain hash), which the appender assigns with {@link #at}. Never a raw ID number,
 * name or disclosed value: the subject is its {@code subjectRef}, a disclosure is field names plus
 * the SHA-256 of the response body. Build one with {@link #builder}.
 *
 * @param time when it happened, kept to the millisecond (sub-millisecond parts are dropped)
 * @param actor {@code institution:<USCC>}, {@code citizen:<subjectRef>}, {@code regulator:<id>},
 *     {@code operator:<id>} or {@code system:<id>}
 * @param subjectRef the data subject's pseudonym, 64 lower-case hex digits
 * @param purpose a purpose code such as {@code LOAN_APPROVAL}
 * @param grade a grade code such as {@code SUMMARY}
 * @param reasonCode the snake_case error code of a denial (docs/api.md); required when {@code DENIED}
 * @param disclosedFields paths of the fields disclosed, in the order given; empty when denied
 * @param responseHash SHA-256 of the response body that was disclosed
 * @param policyHash SHA-256 of the policy bundle that decided
 * @param institution the USCC of the institution the entry concerns when its actor is someone else
 *     (a complaint's entries: the institution complained about); absent from every other entry
 */
public record AuditEvent(
    Instant time,
    AuditAction action,
    String actor,
    Optional<String> subjectRef,
    Optional<String> purpose,
    Optional<String> grade,
    Optional<String> consentId,
    AuditOutcome outcome,
    Optional<String> reasonCode,
    List<String> disclosedFields,
    Optional<Sha256Hash> responseHash,
    Optional<Sha256Hash> policyHash,
    Optional<String> institution) {

  public AuditEvent {
    time = EntryRules.time(time);
    requireValue(action, "action");
    EntryRules.actor(actor);
    requireValue(subjectRef, "subjectRef").ifPresent(ref -> EntryRules.matching(ref, EntryRules.SUBJECT_REF, "subjectRef"));
    requireValue(purpose, "purpose").ifPresent(code -> EntryRules.matching(code, EntryRules.CODE, "purpose"));
    requireValue(grade, "grade").ifPresent(code -> EntryRules.matching(code, EntryRules.CODE, "grade"));
    requireValue(consentId, "consentId").ifPresent(id -> EntryRules.identifier(id, "consentId"));
    requireValue(outcome, "outcome");
    requireValue(reasonCode, "reasonCode").ifPresent(code -> EntryRules.matching(code, EntryRules.REASON_CODE, "reasonCode"));
    disclosedFields = List.copyOf(requireValue(disclosedFields, "disclosedFields"));
    for (String field : disclosedFields) {
      if (!EntryRules.FIELD_PATH.matcher(field).matches()) {
        throw new IllegalArgumentException("disclosed fields are field paths such as accounts[].balance");
      }
    }
    requireValue(responseHash, "responseHash");
    requireValue(policyHash, "policyHash");
    requireValue(institution, "institution").ifPresent(uscc -> EntryRules.matching(uscc, EntryRules.USCC, "institution"));
    if (outcome == AuditOutcome.DENIED && (reasonCode.isEmpty() || !disclosedFields.isEmpty())) {
      throw new IllegalArgumentException("a denial carries its reason code and discloses no field");
    }
  }

  /** This event as entry {@code index} of the log, after the entry whose chain hash is {@code prev}. */
  public AuditEntry at(long index, Sha256Hash prev) {
    return new AuditEntry(AuditEntry.CURRENT_VERSION, index, this, prev);
  }

  /** As {@link #at(long, Sha256Hash)}, binding the signed answer whose base hashes to {@code signatureBaseHash}. */
  public AuditEntry at(long index, Sha256Hash prev, Sha256Hash signatureBaseHash) {
    return new AuditEntry(AuditEntry.CURRENT_VERSION, index, this, prev, Optional.of(signatureBaseHash));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A read of the log, or of what is computed from it, by {@code actor}: what was disclosed, and the
   * SHA-256 of exactly the bytes sent. Every such read (API, console, case file) is recorded so.
   */
  public static AuditEvent read(Instant time, String actor, String disclosed, Sha256Hash responseHash) {
    return builder().time(time).action(AuditAction.AUDIT_READ).actor(actor).outcome(AuditOutcome.RECORDED)
        .disclosedFields(List.of(disclosed)).responseHash(responseHash).build();
  }

  /** Collects an event; {@code time}, {@code action}, {@code actor} and {@code outcome} are required. */
  public static final class Builder {
    private Instant time;
    private AuditAction action;
    private String actor;
    private Optional<String> subjectRef = Optional.empty();
    private Optional<String> purpose = Optional.empty();
    private Optional<String> grade = Optional.empty();
    private Optional<String> consentId = Optional.empty();
    private AuditOutcome outcome;
    private Optional<String> reasonCode = Optional.empty();
    private List<String> disclosedFields = List.of();
    private Optional<Sha256Hash> responseHash = Optional.empty();
    private Optional<Sha256Hash> policyHash = Optional.empty();
    private Optional<String> institution = Optional.empty();

    private Builder() {}

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder action(AuditAction action) {
      this.action = action;
      return this;
    }

    public Builder actor(String actor) {
      this.actor = actor;
      return this;
    }

    public Builder subjectRef(String subjectRef) {
      this.subjectRef = Optional.of(subjectRef);
      return this;
    }

    public Builder purpose(String purpose) {
      this.purpose = Optional.of(purpose);
      return this;
    }

    public Builder grade(String grade) {
      this.grade = Optional.of(grade);
      return this;
    }

    public Builder consentId(String consentId) {
      this.consentId = Optional.of(consentId);
      return this;
    }

    public Builder outcome(AuditOutcome outcome) {
      this.outcome = outcome;
      return this;
    }

    public Builder reasonCode(String reasonCode) {
      this.reasonCode = Optional.of(reasonCode);
      return this;
    }

    public Builder disclosedFields(List<String> disclosedFields) {
      this.disclosedFields = List.copyOf(disclosedFields);
      return this;
    }

    public Builder responseHash(Sha256Hash responseHash) {
      this.responseHash = Optional.of(responseHash);
      return this;
    }

    public Builder policyHash(Sha256Hash policyHash) {
      this.policyHash = Optional.of(policyHash);
      return this;
    }

    public Builder institution(String institution) {
      this.institution = Optional.of(institution);
      return this;
    }

    /** The event; throws {@link IllegalArgumentException} or {@link NullPointerException} when a rule is broken. */
    public AuditEvent build() {
      return new AuditEvent(
          time, action, actor, subjectRef, purpose, grade, consentId, outcome, reasonCode,
          disclosedFields, responseHash, policyHash, institution);
    }
  }
}
