package org.consentgateway.client;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an institution asks a citizen for ({@code POST /v1/consent-requests}, docs/consents.md).
 * Build one with {@link #builder}. The ID number goes to the gateway only, never into
 * {@link #toString()}.
 */
public final class ConsentRequest {

  private final String subjectIdNumber;
  private final String purpose;
  private final String grade;
  private final int validDays;
  private final int maxUses;
  private final Optional<Integer> dataWindowMonths;
  private final Optional<String> redirectUri;
  private final Optional<String> state;

  private ConsentRequest(Builder builder) {
    this.subjectIdNumber = requireNonNull(builder.subjectIdNumber, "subjectIdNumber is null");
    this.purpose = requireNonNull(builder.purpose, "purpose is null");
    this.grade = requireNonNull(builder.grade, "grade is null");
    this.validDays = builder.validDays;
    this.maxUses = builder.maxUses;
    this.dataWindowMonths = Optional.ofNullable(builder.dataWindowMonths);
    this.redirectUri = Optional.ofNullable(builder.redirectUri);
    this.state = Optional.ofNullable(builder.state);
    if (state.isPresent() && redirectUri.isEmpty()) {
      throw new IllegalArgumentException("a state goes with a redirect URI");
    }
  }

  public static Builder builder(String subjectIdNumber, String purpose, String grade) {
    return new Builder(subjectIdNumber, purpose, grade);
  }

  String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("subjectIdNumber", subjectIdNumber);
    json.put("purpose", purpose);
    json.put("grade", grade);
    json.put("validDays", validDays);
    json.put("maxUses", maxUses);
    dataWindowMonths.ifPresent(months -> json.put("dataWindowMonths", months));
    redirectUri.ifPresent(uri -> json.put("redirectUri", uri));
    state.ifPresent(value -> json.put("state", value));
    return Json.encode(json);
  }

  @Override
  public String toString() {
    return "ConsentRequest[purpose=" + purpose + ", grade=" + grade + ", validDays=" + validDays + ", maxUses=" + maxUses + "]";
  }

  /** Collects a request's terms; validity and uses default to 30 days and one use. */
  public static final class Builder {
    private final String subjectIdNumber;
    private final String purpose;
    private final String grade;
    private int validDays = 30;
    private int maxUses = 1;
    private Integer dataWindowMonths;
    private String redirectUri;
    private String state;

    private Builder(String subjectIdNumber, String purpose, String grade) {
      this.subjectIdNumber = subjectIdNumber;
      this.purpose = purpose;
      this.grade = grade;
    }

    public Builder validDays(int days) {
      this.validDays = days;
      return this;
    }

    public Builder maxUses(int uses) {
      this.maxUses = uses;
      return this;
    }

    public Builder dataWindowMonths(int months) {
      this.dataWindowMonths = months;
      return this;
    }

    /** Sends the citizen's browser back to {@code uri}, one of the institution's registered redirect URIs, with {@code state}. */
    public Builder redirect(String uri, String state) {
      this.redirectUri = requireNonNull(uri, "uri is null");
      this.state = requireNonNull(state, "state is null");
      return this;
    }

    /** Sends the citizen's browser back to {@code uri}, without a state. */
    public Builder redirect(String uri) {
      this.redirectUri = requireNonNull(uri, "uri is null");
      return this;
    }

    public ConsentRequest build() {
      return new ConsentRequest(this);
    }
  }
}
