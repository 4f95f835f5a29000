package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;
import org.consentgateway.config.ConfigKeys;
import org.consentgateway.config.Settings;

/**
 * How the HTTP server listens.
 *
 * @param host address to bind
 * @param port TCP port
 * @param bodyLimitBytes largest request body accepted; larger ones get 413 {@code payload_too_large}
 * @param shutdownGraceSeconds how long SIGTERM waits for in-flight requests before closing
 * @param issuer the gateway's issuer URL (token {@code iss}, expected assertion {@code aud})
 * @param managementPort where {@code /metrics} is served instead of {@code port}, on the same
 *     host; empty (the default) serves it on {@code port} with the API
 */
public record HttpConfig(String host, int port, int bodyLimitBytes, int shutdownGraceSeconds, String issuer,
    OptionalInt managementPort) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
  public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 20;

  public HttpConfig {
    requireNonNull(host, "host is null");
    requireNonNull(issuer, "issuer is null");
    requireNonNull(managementPort, "managementPort is null");
  }

  /** Metrics on the API's port. */
  public HttpConfig(String host, int port, int bodyLimitBytes, int shutdownGraceSeconds, String issuer) {
    this(host, port, bodyLimitBytes, shutdownGraceSeconds, issuer, OptionalInt.empty());
  }

  public static HttpConfig from(Settings settings) {
    // Port 0 lets the system choose one (tests).
    int port = settings.integer(ConfigKeys.HTTP_PORT, DEFAULT_PORT, 0, 65535);
    return new HttpConfig(
        settings.text(ConfigKeys.HTTP_HOST, DEFAULT_HOST),
        port,
        settings.integer(ConfigKeys.HTTP_BODY_LIMIT, DEFAULT_BODY_LIMIT_BYTES, 1024, 64 * 1024 * 1024),
        settings.integer(ConfigKeys.HTTP_SHUTDOWN_GRACE_SECONDS, DEFAULT_SHUTDOWN_GRACE_SECONDS, 0, 600),
        settings.text(ConfigKeys.ISSUER, "http://localhost:" + port),
        settings.text(ConfigKeys.HTTP_MANAGEMENT_PORT).isPresent()
            ? OptionalInt.of(settings.integer(ConfigKeys.HTTP_MANAGEMENT_PORT, 0, 0, 65535))
            : OptionalInt.empty());
  }
}
