package org.consentgateway.cli;

import io.vertx.core.Future;
import java.util.function.Function;
import org.consentgateway.db.Blocking;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.RegistryAdmin;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.wiring.GatewayConfig;

/** What the {@code institutions}, {@code regulators} and {@code operators} commands share. */
final class RegistryCommands {

  private RegistryCommands() {}

  /**
   * Runs {@code work} against the configured database: reads the configuration and the policies
   * (the purposes an institution may be registered for), opens the database, brings its schema up
   * to date, waits for the work's answer, and closes the database afterwards. Blocking.
   */
  static <T> T withAdmin(ConfigOption config, Function<RegistryAdmin, Future<T>> work) throws Exception {
    GatewayConfig gatewayConfig = config.load();
    PurposeCatalog catalog = PurposeCatalog.load(gatewayConfig.policiesDir());
    return CommandDatabase.with(gatewayConfig,
        database -> Blocking.await(work.apply(new RegistryAdmin(database.sessions(), catalog)), CommandDatabase.TIMEOUT));
  }

  /** {@code EC P-256 <thumbprint>}: enough for an operator to compare with the client's own key. */
  static String describe(ClientKey key) {
    return key.type() + " " + key.thumbprint();
  }

  static String status(boolean active) {
    return active ? "ACTIVE" : "DISABLED";
  }
}
