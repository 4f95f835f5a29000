package org.consentgateway.console;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.consentgateway.value.Principal;
import org.consentgateway.web.ServerSession;

/**
 * A console session as one request sees it: anonymous (the sign-in page's, for its CSRF token and
 * its challenge) or a signed-in regulator's or operator's.
 *
 * @param token the cookie's value; only its hash is stored
 * @param member the regulator or operator once signed in
 * @param csrfToken what every form of this session must send back
 */
record ConsoleSession(String token, Optional<Principal> member, String csrfToken) implements ServerSession {

  ConsoleSession {
    requireNonNull(token, "token is null");
    requireNonNull(member, "member is null");
    requireNonNull(csrfToken, "csrfToken is null");
  }

  /** Neither secret prints. */
  @Override
  public String toString() {
    return "ConsoleSession[" + member.map(Principal::actor).orElse("anonymous") + "]";
  }
}
