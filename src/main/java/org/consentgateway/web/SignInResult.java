package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import org.consentgateway.value.SubjectRef;

/** What the identity provider's answer to a sign-in comes to: a citizen, or a refusal. */
sealed interface SignInResult {

  /** The provider vouched for a citizen with a valid resident ID number; this is its pseudonym. */
  record SignedIn(SubjectRef subject) implements SignInResult {
    public SignedIn {
      requireNonNull(subject, "subject is null");
    }
  }

  record Refused(SignInRefusal reason) implements SignInResult {
    public Refused {
      requireNonNull(reason, "reason is null");
    }
  }
}
