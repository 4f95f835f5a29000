package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import io.vertx.ext.web.Router;
import java.util.List;

/**
 * Who may call what, in one place (API.md): every API path below is guarded before any handler
 * runs, so a handler added later cannot forget its check. Paths not listed here are public:
 * health, metrics, the JWKS, the token endpoint and the audit checkpoint.
 */
public final class AccessRules {

  /** A path pattern (regular expression over the whole path) and the one role it admits. */
  public record Rule(String pathPattern, Role role) {
    public Rule {
      requireNonNull(pathPattern, "pathPattern is null");
      requireNonNull(role, "role is null");
    }
  }

  public static final List<Rule> RULES = List.of(
      new Rule("/v1/me(/.*)?", Role.CITIZEN),
      new Rule("/v1/consent-requests(/.*)?", Role.INSTITUTION),
      new Rule("/v1/queries(/.*)?", Role.INSTITUTION),
      new Rule("/v1/audit/(entries|checkpoints|proofs)(/.*)?", Role.REGULATOR),
      new Rule("/v1/disputes(/.*)?", Role.OPERATOR),
      new Rule("/v1/records(/.*)?", Role.OPERATOR));

  private AccessRules() {}

  /** Mounts the guards; call before mounting any handler of these paths. */
  public static void mount(Router router, Authenticator authenticator) {
    for (Rule rule : RULES) {
      router.routeWithRegex(rule.pathPattern()).handler(authenticator.require(rule.role()));
    }
  }
}
