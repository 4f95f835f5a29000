package org.consentgateway.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.consentgateway.complaint.ComplaintConfig;
import org.consentgateway.config.ConfigException;
import org.consentgateway.config.Settings;
import org.consentgateway.db.PoolTimeouts;
import org.consentgateway.web.WebConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

  @TempDir
  Path folder;

  @Test
  void everyDefaultWhenNothingIsConfigured() {
    GatewayConfig config = GatewayConfig.from(Settings.defaults());

    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.http().bodyLimitBytes()).isEqualTo(64 * 1024);
    assertThat(config.http().shutdownGraceSeconds()).isEqualTo(20);
    assertThat(config.http().idleTimeoutSeconds()).isEqualTo(30);
    assertThat(config.http().requestReadTimeoutSeconds()).isEqualTo(15);
    assertThat(config.http().issuer()).isEqualTo("http://localhost:8080");
    assertThat(config.http().managementPort()).isEmpty();
    assertThat(config.database().url()).isEmpty();
    assertThat(config.database().embedded()).isTrue();
    assertThat(config.database().user()).isEmpty();
    assertThat(config.database().password()).isEmpty();
    assertThat(config.database().dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.database().embeddedPort()).isEqualTo(54329);
    assertThat(config.database().poolSize()).isEqualTo(8);
    assertThat(config.keysDir()).isEqualTo(Path.of("keys-example"));
    assertThat(config.policiesDir()).isEqualTo(Path.of("policies"));
    assertThat(config.records().importBatchSize()).isEqualTo(500);
    assertThat(config.disputes().dueAfter()).hasDays(20);
    assertThat(config.repairs().dueAfter()).hasDays(20);
    assertThat(config.complaints().dueAfter()).hasDays(ComplaintConfig.DEFAULT_DUE_DAYS).hasDays(30);
    assertThat(config.supervision().smallCellThreshold()).isEqualTo(5);
    assertThat(config.identity().accessTokenTtl()).hasSeconds(300);
    assertThat(config.identity().clockSkew()).hasSeconds(30);
    assertThat(config.identity().maxTokenBytes()).isEqualTo(8192);
    assertThat(config.identity().ratePerSecond()).isEqualTo(50);
    assertThat(config.identity().rateBurst()).isEqualTo(100);
    assertThat(config.identity().verifiedTokenCacheSize()).isEqualTo(10_000);
    assertThat(config.identity().identityProviderIssuer()).isEqualTo("https://idp.demo.consent-gateway.local");
    assertThat(config.identity().identityProviderAudience()).isEqualTo("consent-gateway");
    assertThat(config.audit().batchMaxEntries()).isEqualTo(512);
    assertThat(config.audit().batchMaxWait()).hasMillis(2);
    assertThat(config.audit().queueCapacity()).isEqualTo(65_536);
    assertThat(config.audit().origin()).isEqualTo("consent-gateway.local/audit");
    assertThat(config.audit().checkpointInterval()).hasSeconds(1);
    assertThat(config.checkpointKeyName()).isEqualTo("consent-gateway.local/audit");
    assertThat(config.consent().expirySweepInterval()).hasSeconds(60);
    assertThat(config.identity().identityProviderKeys()).isEqualTo(Path.of("keys-example", "identity-provider.pub.pem").toString());
    assertThat(config.web().sessionIdleTimeout()).hasMinutes(15);
    assertThat(config.web().sessionAbsoluteTimeout()).hasHours(8);
    assertThat(config.web().oidcIssuer()).isEmpty();
    assertThat(config.web().oidcClientId()).isEmpty();
    assertThat(config.web().oidcClientSecret()).isEmpty();
  }

  @Test
  void theDatabaseAndRequestBoundsHaveTheirDocumentedDefaults() {
    GatewayConfig config = GatewayConfig.from(Settings.defaults());

    assertThat(config.database().timeouts().connect()).hasMillis(2000);
    assertThat(config.database().timeouts().poolWait()).hasMillis(1000);
    assertThat(config.database().timeouts().statement()).hasMillis(10_000);
    assertThat(config.database().timeouts().idleInTransaction()).hasMillis(30_000);
    assertThat(config.http().requestTimeout()).hasMillis(10_000);
    assertThat(config.http().maxInFlight()).isEqualTo(1024);
    assertThat(config.http().readinessTimeout()).hasMillis(800);
  }

  @Test
  void theDatabaseAndRequestBoundsCanBeSet() {
    GatewayConfig config = GatewayConfig.from(Settings.load(Map.of(
        "GATEWAY_DB_CONNECT_TIMEOUT_MILLIS", "300",
        "GATEWAY_DB_POOL_WAIT_TIMEOUT_MILLIS", "400",
        "GATEWAY_DB_STATEMENT_TIMEOUT_MILLIS", "500",
        "GATEWAY_DB_IDLE_IN_TRANSACTION_TIMEOUT_MILLIS", "600",
        "GATEWAY_HTTP_REQUEST_TIMEOUT_MILLIS", "1500",
        "GATEWAY_HTTP_MAX_IN_FLIGHT", "7",
        "GATEWAY_HTTP_READINESS_TIMEOUT_MILLIS", "250")));

    assertThat(config.database().timeouts()).isEqualTo(new PoolTimeouts(Duration.ofMillis(300), Duration.ofMillis(400),
        Duration.ofMillis(500), Duration.ofMillis(600)));
    assertThat(config.http().requestTimeout()).hasMillis(1500);
    assertThat(config.http().maxInFlight()).isEqualTo(7);
    assertThat(config.http().readinessTimeout()).hasMillis(250);
  }

  @Test
  void theCitizenAppSignsInWithTheDemoProviderOnlyOnDemoKeys() {
    WebConfig unset = GatewayConfig.from(Settings.defaults()).web();
    WebConfig demo = GatewayConfig.from(Settings.load(Map.of("GATEWAY_WEB_OIDC_ISSUER", "demo"))).web();
    WebConfig real = GatewayConfig.from(Settings.load(Map.of("GATEWAY_WEB_OIDC_ISSUER", "https://idp.example.cn",
        "GATEWAY_WEB_OIDC_CLIENT_ID", "gateway-app", "GATEWAY_WEB_OIDC_CLIENT_SECRET", "s3cret-value"))).web();

    assertThat(unset.identityProvider(true)).isEqualTo(WebConfig.IdentityProvider.DEMO);
    assertThat(unset.identityProvider(false)).isEqualTo(WebConfig.IdentityProvider.NONE);
    assertThat(demo.identityProvider(true)).isEqualTo(WebConfig.IdentityProvider.DEMO);
    assertThatThrownBy(() -> demo.identityProvider(false)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("web.oidc.issuer").hasMessageContaining("demo keys");
    assertThat(real.identityProvider(true)).isEqualTo(WebConfig.IdentityProvider.CONFIGURED);
    assertThat(real.identityProvider(false)).isEqualTo(WebConfig.IdentityProvider.CONFIGURED);
    assertThat(real.toString()).doesNotContain("s3cret-value");
  }

  @Test
  void anIdentityProviderNeedsAnHttpsIssuerAndTheClientsCredentials() {
    assertThatThrownBy(() -> GatewayConfig.from(Settings.load(Map.of("GATEWAY_WEB_OIDC_ISSUER", "https://idp.example.cn"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("web.oidc.client-id").hasMessageContaining("web.oidc.client-secret");
    assertThatThrownBy(() -> GatewayConfig.from(Settings.load(Map.of("GATEWAY_WEB_OIDC_ISSUER", "http://idp.example.cn",
        "GATEWAY_WEB_OIDC_CLIENT_ID", "app", "GATEWAY_WEB_OIDC_CLIENT_SECRET", "secret"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("https");
    assertThat(GatewayConfig.from(Settings.load(Map.of("GATEWAY_WEB_OIDC_ISSUER", "http://127.0.0.1:9000/idp",
        "GATEWAY_WEB_OIDC_CLIENT_ID", "app", "GATEWAY_WEB_OIDC_CLIENT_SECRET", "secret"))).web().oidcIssuer())
        .contains("http://127.0.0.1:9000/idp");
  }

  @Test
  void theAbsoluteSessionTimeoutIsNotShorterThanTheIdleOne() {
    assertThatThrownBy(() -> GatewayConfig.from(Settings.load(Map.of("GATEWAY_WEB_SESSION_IDLE_TIMEOUT_MINUTES", "60",
        "GATEWAY_WEB_SESSION_ABSOLUTE_TIMEOUT_MINUTES", "30"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("web.session-absolute-timeout-minutes");
  }

  @Test
  void theCheckpointKeyNameFollowsTheOriginUnlessSet() {
    GatewayConfig config = GatewayConfig.from(Settings.load(Map.of("GATEWAY_AUDIT_ORIGIN", "credit.example.cn/audit")));
    GatewayConfig named = GatewayConfig.from(Settings.load(
        Map.of("GATEWAY_AUDIT_ORIGIN", "credit.example.cn/audit", "GATEWAY_AUDIT_KEY_NAME", "credit.example.cn/audit-2026")));

    assertThat(config.checkpointKeyName()).isEqualTo("credit.example.cn/audit");
    assertThat(named.checkpointKeyName()).isEqualTo("credit.example.cn/audit-2026");
    assertThatThrownBy(() -> GatewayConfig.from(Settings.load(Map.of("GATEWAY_AUDIT_KEY_NAME", "a b"))))
        .hasMessageContaining("audit.key-name");
  }

  @Test
  void aClockSkewOverThirtySecondsIsRefused() {
    Settings settings = Settings.load(Map.of("GATEWAY_AUTH_CLOCK_SKEW_SECONDS", "120"));

    assertThatThrownBy(() -> GatewayConfig.from(settings)).hasMessageContaining("auth.clock-skew-seconds must be between 0 and 30");
  }

  @Test
  void theContractEnvironmentVariablesOverrideDefaults() {
    Map<String, String> environment = Map.of(
        "GATEWAY_HTTP_PORT", "9090",
        "GATEWAY_DATA_DIR", "/var/lib/gateway",
        "GATEWAY_DB_URL", "postgresql://app:secret@db.internal:5433/credit",
        "GATEWAY_KEYS_DIR", "/etc/gateway/keys",
        "GATEWAY_POLICIES_DIR", "/etc/gateway/policies",
        "GATEWAY_ISSUER", "https://gateway.example.cn");

    GatewayConfig config = GatewayConfig.from(Settings.load(environment));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.database().dataDir()).isEqualTo(Path.of("/var/lib/gateway"));
    assertThat(config.database().url()).contains("postgresql://app:secret@db.internal:5433/credit");
    assertThat(config.keysDir()).isEqualTo(Path.of("/etc/gateway/keys"));
    assertThat(config.policiesDir()).isEqualTo(Path.of("/etc/gateway/policies"));
    assertThat(config.http().issuer()).isEqualTo("https://gateway.example.cn");
  }

  @Test
  void theIssuerFollowsTheConfiguredPort() {
    GatewayConfig config = GatewayConfig.from(Settings.load(Map.of("GATEWAY_HTTP_PORT", "9443")));

    assertThat(config.http().issuer()).isEqualTo("http://localhost:9443");
  }

  @Test
  void aYamlFileOverridesDefaultsAndTheEnvironmentOverridesTheFile() throws IOException {
    Path file = write("""
        http:
          port: 7000
          body-limit: 2048
        db:
          pool-size: 4
        keys:
          dir: /srv/keys
        """);

    GatewayConfig config = GatewayConfig.from(Settings.load(file, Map.of("GATEWAY_DB_POOL_SIZE", "16")));

    assertThat(config.http().port()).isEqualTo(7000);
    assertThat(config.http().bodyLimitBytes()).isEqualTo(2048);
    assertThat(config.database().poolSize()).isEqualTo(16);
    assertThat(config.keysDir()).isEqualTo(Path.of("/srv/keys"));
  }

  @Test
  void theHttpTimeoutsAreConfigurableWithinTheirBounds() {
    GatewayConfig config = GatewayConfig.from(Settings.load(Map.of(
        "GATEWAY_HTTP_IDLE_TIMEOUT_SECONDS", "120", "GATEWAY_HTTP_REQUEST_READ_TIMEOUT_SECONDS", "5")));

    assertThat(config.http().idleTimeoutSeconds()).isEqualTo(120);
    assertThat(config.http().requestReadTimeoutSeconds()).isEqualTo(5);
    assertThatThrownBy(() -> GatewayConfig.from(Settings.load(Map.of("GATEWAY_HTTP_IDLE_TIMEOUT_SECONDS", "0"))))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> GatewayConfig.from(Settings.load(Map.of("GATEWAY_HTTP_REQUEST_READ_TIMEOUT_SECONDS", "601"))))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void dottedKeysWorkInTheFileToo() throws IOException {
    Path file = write("data-dir: /data/gw\n\"db.embedded-port\": 6000\n");

    GatewayConfig config = GatewayConfig.from(Settings.load(file, Map.of()));

    assertThat(config.database().dataDir()).isEqualTo(Path.of("/data/gw"));
    assertThat(config.database().embeddedPort()).isEqualTo(6000);
  }

  @Test
  void anUnknownKeyInTheFileIsRefusedByName() throws IOException {
    Path file = write("http:\n  prot: 8081\n");

    assertThatThrownBy(() -> Settings.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown keys: http.prot");
  }

  @Test
  void aMalformedNumberNamesTheKeyAndWhereItCameFrom() {
    Settings settings = Settings.load(Map.of("GATEWAY_HTTP_PORT", "eighty"));

    assertThatThrownBy(() -> GatewayConfig.from(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("GATEWAY_HTTP_PORT");
  }

  @Test
  void anOutOfRangeNumberIsRefused() {
    Settings settings = Settings.load(Map.of("GATEWAY_DB_POOL_SIZE", "0"));

    assertThatThrownBy(() -> GatewayConfig.from(settings)).hasMessageContaining("db.pool-size must be between 1 and 512");
  }

  @Test
  void aMissingExplicitFileIsAnError() {
    assertThatThrownBy(() -> GatewayConfig.load(folder.resolve("nope.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void theDatabasePasswordNeverPrints() {
    GatewayConfig config = GatewayConfig.from(
        Settings.load(Map.of("GATEWAY_DB_URL", "postgresql://app:hunter2@db:5432/credit", "GATEWAY_DB_PASSWORD", "hunter3")));

    assertThat(config.database().toString()).doesNotContain("hunter2").doesNotContain("hunter3");
  }

  @Test
  void everyKeyHasAnEnvironmentVariableOfTheDocumentedShape() {
    assertThat(Settings.environmentVariable("data-dir")).isEqualTo("GATEWAY_DATA_DIR");
    assertThat(Settings.environmentVariable("db.url")).isEqualTo("GATEWAY_DB_URL");
    assertThat(Settings.environmentVariable("records.import-batch-size")).isEqualTo("GATEWAY_RECORDS_IMPORT_BATCH_SIZE");
  }

  private Path write(String yaml) throws IOException {
    Path file = folder.resolve("gateway.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
