package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.policy.Grade;
import org.consentgateway.policy.PurposeCatalog;
import org.consentgateway.value.Role;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token endpoint's lookup, on a real Vert.x pool against real PostgreSQL. */
@ExtendWith(TestDatabase.class)
@TestInstance(Lifecycle.PER_CLASS)
class ClientRegistryTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String DISABLED_BANK = UnifiedSocialCreditCode.of("91110000100000000").value();
  private static final ClientKey INSTITUTION_KEY = ClientKey.read(Path.of("keys-example", "institution.pub.pem"));
  private static final ClientKey REGULATOR_KEY = ClientKey.read(Path.of("keys-example", "regulator.pub.pem"));
  private static final ClientKey OPERATOR_KEY = ClientKey.read(Path.of("keys-example", "operator.pub.pem"));

  private final Vertx vertx = Vertx.vertx();
  private Pool pool;
  private ClientRegistry registry;

  @BeforeAll
  void registerOneOfEach(DatabaseCoordinates db) {
    RegistryAdmin admin = new RegistryAdmin(db, PurposeCatalog.load(Path.of("policies")));
    admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL", "CREDIT_CARD_APPROVAL"), "SUMMARY");
    admin.addInstitution(DISABLED_BANK, "Closed Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "BASIC");
    admin.disableInstitution(DISABLED_BANK);
    admin.regulators().add("pboc", "People's Bank of China", REGULATOR_KEY);
    admin.operators().add("bureau-ops", "Bureau operations", OPERATOR_KEY);
    admin.operators().add("retired-ops", "Retired operator", OPERATOR_KEY);
    admin.operators().disable("retired-ops");

    pool = ReactiveDatabase.pool(vertx, db, 4);
    registry = new ClientRegistry(pool);
  }

  @AfterAll
  void close() {
    await(pool.close());
    await(vertx.close());
  }

  @Test
  void findsAnInstitutionByItsUscc() {
    assertThat(await(registry.find(BANK)))
        .contains(new RegisteredClient(BANK, Role.INSTITUTION, "Demo Bank", INSTITUTION_KEY, true));
  }

  @Test
  void findsTheInstitutionsPurposesAndGrade() {
    Institution bank = await(registry.findInstitution(UnifiedSocialCreditCode.parse(BANK))).orElseThrow();

    assertThat(bank.purposes()).containsExactly("LOAN_APPROVAL", "CREDIT_CARD_APPROVAL");
    assertThat(bank.maxGrade()).isEqualTo(Grade.SUMMARY);
  }

  @Test
  void findsARegulatorAndAnOperatorByTheirIds() {
    assertThat(await(registry.find("pboc")))
        .contains(new RegisteredClient("pboc", Role.REGULATOR, "People's Bank of China", REGULATOR_KEY, true));
    assertThat(await(registry.find("bureau-ops")))
        .contains(new RegisteredClient("bureau-ops", Role.OPERATOR, "Bureau operations", OPERATOR_KEY, true));
  }

  @Test
  void findsDisabledClientsAsInactive() {
    assertThat(await(registry.find(DISABLED_BANK))).hasValueSatisfying(client -> assertThat(client.active()).isFalse());
    assertThat(await(registry.find("retired-ops"))).hasValueSatisfying(client -> assertThat(client.active()).isFalse());
  }

  @Test
  void findsNothingForUnknownIds() {
    assertThat(await(registry.find(UnifiedSocialCreditCode.of("91310000MA1FL0000").value()))).isEmpty();
    assertThat(await(registry.find("nobody"))).isEmpty();
    // Neither a USCC nor a lower-case id: answered without a query.
    assertThat(await(registry.find("PBOC"))).isEmpty();
    assertThat(await(registry.find("' or 1=1 --"))).isEmpty();
    assertThat(await(registry.find(""))).isEmpty();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the future did not succeed in 10 s", e);
    }
  }
}
