package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.policy.Grade;
import org.consentgateway.value.Role;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token endpoint's lookup, through Hibernate Reactive sessions against real PostgreSQL. */
@ExtendWith(TestDatabase.class)
@TestInstance(Lifecycle.PER_CLASS)
class ClientRegistryTest {

  private static final String BANK = "91350100M000100Y43";
  private static final String DISABLED_BANK = UnifiedSocialCreditCode.of("91110000100000000").value();
  private static final ClientKey INSTITUTION_KEY = ClientKey.read(Path.of("keys-example", "institution.pub.pem"));
  private static final ClientKey REGULATOR_KEY = ClientKey.read(Path.of("keys-example", "regulator.pub.pem"));
  private static final ClientKey OPERATOR_KEY = ClientKey.read(Path.of("keys-example", "operator.pub.pem"));

  private final Vertx vertx = Vertx.vertx();
  private Sessions sessions;
  private ClientRegistry registry;

  @BeforeAll
  void registerOneOfEach(DatabaseCoordinates db) {
    try (TestRegistry admin = TestRegistry.open(db)) {
      registerOneOfEach(admin);
    }
    sessions = ReactiveDatabase.sessions(vertx, db, 4, ClientRegistry.ENTITIES);
    registry = new ClientRegistry(sessions);
  }

  private static void registerOneOfEach(TestRegistry admin) {
    admin.addInstitution(BANK, "Demo Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL", "CREDIT_CARD_APPROVAL"), "SUMMARY");
    admin.addInstitution(DISABLED_BANK, "Closed Bank", INSTITUTION_KEY, List.of("LOAN_APPROVAL"), "BASIC");
    admin.disableInstitution(DISABLED_BANK);
    admin.setInstitutionWebhook(DISABLED_BANK, "https://closed.example/events");
    admin.addRegulator("pboc", "People's Bank of China", REGULATOR_KEY);
    admin.addOperator("bureau-ops", "Bureau operations", OPERATOR_KEY);
    admin.addOperator("retired-ops", "Retired operator", OPERATOR_KEY);
    admin.await(admin.admin().operators().disable("retired-ops"));
  }

  @AfterAll
  void close() {
    sessions.close();
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

  @Test
  void namesTheRegisteredInstitutionsAmongSome() {
    String unknown = UnifiedSocialCreditCode.of("91310000MA1FL0000").value();

    assertThat(await(registry.institutionNames(Set.of(BANK, DISABLED_BANK, unknown))))
        .isEqualTo(Map.of(BANK, "Demo Bank", DISABLED_BANK, "Closed Bank"));
    assertThat(await(registry.institutionNames(Set.of()))).isEmpty();
  }

  @Test
  void findsAWebhookWhereOneIsRegistered() {
    assertThat(await(registry.webhookUrl(DISABLED_BANK))).contains("https://closed.example/events");
    assertThat(await(registry.webhookUrl(BANK))).isEmpty();
    assertThat(await(registry.webhookUrl(UnifiedSocialCreditCode.of("91310000MA1FL0000").value()))).isEmpty();
  }

  /**
   * As an expiry sweep announces its lapses: many lookups started at once on one event loop of the
   * sessions' Vert.x, each answered (in a session of its own, not one shared and closed under the others).
   */
  @Test
  void answersManyLookupsStartedTogetherOnOneContext() {
    Promise<List<Optional<String>>> answered = Promise.promise();
    vertx.runOnContext(nothing -> {
      List<Future<Optional<String>>> lookups = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        lookups.add(registry.webhookUrl(i % 2 == 0 ? DISABLED_BANK : BANK));
      }
      Future.all(lookups).map(all -> lookups.stream().map(Future::result).toList()).onComplete(answered);
    });

    List<Optional<String>> urls = await(answered.future());

    assertThat(urls).hasSize(20);
    assertThat(urls.stream().filter(Optional::isPresent)).hasSize(10);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the future did not succeed in 10 s", e);
    }
  }
}
