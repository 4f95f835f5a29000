package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.consentgateway.config.Settings;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.http.AccessRules;
import org.consentgateway.http.AuditRoutes;
import org.consentgateway.http.GatewayHttpClient;
import org.consentgateway.http.OpenApiContract;
import org.consentgateway.http.OpenApiRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The routes a running gateway's router actually mounts, against the two lists that must name
 * them: the access rules (deny by default: a route in neither list would be unreachable, a rule
 * without a route a stale promise) and the OpenAPI document (the contract clients are built from).
 */
@ExtendWith(TestDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteCoverageTest {

  private static final String CITIZEN_ID = "11010519491231002X";

  private Gateway gateway;
  private GatewayHttpClient client;
  private List<AccessRules.Endpoint> mounted;

  @BeforeAll
  void start(DatabaseCoordinates database) {
    gateway = Gateway.start(GatewayConfig.from(Settings.defaults().with(GatewayHttpClient.settings(database))), Clock.systemUTC());
    client = new GatewayHttpClient(gateway.port());
    mounted = gateway.mountedRoutes();
  }

  @AfterAll
  void stop() {
    gateway.close();
  }

  @Test
  void eachRouteIsMountedOnce() {
    assertThat(mounted).isNotEmpty().doesNotHaveDuplicates();
  }

  @Test
  void everyMountedRouteHasAnAccessRuleAndEveryRuleARoute() {
    Set<String> routes = names(mounted);
    Set<String> rules = names(AccessRules.endpoints());

    assertThat(difference(routes, rules)).as("mounted, but neither public nor guarded").isEmpty();
    assertThat(difference(rules, routes)).as("in the access rules, but not mounted").isEmpty();
    assertThat(AccessRules.endpoints()).doesNotHaveDuplicates();
  }

  @Test
  void everyMountedRouteIsInTheContractAndEveryOperationIsMounted() {
    // The citizen app's pages are for browsers, not API clients: the access rules' APP list names them
    // instead, and the demo identity provider's list names its routes.
    Set<String> routes = mounted.stream().filter(route -> !notApi().contains(route))
        .map(OpenApiContract::operationOf).collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = OpenApiContract.operations();

    assertThat(difference(routes, documented)).as("mounted, but not in docs/openapi.yaml").isEmpty();
    assertThat(difference(documented, routes)).as("in docs/openapi.yaml, but not mounted").isEmpty();
  }

  @Test
  void theAppsRoutesAreExactlyTheAppListAndNoneIsInTheContract() {
    Set<String> appRoutes = names(mounted.stream().filter(route -> route.path().startsWith("/app/")).toList());
    Set<String> demoRoutes = names(mounted.stream().filter(route -> route.path().startsWith("/demo-idp/")).toList());
    Set<String> documented = OpenApiContract.operations();

    assertThat(appRoutes).isEqualTo(names(AccessRules.APP));
    // These tests run on the demo keys, so the demo identity provider is mounted.
    assertThat(demoRoutes).isEqualTo(names(AccessRules.DEMO_IDENTITY_PROVIDER));
    assertThat(notApi()).allSatisfy(route -> assertThat(documented).doesNotContain(OpenApiContract.operationOf(route)));
  }

  @Test
  void theConsolesRoutesAreExactlyTheConsoleList() {
    assertThat(names(mounted.stream().filter(route -> route.path().startsWith("/console/")).toList()))
        .isEqualTo(names(AccessRules.CONSOLE));
  }

  // The browsers' pages: the citizen app's, the regulator console's and the demo identity provider's.
  private static List<AccessRules.Endpoint> notApi() {
    return java.util.stream.Stream.of(AccessRules.APP, AccessRules.CONSOLE, AccessRules.DEMO_IDENTITY_PROVIDER)
        .flatMap(List::stream).toList();
  }

  @Test
  void anUnknownPathIsNotFoundForEveryone() throws Exception {
    PrivateKey identityProvider = PemFiles.readPrivateKey(Path.of("keys-example", "identity-provider.key.pem"));
    String citizen = GatewayHttpClient.citizenToken(CITIZEN_ID, identityProvider, Instant.now());

    for (String path : List.of("/nope", "/v1/nope", "/v1/me/nope", "/v1/me/consents/x/y", "/health", "/openapi.json")) {
      GatewayHttpClient.assertProblem(client.getPublic(path), 404, "not_found");
      GatewayHttpClient.assertProblem(client.get(path, citizen), 404, "not_found");
      GatewayHttpClient.assertProblem(client.post(path, citizen, "{}"), 404, "not_found");
    }
  }

  /** A browser's request: under /app the answer is the app's page, in the reader's language, with its headers. */
  @Test
  void anUnknownPathOrMethodUnderTheAppIsTheAppsErrorPage() throws Exception {
    HttpClient browser = HttpClient.newHttpClient();
    String app = "http://127.0.0.1:" + gateway.port() + "/app/";
    HttpResponse<String> notFound = browser.send(HttpRequest.newBuilder(URI.create(app + "nothing-here?lang=en")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrongMethod = browser.send(HttpRequest.newBuilder(URI.create(app + "report")).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    for (HttpResponse<String> page : List.of(notFound, wrongMethod)) {
      assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(policy -> assertThat(policy).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
      assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
    }
    assertThat(notFound.body()).contains("<html lang=\"en\">", "<h1>Page not found</h1>");
  }

  @Test
  void everyPublicRouteAnswersWithoutAToken() throws Exception {
    for (AccessRules.Endpoint route : AccessRules.PUBLIC) {
      if (route.method() != HttpMethod.GET) {
        continue; // the token endpoint: IdentityFlowTest posts to it
      }
      if (route.path().contains(":")) {
        continue; // the log's tiles, public by template: TiledLogTest fetches them without a token
      }
      HttpResponse<String> response = client.getPublic(route.path());

      // The checkpoint is 404 until the first one is signed, which this test does not wait for.
      assertThat(response.statusCode()).as(route.path()).isIn(
          route.path().equals(AuditRoutes.CHECKPOINT_PATH) ? List.of(200, 404) : List.of(200));
    }
  }

  @Test
  void theAppsRoutesAreAllUnderAppAndCarryItsSecurityHeaders() throws Exception {
    for (AccessRules.Endpoint route : AccessRules.APP) {
      assertThat(route.path()).startsWith("/app/");
      if (route.method() == HttpMethod.GET && !route.path().contains(":")) {
        // A browser's request: the app's answers are pages and files, not the API contract's.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + gateway.port() + route.path())).build(), HttpResponse.BodyHandlers.ofString());
        // A page or file; the home page without a session sends the browser to sign in; a sign-in
        // callback with no sign-in under way is refused.
        assertThat(response.statusCode()).as(route.path()).isIn(200, 303, 400);
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(route.path())
            .hasValueSatisfying(policy -> assertThat(policy).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
        assertThat(response.headers().firstValue("Referrer-Policy")).as(route.path()).contains("no-referrer");
      }
    }
  }

  @Test
  void theContractIsServedAsWritten() throws Exception {
    HttpResponse<String> served = client.getPublic(OpenApiRoutes.PATH);

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).contains(OpenApiRoutes.CONTENT_TYPE);
    assertThat(served.body()).isEqualTo(Files.readString(OpenApiContract.DOCUMENT));
  }

  private static Set<String> names(List<AccessRules.Endpoint> endpoints) {
    return endpoints.stream().map(endpoint -> endpoint.method().name() + " " + endpoint.path())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> difference(Set<String> these, Set<String> those) {
    Set<String> left = new TreeSet<>(these);
    left.removeAll(those);
    return left;
  }
}
