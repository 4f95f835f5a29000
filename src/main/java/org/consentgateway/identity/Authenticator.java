package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.text.ParseException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import org.consentgateway.http.ErrorCode;
import org.consentgateway.http.ProblemException;

/**
 * Guards routes: reads the bearer token, verifies it (a gateway access token, or a citizen token
 * from the identity provider, told apart by {@code iss}), applies the caller's rate limit and
 * admits only the route's roles. No, bad or expired token: 401 {@code unauthenticated}; valid
 * token of another role: 403 {@code forbidden}. The principal is put on the routing context.
 */
public final class Authenticator {

  private static final String BEARER = "bearer ";

  private final AccessTokens accessTokens;
  private final CitizenTokens citizenTokens;
  private final String gatewayIssuer;
  private final RateLimiter rateLimiter;
  private final VerifiedTokens verified;
  private final int maxTokenBytes;

  public Authenticator(AccessTokens accessTokens, CitizenTokens citizenTokens, String gatewayIssuer, RateLimiter rateLimiter,
      IdentityConfig config, Clock clock) {
    this.accessTokens = requireNonNull(accessTokens, "accessTokens is null");
    this.citizenTokens = requireNonNull(citizenTokens, "citizenTokens is null");
    this.gatewayIssuer = requireNonNull(gatewayIssuer, "gatewayIssuer is null");
    this.rateLimiter = requireNonNull(rateLimiter, "rateLimiter is null");
    this.verified = new VerifiedTokens(clock, config.verifiedTokenCacheSize());
    this.maxTokenBytes = config.maxTokenBytes();
  }

  /** A handler that admits callers of the given roles and refuses everyone else. */
  public Handler<RoutingContext> require(Role first, Role... more) {
    Set<Role> roles = EnumSet.of(first, more);
    return context -> {
      Principal principal = authenticate(context.request().getHeader("Authorization"));
      OptionalLong retryAfter = rateLimiter.acquire(principal.actor());
      if (retryAfter.isPresent()) {
        context.response().putHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
        throw new ProblemException(ErrorCode.RATE_LIMITED, "Too many requests; retry after " + retryAfter.getAsLong() + " s.");
      }
      if (!roles.contains(principal.role())) {
        throw new ProblemException(ErrorCode.FORBIDDEN, "This route is not open to the " + principal.role().wireName() + " role.");
      }
      context.put(Principal.CONTEXT_KEY, principal);
      context.next();
    };
  }

  /** The principal a request's Authorization header proves; 401 when it proves none. */
  public Principal authenticate(String authorization) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw unauthenticated("A bearer token is required.");
    }
    String token = authorization.substring(BEARER.length()).trim();
    if (token.length() > maxTokenBytes) {
      throw unauthenticated("The bearer token is larger than " + maxTokenBytes + " bytes.");
    }
    Authentication authentication = verified.find(token).orElseGet(() -> {
      Authentication fresh = verify(token);
      verified.remember(token, fresh);
      return fresh;
    });
    return authentication.principal().orElseThrow(() -> unauthenticated("The bearer token was refused: " + authentication.problem() + "."));
  }

  private Authentication verify(String token) {
    SignedJWT jwt;
    String issuer;
    try {
      jwt = SignedJWT.parse(token);
      issuer = jwt.getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      return Authentication.refused("it is not a signed JWT");
    }
    if (gatewayIssuer.equals(issuer)) {
      return accessTokens.verify(token);
    }
    if (citizenTokens.issuer().equals(issuer)) {
      return citizenTokens.verify(jwt);
    }
    return Authentication.refused("its issuer is not trusted");
  }

  private static ProblemException unauthenticated(String detail) {
    return new ProblemException(ErrorCode.UNAUTHENTICATED, detail);
  }
}
