package org.consentgateway.identity;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * Authentication settings.
 *
 * @param accessTokenTtl lifetime of the access tokens the token endpoint issues
 * @param clockSkew tolerance for other parties' clocks (at most 30 s)
 * @param maxAssertionLifetime how far ahead a client assertion's {@code exp} may lie (RFC 7523)
 * @param maxTokenBytes larger bearer tokens and assertions are refused unread
 * @param ratePerSecond requests per second each caller may make, on average
 * @param rateBurst requests a caller may make at once
 * @param verifiedTokenCacheSize access tokens whose verification is remembered (bounded)
 * @param identityProviderIssuer {@code iss} of citizen tokens
 * @param identityProviderAudience {@code aud} citizen tokens must carry
 * @param identityProviderKeys the identity provider's keys: a JWKS or PEM file, or an https URL of a JWKS
 */
public record IdentityConfig(
    Duration accessTokenTtl,
    Duration clockSkew,
    Duration maxAssertionLifetime,
    int maxTokenBytes,
    int ratePerSecond,
    int rateBurst,
    int verifiedTokenCacheSize,
    String identityProviderIssuer,
    String identityProviderAudience,
    String identityProviderKeys) {

  public static final int DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 300;
  public static final int DEFAULT_CLOCK_SKEW_SECONDS = 30;
  public static final Duration MAX_ASSERTION_LIFETIME = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_TOKEN_BYTES = 8 * 1024;
  public static final int DEFAULT_RATE_PER_SECOND = 50;
  public static final int DEFAULT_RATE_BURST = 100;
  public static final int DEFAULT_VERIFIED_TOKEN_CACHE_SIZE = 10_000;
  public static final String DEFAULT_IDP_ISSUER = "https://idp.demo.consent-gateway.local";
  public static final String DEFAULT_IDP_AUDIENCE = "consent-gateway";
  /** The default identity provider key: the public key file of the configured key folder. */
  public static final String DEFAULT_IDP_KEY_FILE = "identity-provider.pub.pem";

  public IdentityConfig {
    requireNonNull(accessTokenTtl, "accessTokenTtl is null");
    requireNonNull(clockSkew, "clockSkew is null");
    requireNonNull(maxAssertionLifetime, "maxAssertionLifetime is null");
    requireNonNull(identityProviderIssuer, "identityProviderIssuer is null");
    requireNonNull(identityProviderAudience, "identityProviderAudience is null");
    requireNonNull(identityProviderKeys, "identityProviderKeys is null");
  }

  public static IdentityConfig from(Settings settings, Path keysDir) {
    return new IdentityConfig(
        Duration.ofSeconds(settings.integer(ConfigKeys.AUTH_ACCESS_TOKEN_TTL_SECONDS, DEFAULT_ACCESS_TOKEN_TTL_SECONDS, 30, 3600)),
        Duration.ofSeconds(settings.integer(ConfigKeys.AUTH_CLOCK_SKEW_SECONDS, DEFAULT_CLOCK_SKEW_SECONDS, 0, 30)),
        MAX_ASSERTION_LIFETIME,
        settings.integer(ConfigKeys.AUTH_MAX_TOKEN_BYTES, DEFAULT_MAX_TOKEN_BYTES, 1024, 8 * 1024),
        settings.integer(ConfigKeys.AUTH_RATE_PER_SECOND, DEFAULT_RATE_PER_SECOND, 1, 1_000_000),
        settings.integer(ConfigKeys.AUTH_RATE_BURST, DEFAULT_RATE_BURST, 1, 1_000_000),
        settings.integer(ConfigKeys.AUTH_VERIFIED_TOKEN_CACHE_SIZE, DEFAULT_VERIFIED_TOKEN_CACHE_SIZE, 0, 1_000_000),
        settings.text(ConfigKeys.IDP_ISSUER, DEFAULT_IDP_ISSUER),
        settings.text(ConfigKeys.IDP_AUDIENCE, DEFAULT_IDP_AUDIENCE),
        settings.text(ConfigKeys.IDP_KEYS, keysDir.resolve(DEFAULT_IDP_KEY_FILE).toString()));
  }
}
