package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
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
 * @param requestTimeout the longest a request may take; past it the answer is 503 {@code unavailable}
 * @param maxInFlight requests served at once; one more is answered 503 at once, never queued
 * @param readinessTimeout how long {@code /health/ready} waits for each check before calling it down
 * @param idleTimeoutSeconds a connection on which nothing is read or written this long is closed
 * @param requestReadTimeoutSeconds how long a client may take to send a request's head (from the
 *     connection's opening or the previous answer) and then its body; a body still arriving gets
 *     408 {@code request_timeout}, a head still arriving has its connection closed
 * @param outageCutoff how long a request may wait while the database is away (its probe unanswered)
 *     before it is answered 503 {@code unavailable}, well before {@code requestTimeout}
 * @param serverInstances HTTP servers on {@code port}, each on an event loop of its own (Vert.x
 *     spreads connections among them): by default one per event loop, so every core serves
 * @param managementPort where {@code /metrics} is served instead of {@code port}, on the same
 *     host; empty (the default) serves it on {@code port} with the API
 */
public record HttpConfig(String host, int port, int bodyLimitBytes, int shutdownGraceSeconds, String issuer,
    Duration requestTimeout, int maxInFlight, Duration readinessTimeout, int idleTimeoutSeconds, int requestReadTimeoutSeconds,
    Duration outageCutoff, int serverInstances, OptionalInt managementPort) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
  public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 20;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
  /** Under a second in all, as an orchestrator's probe expects an answer. */
  public static final Duration DEFAULT_READINESS_TIMEOUT = Duration.ofMillis(800);
  public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
  public static final int DEFAULT_REQUEST_READ_TIMEOUT_SECONDS = 15;
  /** With the database found away within 1.2 s of freezing, every request is answered within about 2 s. */
  public static final Duration DEFAULT_OUTAGE_CUTOFF = Duration.ofSeconds(1);
  /** As many as Vert.x has event loops by default: two per core. */
  public static final int DEFAULT_SERVER_INSTANCES = 2 * Runtime.getRuntime().availableProcessors();

  public HttpConfig {
    requireNonNull(host, "host is null");
    requireNonNull(issuer, "issuer is null");
    requireNonNull(requestTimeout, "requestTimeout is null");
    requireNonNull(readinessTimeout, "readinessTimeout is null");
    requireNonNull(outageCutoff, "outageCutoff is null");
    requireNonNull(managementPort, "managementPort is null");
    if (serverInstances < 1) {
      throw new IllegalArgumentException("serverInstances must be at least 1, was " + serverInstances);
    }
    if (idleTimeoutSeconds < 1 || requestReadTimeoutSeconds < 1) {
      throw new IllegalArgumentException("HTTP timeouts must be at least one second");
    }
  }

  /** A server with the default request timeout, in-flight bound, readiness timeout, connection timeouts and outage cutoff; metrics on the API's port. */
  public HttpConfig(String host, int port, int bodyLimitBytes, int shutdownGraceSeconds, String issuer) {
    this(host, port, bodyLimitBytes, shutdownGraceSeconds, issuer, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_IN_FLIGHT,
        DEFAULT_READINESS_TIMEOUT, DEFAULT_IDLE_TIMEOUT_SECONDS, DEFAULT_REQUEST_READ_TIMEOUT_SECONDS, DEFAULT_OUTAGE_CUTOFF,
        DEFAULT_SERVER_INSTANCES, OptionalInt.empty());
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
        Duration.ofMillis(settings.integer(ConfigKeys.HTTP_REQUEST_TIMEOUT_MILLIS, (int) DEFAULT_REQUEST_TIMEOUT.toMillis(), 100,
            3_600_000)),
        settings.integer(ConfigKeys.HTTP_MAX_IN_FLIGHT, DEFAULT_MAX_IN_FLIGHT, 1, 1_000_000),
        Duration.ofMillis(settings.integer(ConfigKeys.HTTP_READINESS_TIMEOUT_MILLIS, (int) DEFAULT_READINESS_TIMEOUT.toMillis(), 10,
            60_000)),
        settings.integer(ConfigKeys.HTTP_IDLE_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT_SECONDS, 1, 3600),
        settings.integer(ConfigKeys.HTTP_REQUEST_READ_TIMEOUT_SECONDS, DEFAULT_REQUEST_READ_TIMEOUT_SECONDS, 1, 600),
        Duration.ofMillis(settings.integer(ConfigKeys.HTTP_OUTAGE_CUTOFF_MILLIS, (int) DEFAULT_OUTAGE_CUTOFF.toMillis(), 100,
            3_600_000)),
        settings.integer(ConfigKeys.HTTP_SERVER_INSTANCES, DEFAULT_SERVER_INSTANCES, 1, 1024),
        settings.text(ConfigKeys.HTTP_MANAGEMENT_PORT).isPresent()
            ? OptionalInt.of(settings.integer(ConfigKeys.HTTP_MANAGEMENT_PORT, 0, 0, 65535))
            : OptionalInt.empty());
  }
}
