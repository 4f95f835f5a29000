/**
 * The HTTP surface: the Vert.x router, the access rules that guard every route before any handler
 * ({@link org.consentgateway.http.AccessRules}, deny by default), RFC 9457 problem responses (whose
 * details never repeat what the client sent), health and metrics (labels from fixed sets only, see
 * {@link org.consentgateway.http.MetricLabels}; on a management port of their own when configured),
 * the HTTP contract itself ({@code GET /openapi.yaml}, the bytes of {@code docs/openapi.yaml}),
 * and one route class per capability, each translating HTTP to a service call and back.
 * Every body is read and every answer written through {@link org.consentgateway.http.JsonRoutes},
 * as Jackson trees (or, for a download such as a case file, as the file's bytes). Every request is bounded: in number ({@code http.max-in-flight}) and in time
 * ({@code http.request-timeout-millis}, and {@code http.outage-cutoff-millis} once the database is
 * found away), all answered 503. Below the routes, the same problems
 * answer what the HTTP codec refuses, framing the gateway will not guess at, bodies of another
 * media type, and clients too slow to finish a request (the idle timeout and the read deadline).
 * Handlers run on the event loop and never block.
 */
package org.consentgateway.http;
