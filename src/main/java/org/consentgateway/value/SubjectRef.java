package org.consentgateway.value;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The pseudonym of a data subject: HMAC-SHA-256 of the resident ID number under the gateway's
 * secret pseudonym key, as 64 lower-case hex characters. It links a subject's records, consents
 * and audit entries without revealing who the subject is to anyone who lacks the key.
 */
public record SubjectRef(String value) {

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{64}");

  public SubjectRef {
    requireNonNull(value, "value is null");
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("subjectRef must be 64 lower-case hex characters");
    }
  }

  /** Parses the text form; throws {@link IllegalArgumentException} if it is not 64 lower-case hex characters. */
  public static SubjectRef parse(String text) {
    return new SubjectRef(text);
  }

  @Override
  public String toString() {
    return value;
  }
}
