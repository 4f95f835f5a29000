package org.consentgateway.cli;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.db.Blocking;
import org.consentgateway.identity.ClientKey;
import org.consentgateway.identity.RegistryAdmin;
import org.consentgateway.policy.Purpose;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.records.CreditFile;
import org.consentgateway.records.CreditFileImport;
import org.consentgateway.records.CreditFileJson;
import org.consentgateway.records.SyntheticCreditData;
import org.consentgateway.value.ResidentIdNumber;
import org.consentgateway.web.DemoIdentityProvider;
import org.consentgateway.wiring.Gateway;
import org.consentgateway.wiring.GatewayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gateway demo}: the gateway on the embedded PostgreSQL with demo data, to try it in a
 * browser. The first run registers a demo bank, regulator and operator, imports synthetic
 * citizens, and leaves pending consent requests and a few past queries (through the gateway's
 * own API, so every one is audited); later runs keep what is there. Refuses to run on real keys:
 * the demo data and the demo identity provider are for the public demo keys only.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the gateway with demo data (synthetic citizens, a demo bank, regulator and operator) and print "
        + "where to open the citizen app. Demo keys only.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

  /** The demo bank: a valid USCC, the demo institution key of keys-example. */
  static final String BANK = "91350100M000100Y43";
  static final String REGULATOR = "pboc-credit-reference";
  static final String OPERATOR = "demo-operator";
  static final int CITIZENS = DemoIdentityProvider.SYNTHETIC_CITIZENS;
  /** The last line the demo prints once it is ready. */
  static final String READY = "Ctrl-C stops the demo.";
  /** The synthetic citizens are the same on every machine (one seed, one day), and the demo identity provider offers them. */
  private static final long SEED = DemoIdentityProvider.SYNTHETIC_SEED;
  private static final LocalDate AS_OF = DemoIdentityProvider.SYNTHETIC_AS_OF;

  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  @Spec
  CommandSpec spec;

  @Mixin
  ConfigOption config;

  @Override
  public Integer call() throws Exception {
    GatewayConfig gatewayConfig = config.load();
    GatewayKeys keys = GatewayKeys.load(gatewayConfig.keysDir());
    if (!keys.isDemo()) {
      throw new IllegalArgumentException("gateway demo runs only on the demo keys (keys-example/): it registers demo clients "
          + "whose private keys are public; use gateway serve with real keys");
    }
    StopSignals signals = StopSignals.install();
    List<String> citizens = citizens();
    boolean fresh = registerAndImport(gatewayConfig, keys, citizens);
    try (Gateway gateway = Gateway.start(gatewayConfig)) {
      URI base = URI.create("http://127.0.0.1:" + gateway.port());
      if (fresh) {
        new DemoActivity(base, gatewayConfig, citizens).play();
      }
      // The app's address is the issuer's: sign-in comes back to it, and the browser's cookies belong to its host.
      print(URI.create(gatewayConfig.http().issuer()), citizens);
      LOG.info("{} received: shutting down", signals.await());
    }
    return 0;
  }

  /** The ID numbers of the synthetic citizens (made up, valid GB 11643 numbers). */
  private static List<String> citizens() {
    // The demo identity provider offers the same citizens on its page.
    return DemoIdentityProvider.syntheticCitizens().stream().map(ResidentIdNumber::value).toList();
  }

  /** Registers the demo clients and imports the citizens, unless an earlier run did; whether it did now. */
  private static boolean registerAndImport(GatewayConfig gatewayConfig, GatewayKeys keys, List<String> citizens) throws Exception {
    PurposeCatalog catalog = PurposeCatalog.load(gatewayConfig.policiesDir());
    Path demoKeys = gatewayConfig.keysDir();
    return CommandDatabase.with(gatewayConfig, database -> {
      RegistryAdmin admin = new RegistryAdmin(database.sessions(), catalog);
      if (Blocking.await(admin.findInstitution(BANK), CommandDatabase.TIMEOUT).isPresent()) {
        return false;
      }
      List<String> purposes = catalog.all().stream().map(Purpose::code).toList();
      Blocking.await(admin.addInstitution(BANK, "示范银行", ClientKey.read(demoKeys.resolve("institution.pub.pem")), purposes, "DETAIL"),
          CommandDatabase.TIMEOUT);
      Blocking.await(admin.regulators().add(REGULATOR, "征信监管", ClientKey.read(demoKeys.resolve("regulator.pub.pem"))),
          CommandDatabase.TIMEOUT);
      Blocking.await(admin.operators().add(OPERATOR, "示范征信机构", ClientKey.read(demoKeys.resolve("operator.pub.pem"))),
          CommandDatabase.TIMEOUT);
      Path file = Files.createTempFile("gateway-demo-", ".jsonl");
      try {
        SyntheticCreditData generator = new SyntheticCreditData(SEED, AS_OF);
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
          for (int i = 0; i < citizens.size(); i++) {
            CreditFile credit = generator.next();
            writer.write(CreditFileJson.toJson(credit).toString());
            writer.write('\n');
          }
        }
        // The demo operator provides the demo data, so it decides the demo citizens' repairs.
        new CreditFileImport(database.coordinates(), keys.pseudonymizer(), keys.recordCipher(),
            gatewayConfig.records().importBatchSize(), OPERATOR).run(file, false);
      } finally {
        Files.deleteIfExists(file);
      }
      return true;
    });
  }

  private void print(URI base, List<String> citizens) {
    PrintWriter out = spec.commandLine().getOut();
    out.println();
    out.println("Consent Gateway demo (synthetic data, public demo keys)");
    out.println("  Citizen app:  " + base.resolve("/app/"));
    out.println("  API contract: " + base.resolve("/openapi.yaml"));
    out.println("  Sign in as one of these synthetic citizens (made-up ID numbers):");
    citizens.forEach(number -> out.println("    " + number));
    out.println("  The demo bank is " + BANK + " (key keys-example/institution.key.pem). " + READY);
    out.flush();
  }
}
