package org.consentgateway.web;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;
import org.consentgateway.value.SubjectRef;

/**
 * A session as one request sees it: anonymous (the sign-in page's, for its CSRF token and the
 * sign-in under way) or a signed-in citizen's.
 *
 * @param token the cookie's value; only its hash is stored
 * @param subject the citizen's pseudonym once signed in
 * @param csrfToken what every form of this session must send back as {@value Page#CSRF_FIELD}
 */
record CitizenSession(String token, Optional<SubjectRef> subject, String csrfToken) implements ServerSession {

  CitizenSession {
    requireNonNull(token, "token is null");
    requireNonNull(subject, "subject is null");
    requireNonNull(csrfToken, "csrfToken is null");
  }

  Optional<Principal> citizen() {
    return subject.map(ref -> new Principal(Role.CITIZEN, ref.value()));
  }

  /** Neither secret prints. */
  @Override
  public String toString() {
    return "CitizenSession[" + (subject.isPresent() ? "signed in" : "anonymous") + "]";
  }
}
