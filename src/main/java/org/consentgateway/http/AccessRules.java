package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.identity.Authenticator;
import org.consentgateway.value.Principal;
import org.consentgateway.value.Role;

/**
 * Who may call what, in one place: every route the gateway serves is in {@link #PUBLIC}, in
 * {@link #GUARDED} with the roles it admits, in {@link #APP}, the citizen app's pages and files,
 * which the app guards with its own session, in {@link #CONSOLE}, the regulator console's, guarded
 * by its own session, or in {@link #DEMO_IDENTITY_PROVIDER}. The guard runs
 * before any handler and denies by default: a path no rule names answers 404 for everyone, even if
 * a handler was mounted for it, so a route added later without its rule is unreachable rather than
 * open. The route-coverage test walks the router and fails on any route in no list.
 */
public final class AccessRules {

  /** A route as it is mounted: a method and a path template ({@code /v1/me/consents/:id/revoke}). */
  public record Endpoint(HttpMethod method, String path) {
    public Endpoint {
      requireNonNull(method, "method is null");
      requireNonNull(path, "path is null");
    }

    Pattern pattern() {
      // A path parameter is one non-empty segment, as the router matches it.
      return Pattern.compile(Stream.of(path.split("/", -1))
          .map(segment -> segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment))
          .collect(Collectors.joining("/")));
    }
  }

  /** A guarded route and the roles it admits; every other role is refused with 403. */
  public record Rule(Endpoint endpoint, Set<Role> roles) {
    public Rule {
      requireNonNull(endpoint, "endpoint is null");
      roles = Set.copyOf(roles);
      if (roles.isEmpty()) {
        throw new IllegalArgumentException("a guarded route admits at least one role: " + endpoint);
      }
    }
  }

  /** The routes anyone may call: health, metrics, keys to verify the gateway, the token endpoint and its metadata, the checkpoint, the contract. */
  public static final List<Endpoint> PUBLIC = List.of(
      get("/health/live"),
      get("/health/ready"),
      get("/metrics"),
      get(IdentityRoutes.JWKS_PATH),
      get(ServerMetadata.PATH),
      new Endpoint(HttpMethod.POST, TokenEndpoint.PATH),
      get(AuditRoutes.CHECKPOINT_PATH),
      get(AuditRoutes.VERIFIER_KEY_PATH),
      get(OpenApiRoutes.PATH),
      // The log's hash tiles (C2SP tlog-tiles): hashes only, so anyone may mirror and check the tree.
      get(AuditRoutes.HASH_TILE_PATHS.get(0)),
      get(AuditRoutes.HASH_TILE_PATHS.get(1)),
      get(AuditRoutes.HASH_TILE_PATHS.get(2)),
      get(AuditRoutes.HASH_TILE_PATHS.get(3)));

  /**
   * The citizen app's routes under /app: pages behind the app's own sign-in and session (a browser
   * carries a session cookie, not a bearer token), and its static files. The guard lets them
   * through; the app's session handler refuses any form without its session's CSRF token, and
   * each page that needs a signed-in citizen sends anyone else to sign in. Not part of the API
   * (not in the OpenAPI document).
   */
  public static final List<Endpoint> APP = List.of(
      get("/app/static/app.css"),
      get("/app/static/proof.js"),
      get("/app/"),
      get("/app/sign-in"),
      post("/app/sign-in"),
      get("/app/sign-in/callback"),
      post("/app/sign-out"),
      // The consent screen and the citizen's answer to it.
      get("/app/consent-requests/:id"),
      post("/app/consent-requests/:id/approve"),
      post("/app/consent-requests/:id/reject"),
      get("/app/consents/:id/receipt"),
      // The dashboard (web.Dashboard, ConsentActions, InquiryPages, ReportPage, DisputePages, StatementPages, ExportDownload).
      get("/app/consents/:id/revoke"),
      post("/app/consents/:id/revoke"),
      get("/app/consents/:id/pause"),
      post("/app/consents/:id/pause"),
      get("/app/consents/:id/resume"),
      post("/app/consents/:id/resume"),
      get("/app/queries"),
      get("/app/proofs/inclusion"),
      get("/app/report"),
      get("/app/disputes"),
      get("/app/disputes/new"),
      post("/app/disputes/new"),
      get("/app/records/:id/statement"),
      post("/app/records/:id/statement"),
      post("/app/records/:id/statement/remove"),
      get("/app/export"),
      // Credit repair (web.RepairPages).
      get("/app/repairs"),
      get("/app/repairs/new"),
      post("/app/repairs/new"),
      post("/app/repairs/:id/withdraw"),
      // Complaints about a query in the history (web.ComplaintPages).
      get("/app/complaints"),
      get("/app/complaints/new"),
      post("/app/complaints/new"),
      get("/app/complaints/:id/evidence"));

  /**
   * The regulator console's routes under /console (package {@code console}): pages behind the
   * console's own sign-in and session (a cookie of its own, not a bearer token; a citizen's session
   * opens none of them). The guard lets them through; the console's session handler refuses any
   * form without its session's CSRF token, and each page admits only the roles it names. Not part
   * of the API.
   */
  public static final List<Endpoint> CONSOLE = List.of(
      get("/console/"),
      get("/console/sign-in"),
      post("/console/sign-in"),
      post("/console/sign-out"),
      get("/console/log/consistency"),
      get("/console/disputes/overdue"),
      get("/console/statistics"),
      get("/console/search"),
      post("/console/search/case"),
      get("/console/signals"),
      // Complaints, regulators only (console.ComplaintsPage, console.ComplaintPage).
      get("/console/complaints"),
      get("/console/complaints/:id"),
      post("/console/complaints/:id/acknowledge"),
      post("/console/complaints/:id/information-request"),
      post("/console/complaints/:id/resolve"),
      get("/console/repairs"),
      post("/console/repairs/:id/approve"),
      post("/console/repairs/:id/reject"),
      get("/console/repairs/:id/attachments/:n"));

  /**
   * The demo identity provider's routes (package {@code web}): public, not part of the API, and
   * mounted only when the gateway runs with the demo keys (elsewhere they answer 404).
   */
  public static final List<Endpoint> DEMO_IDENTITY_PROVIDER = List.of(
      get("/demo-idp/.well-known/openid-configuration"),
      get("/demo-idp/authorize"),
      new Endpoint(HttpMethod.POST, "/demo-idp/authorize"),
      new Endpoint(HttpMethod.POST, "/demo-idp/token"),
      get("/demo-idp/jwks"));

  /** Every other route, with the roles it admits. */
  public static final List<Rule> GUARDED = List.of(
      rule(HttpMethod.GET, IdentityRoutes.WHOAMI_PATH, Role.INSTITUTION, Role.REGULATOR, Role.OPERATOR, Role.CITIZEN),
      // Institutions: consent requests and the authorized query.
      rule(HttpMethod.POST, ConsentRoutes.REQUESTS_PATH, Role.INSTITUTION),
      rule(HttpMethod.GET, ConsentRoutes.REQUESTS_PATH + "/:id", Role.INSTITUTION),
      rule(HttpMethod.POST, QueryRoutes.PATH, Role.INSTITUTION),
      rule(HttpMethod.GET, InstitutionAuditRoutes.INCLUSION_PATH, Role.INSTITUTION),
      // Citizens: everything under /v1/me is about the caller.
      rule(HttpMethod.GET, "/v1/me/consent-requests", Role.CITIZEN),
      rule(HttpMethod.POST, "/v1/me/consent-requests/:id/approve", Role.CITIZEN),
      rule(HttpMethod.POST, "/v1/me/consent-requests/:id/reject", Role.CITIZEN),
      rule(HttpMethod.GET, "/v1/me/consents", Role.CITIZEN),
      rule(HttpMethod.POST, "/v1/me/consents/:id/revoke", Role.CITIZEN),
      rule(HttpMethod.POST, "/v1/me/consents/:id/pause", Role.CITIZEN),
      rule(HttpMethod.POST, "/v1/me/consents/:id/resume", Role.CITIZEN),
      rule(HttpMethod.GET, "/v1/me/report", Role.CITIZEN),
      rule(HttpMethod.GET, ExportRoutes.PATH, Role.CITIZEN),
      rule(HttpMethod.GET, CitizenAuditRoutes.QUERIES_PATH, Role.CITIZEN),
      rule(HttpMethod.GET, CitizenAuditRoutes.INCLUSION_PATH, Role.CITIZEN),
      rule(HttpMethod.PUT, "/v1/me/records/:id/statement", Role.CITIZEN),
      rule(HttpMethod.DELETE, "/v1/me/records/:id/statement", Role.CITIZEN),
      rule(HttpMethod.GET, "/v1/me/records/:id/history", Role.CITIZEN),
      rule(HttpMethod.POST, "/v1/me/disputes", Role.CITIZEN),
      rule(HttpMethod.GET, "/v1/me/disputes", Role.CITIZEN),
      // Regulators: the log itself.
      rule(HttpMethod.GET, "/v1/audit/entries", Role.REGULATOR),
      rule(HttpMethod.GET, "/v1/audit/checkpoints", Role.REGULATOR),
      rule(HttpMethod.GET, "/v1/audit/proofs/inclusion", Role.REGULATOR),
      rule(HttpMethod.GET, "/v1/audit/proofs/consistency", Role.REGULATOR),
      rule(HttpMethod.POST, CaseRoutes.PATH, Role.REGULATOR),
      rule(HttpMethod.GET, AuditRoutes.ENTRY_BUNDLE_PATHS.get(0), Role.REGULATOR),
      rule(HttpMethod.GET, AuditRoutes.ENTRY_BUNDLE_PATHS.get(1), Role.REGULATOR),
      rule(HttpMethod.GET, AuditRoutes.ENTRY_BUNDLE_PATHS.get(2), Role.REGULATOR),
      rule(HttpMethod.GET, AuditRoutes.ENTRY_BUNDLE_PATHS.get(3), Role.REGULATOR),
      // Regulators: statistics and the entry search, computed from the log (supervision).
      rule(HttpMethod.GET, SupervisionRoutes.STATS_PATH, Role.REGULATOR),
      rule(HttpMethod.GET, SupervisionRoutes.SEARCH_PATH, Role.REGULATOR),
      rule(HttpMethod.GET, SupervisionRoutes.SIGNALS_PATH, Role.REGULATOR),
      // Operators: disputes and corrections.
      rule(HttpMethod.GET, "/v1/disputes", Role.OPERATOR),
      rule(HttpMethod.POST, "/v1/disputes/:id/resolve", Role.OPERATOR),
      rule(HttpMethod.PATCH, "/v1/records/:id", Role.OPERATOR),
      rule(HttpMethod.GET, "/v1/records/:id/history", Role.OPERATOR),
      // Credit repair: the citizen applies and withdraws, the record's provider (an operator) decides.
      rule(HttpMethod.POST, RepairRoutes.APPLY_PATH, Role.CITIZEN),
      rule(HttpMethod.GET, RepairRoutes.MINE_PATH, Role.CITIZEN),
      rule(HttpMethod.POST, RepairRoutes.WITHDRAW_PATH, Role.CITIZEN),
      rule(HttpMethod.GET, RepairRoutes.LIST_PATH, Role.OPERATOR),
      rule(HttpMethod.POST, RepairRoutes.APPROVE_PATH, Role.OPERATOR),
      rule(HttpMethod.POST, RepairRoutes.REJECT_PATH, Role.OPERATOR),
      // Complaints (ComplaintRoutes): the citizen files and follows, the regulator handles, the institution concerned answers.
      rule(HttpMethod.POST, ComplaintRoutes.MINE_PATH, Role.CITIZEN),
      rule(HttpMethod.GET, ComplaintRoutes.MINE_PATH, Role.CITIZEN),
      rule(HttpMethod.GET, ComplaintRoutes.MINE_PATH + "/:id", Role.CITIZEN),
      rule(HttpMethod.GET, ComplaintRoutes.MINE_PATH + "/:id/evidence", Role.CITIZEN),
      rule(HttpMethod.GET, ComplaintRoutes.ALL_PATH, Role.REGULATOR),
      rule(HttpMethod.GET, ComplaintRoutes.ALL_PATH + "/:id", Role.REGULATOR, Role.INSTITUTION),
      rule(HttpMethod.POST, ComplaintRoutes.ALL_PATH + "/:id/acknowledge", Role.REGULATOR),
      rule(HttpMethod.POST, ComplaintRoutes.ALL_PATH + "/:id/information-request", Role.REGULATOR),
      rule(HttpMethod.POST, ComplaintRoutes.ALL_PATH + "/:id/resolve", Role.REGULATOR),
      rule(HttpMethod.POST, ComplaintRoutes.ALL_PATH + "/:id/response", Role.INSTITUTION));

  /** What a path and method resolve to: public, or the roles it admits. */
  private record Access(Endpoint endpoint, Pattern pattern, Optional<Set<Role>> roles) {}

  private final Authenticator authenticator;
  /** Routes without path parameters, by path: the common case is one map lookup. */
  private final Map<String, List<Access>> byExactPath;
  private final List<Access> templated;

  public AccessRules(Authenticator authenticator) {
    this.authenticator = requireNonNull(authenticator, "authenticator is null");
    List<Access> all = Stream.concat(
            Stream.of(PUBLIC, APP, CONSOLE, DEMO_IDENTITY_PROVIDER).flatMap(List::stream)
                .map(endpoint -> new Access(endpoint, endpoint.pattern(), Optional.<Set<Role>>empty())),
            GUARDED.stream().map(rule -> new Access(rule.endpoint(), rule.endpoint().pattern(), Optional.of(rule.roles()))))
        .toList();
    this.byExactPath = all.stream().filter(access -> !access.endpoint().path().contains(":"))
        .collect(Collectors.groupingBy(access -> access.endpoint().path()));
    // Where two templates match one path (tile/entries/000 and tile/:level/:t1), the one with more
    // fixed text is the route meant: it is tried first.
    this.templated = all.stream().filter(access -> access.endpoint().path().contains(":"))
        .sorted(java.util.Comparator.comparingInt((Access access) -> fixedLength(access.endpoint().path())).reversed())
        .toList();
  }

  /** Every endpoint the rules name: public, guarded, the app's, the console's, or the demo identity provider's. */
  public static List<Endpoint> endpoints() {
    return Stream.of(PUBLIC.stream(), GUARDED.stream().map(Rule::endpoint), APP.stream(), CONSOLE.stream(),
            DEMO_IDENTITY_PROVIDER.stream())
        .flatMap(s -> s).toList();
  }

  /**
   * The guard, to run before every handler. A path no rule names: 404. A named path with a method
   * no rule names: 405 (after the caller is admitted to the path, when it is guarded). A public
   * route: on. A guarded one: 401 without a valid bearer token, 429
   * past the caller's rate, 403 for a role it does not admit; otherwise on, with the caller known
   * to the handlers ({@link Caller#of}).
   */
  public Handler<RoutingContext> guard() {
    return context -> {
      String path = context.normalizedPath();
      List<Access> onPath = onPath(path);
      if (onPath.isEmpty()) {
        context.fail(404);
        return;
      }
      Optional<Access> found = onPath.stream().filter(candidate -> candidate.endpoint().method().equals(context.request().method()))
          .findFirst();
      if (found.isEmpty()) {
        // A caller learns which methods a guarded path takes only once admitted to the path.
        Set<Role> pathRoles = EnumSet.noneOf(Role.class);
        onPath.forEach(candidate -> candidate.roles().ifPresent(pathRoles::addAll));
        if (!pathRoles.isEmpty()) {
          admitted(context, pathRoles);
        }
        context.response().putHeader("Allow", onPath.stream().map(candidate -> candidate.endpoint().method().name())
            .distinct().collect(Collectors.joining(", ")));
        context.fail(405);
        return;
      }
      Optional<Set<Role>> roles = found.get().roles();
      if (roles.isPresent()) {
        Caller.admit(context, admitted(context, roles.get()));
      }
      context.next();
    };
  }

  private static int fixedLength(String template) {
    return Stream.of(template.split("/")).filter(segment -> !segment.startsWith(":")).mapToInt(String::length).sum();
  }

  private List<Access> onPath(String path) {
    List<Access> exact = byExactPath.get(path);
    return exact != null ? exact : templated.stream().filter(candidate -> candidate.pattern().matcher(path).matches()).toList();
  }

  private Principal admitted(RoutingContext context, Set<Role> roles) {
    Principal principal = authenticator.authenticate(context.request().getHeader("Authorization"));
    OptionalLong retryAfter = authenticator.throttle(principal);
    if (retryAfter.isPresent()) {
      context.response().putHeader("Retry-After", Long.toString(retryAfter.getAsLong()));
      throw new ProblemException(ErrorCode.RATE_LIMITED, "Too many requests; retry after " + retryAfter.getAsLong() + " s.");
    }
    if (!roles.contains(principal.role())) {
      throw new ProblemException(ErrorCode.FORBIDDEN, "This route is not open to the " + principal.role().wireName() + " role.");
    }
    return principal;
  }

  private static Endpoint get(String path) {
    return new Endpoint(HttpMethod.GET, path);
  }

  private static Endpoint post(String path) {
    return new Endpoint(HttpMethod.POST, path);
  }

  private static Rule rule(HttpMethod method, String path, Role first, Role... more) {
    return new Rule(new Endpoint(method, path), EnumSet.of(first, more));
  }
}
