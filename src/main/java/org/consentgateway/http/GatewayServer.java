package org.consentgateway.http;

import static java.util.Objects.requireNonNull;
import static org.consentgateway.http.JsonRoutes.reply;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.consentgateway.db.DatabaseHealth;
import org.consentgateway.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: public routes (health, metrics) plus whatever the capabilities mount, behind
 * one body limit, one read deadline and one failure handler; whatever the codec refuses is a
 * problem too ({@link CodecFailures}). {@link #shutdown()} stops taking requests, lets those
 * in flight finish (up to the grace period), then closes. With a management port configured,
 * {@code /metrics} is served there alone, so production can keep it off the public listener.
 */
public final class GatewayServer {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
  private static final long DRAIN_POLL_MILLIS = 50;
  static final int MAX_HEADER_BYTES = 32 * 1024;
  /** The codec's limit on the request line (Vert.x's default): a longer one is 414 {@code uri_too_long}. */
  static final int MAX_INITIAL_LINE_BYTES = 4096;
  private static final String METRICS_PATH = "/metrics";

  private final Vertx vertx;
  private final HttpConfig config;
  private final InFlightRequests inFlight;
  private final Optional<OutageCutoff> outageCutoff;
  /** The API's servers, one per serving event loop, all on one port. */
  private final Queue<HttpServer> servers = new ConcurrentLinkedQueue<>();
  /** The deployment of those servers; null until they listen. */
  private volatile String deployment;
  private Router router;
  private Optional<HttpServer> management = Optional.empty();
  private Optional<Router> managementRouter = Optional.empty();

  /** A server whose requests that wait on the database are cut at {@link HttpConfig#outageCutoff()} once {@code health} finds it away. */
  public GatewayServer(Vertx vertx, HttpConfig config, DatabaseHealth health) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.inFlight = new InFlightRequests(config.maxInFlight());
    this.outageCutoff = Optional.of(new OutageCutoff(vertx, health, config.outageCutoff()));
  }

  /** A server without a database to watch: a request waits at most until its deadline. */
  public GatewayServer(Vertx vertx, HttpConfig config) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.config = requireNonNull(config, "config is null");
    this.inFlight = new InFlightRequests(config.maxInFlight());
    this.outageCutoff = Optional.empty();
  }

  /**
   * Builds the router and listens. {@code mount} adds the capabilities' routes; they run after
   * the body handler and before the not-found answer.
   */
  public Future<GatewayServer> start(Readiness readiness, PrometheusMeterRegistry metrics, Consumer<Router> mount) {
    ReadDeadlines deadlines = new ReadDeadlines(vertx, config.requestReadTimeoutSeconds());
    Router router = Router.router(vertx);
    router.route().handler(inFlight::handle);
    // No request outlives its deadline: one stuck on a frozen database is answered 503 and its slot freed.
    router.route().handler(TimeoutHandler.create(config.requestTimeout().toMillis(), ErrorCode.UNAVAILABLE.status()));
    // Sooner still when the database is known to be away (frozen: no pool timeout frees such a request).
    outageCutoff.ifPresent(cutoff -> router.route().handler(cutoff::handle));
    router.route().handler(deadlines::handle);
    router.route().handler(RequestFraming::handle);
    // Before the body, whose form decoding would read the query string too.
    router.route().handler(QueryStrings::requireDecodable);
    router.route().handler(new RequestBodies(config.bodyLimitBytes()));
    router.get("/health/live").handler(context -> reply(context, 200, status("UP")));
    router.get("/health/ready").handler(context -> ready(context, readiness));
    if (config.managementPort().isEmpty()) {
      router.get(METRICS_PATH).handler(PrometheusScrapingHandler.create(metrics));
    } else {
      Router metricsOnly = Router.router(vertx);
      metricsOnly.get(METRICS_PATH).handler(PrometheusScrapingHandler.create(metrics));
      answerFailuresAsProblems(metricsOnly);
      this.managementRouter = Optional.of(metricsOnly);
    }
    mount.accept(router);
    this.router = router;
    answerFailuresAsProblems(router);
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
        // Room for a bearer token a little over the largest we accept, so ours is the check that
        // refuses it (401, problem JSON) rather than the codec's 431.
        .setMaxHeaderSize(MAX_HEADER_BYTES)
        // Form fields (the token endpoint's assertion) are bounded by the body limit, not the codec's 8 KiB.
        .setMaxFormAttributeSize(config.bodyLimitBytes())
        // Closes connections nobody uses (half-open ones included); ReadDeadlines bounds slow senders.
        .setIdleTimeout(config.idleTimeoutSeconds())
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        // HTTP/1.1 only on this cleartext port: no h2c upgrade to smuggle requests past a proxy
        // through, and Vert.x then hands each connection over on opening, so ReadDeadlines can
        // bound its first head (with h2c on, it sees a connection only once a head is in).
        .setHttp2ClearTextEnabled(false);
    // The same header room for HTTP/2, should the server ever speak it (TLS with ALPN).
    options.getInitialSettings().setMaxHeaderListSize(MAX_HEADER_BYTES);
    CodecFailures codec = new CodecFailures(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES);
    UnaryOperator<HttpServer> handlers = created -> created
        .connectionHandler(deadlines::opened)
        .invalidRequestHandler(codec::invalidRequest)
        .exceptionHandler(codec::connectionFailed)
        .requestHandler(router);
    // Port 0 asks the system for one; servers share it when asked as a negative port (Vert.x's
    // server sharing: every server given -1 shares one random port).
    HttpServerOptions shared = new HttpServerOptions(options).setPort(config.port() == 0 ? -1 : config.port());
    return listenForManagement()
        .compose(v -> vertx.deployVerticle(() -> new ServingVerticle(shared, handlers, servers::add),
            new DeploymentOptions().setInstances(config.serverInstances())))
        .map(deployed -> {
          this.deployment = deployed;
          LOG.info("listening on {}:{} ({} event loops serving)", config.host(), port(), servers.size());
          return this;
        });
  }

  private static void answerFailuresAsProblems(Router router) {
    router.route().failureHandler(ProblemResponses::handle);
    for (int status : new int[] {400, 404, 413, 415, 417, 500, 503}) {
      router.errorHandler(status, context -> ProblemResponses.handle(context, status));
    }
    AllowedMethods allowed = AllowedMethods.of(router);
    router.errorHandler(405, context -> {
      // RFC 9110 §15.5.6: a 405 names the methods the resource takes.
      context.response().putHeader(HttpHeaders.ALLOW, allowed.allowFor(context.normalizedPath()));
      ProblemResponses.handle(context);
    });
  }

  private Future<Void> listenForManagement() {
    if (managementRouter.isEmpty()) {
      return Future.succeededFuture();
    }
    HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.managementPort().getAsInt());
    return vertx.createHttpServer(options).requestHandler(managementRouter.get()).listen().map(listening -> {
      this.management = Optional.of(listening);
      LOG.info("serving {} on {}:{}", METRICS_PATH, config.host(), listening.actualPort());
      return null;
    });
  }

  /** The management port actually bound; empty when metrics are served on {@link #port()}. */
  public OptionalInt managementPort() {
    return management.map(listening -> OptionalInt.of(listening.actualPort())).orElse(OptionalInt.empty());
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  public int port() {
    HttpServer first = servers.peek();
    if (first == null) {
      throw new IllegalStateException("the server has not been started");
    }
    return first.actualPort();
  }

  /**
   * Every (method, path) the router has a route for, paths in its {@code :param} form, in mounting
   * order. Handlers for every path (the guard, the body handler) have no path and are left out; a
   * route on a path for any method is listed once per method, so the route-coverage test, which
   * compares these with AccessRules and the OpenAPI document, sees everything it answers.
   */
  public List<AccessRules.Endpoint> mountedRoutes() {
    if (router == null) {
      throw new IllegalStateException("the server has not been started");
    }
    return Stream.concat(router.getRoutes().stream(), managementRouter.stream().flatMap(metricsOnly -> metricsOnly.getRoutes().stream()))
        .filter(route -> route.getPath() != null)
        .flatMap(route -> methodsOf(route).stream().map(method -> new AccessRules.Endpoint(method, route.getPath())))
        .toList();
  }

  private static Collection<HttpMethod> methodsOf(Route route) {
    Set<HttpMethod> methods = route.methods();
    return methods == null || methods.isEmpty() ? HttpMethod.values() : methods;
  }

  /** Stops taking requests, waits for those in flight (at most the grace period), closes the server. */
  public Future<Void> shutdown() {
    inFlight.drain();
    long deadline = System.nanoTime() + config.shutdownGraceSeconds() * 1_000_000_000L;
    Promise<Void> drained = Promise.promise();
    waitForDrain(deadline, drained);
    return drained.future()
        .compose(v -> management.map(HttpServer::close).orElse(Future.succeededFuture()))
        .compose(v -> deployment == null ? Future.succeededFuture() : vertx.undeploy(deployment));
  }

  private void waitForDrain(long deadline, Promise<Void> drained) {
    if (inFlight.count() == 0 || System.nanoTime() >= deadline) {
      if (inFlight.count() > 0) {
        LOG.warn("closing with {} requests still in flight after the grace period", inFlight.count());
      }
      drained.complete();
      return;
    }
    vertx.setTimer(DRAIN_POLL_MILLIS, id -> waitForDrain(deadline, drained));
  }

  private static void ready(RoutingContext context, Readiness readiness) {
    readiness.evaluate().onComplete(result -> {
      ObjectNode checks = result.succeeded() ? result.result() : JsonNodeFactory.instance.objectNode();
      boolean up = result.succeeded() && checks.properties().stream().allMatch(check -> "UP".equals(check.getValue().textValue()));
      ObjectNode body = status(up ? "UP" : "DOWN");
      body.set("checks", checks);
      reply(context, up ? 200 : 503, body);
    });
  }

  private static ObjectNode status(String status) {
    return JsonNodeFactory.instance.objectNode().put("status", status);
  }
}
