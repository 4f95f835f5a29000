package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.util.OptionalLong;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;

/**
 * Tells who a caller is from their bearer token: a gateway access token, or a citizen token from
 * the identity provider, told apart by {@code iss}. No, bad or expired token: 401
 * {@code unauthenticated}. Also keeps each caller's rate budget.
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

  /**
   * Takes one request from the caller's rate budget: empty when the request may go on, else the
   * seconds to wait before the next one.
   */
  public OptionalLong throttle(Principal principal) {
    return rateLimiter.acquire(principal.actor());
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
