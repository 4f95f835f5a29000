package org.consentgateway.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.Sessions;
import org.consentgateway.policy.PurposeCatalog;

/**
 * Registers the clients a test needs, as an operator's commands would, and waits for each answer:
 * a {@link RegistryAdmin} on the test's database with sessions of its own, closed with this.
 *
 * <pre>{@code
 * try (TestRegistry registry = TestRegistry.open(database)) {
 *   registry.addInstitution(BANK, "示范银行", key, List.of("LOAN_APPROVAL"), "DETAIL");
 * }
 * }</pre>
 */
public final class TestRegistry implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Sessions sessions;
  private final RegistryAdmin admin;

  private TestRegistry(Vertx vertx, Sessions sessions, PurposeCatalog catalog) {
    this.vertx = vertx;
    this.sessions = sessions;
    this.admin = new RegistryAdmin(sessions, catalog);
  }

  /** With the purposes of the project's {@code policies/}. */
  public static TestRegistry open(DatabaseCoordinates database) {
    return open(database, PurposeCatalog.load(Path.of("policies")));
  }

  public static TestRegistry open(DatabaseCoordinates database, PurposeCatalog catalog) {
    Vertx vertx = Vertx.vertx();
    try {
      return new TestRegistry(vertx, ReactiveDatabase.sessions(vertx, database, 2, ClientRegistry.ENTITIES), catalog);
    } catch (RuntimeException e) {
      Blocking.await(vertx.close(), WAIT);
      throw e;
    }
  }

  /** The registry itself, for a test of its answers. */
  public RegistryAdmin admin() {
    return admin;
  }

  /** Waits for {@code answer}; a refusal is thrown as the {@link RegistryException} it is. */
  public <T> T await(Future<T> answer) {
    return Blocking.await(answer, WAIT);
  }

  public Institution addInstitution(String uscc, String name, ClientKey key, List<String> purposes, String maxGrade) {
    return await(admin.addInstitution(uscc, name, key, purposes, maxGrade));
  }

  public Institution disableInstitution(String uscc) {
    return await(admin.disableInstitution(uscc));
  }

  public Institution setInstitutionKey(String uscc, ClientKey key) {
    return await(admin.setInstitutionKey(uscc, key));
  }

  public Institution setInstitutionWebhook(String uscc, String url) {
    return await(admin.setInstitutionWebhook(uscc, url));
  }

  public Institution setInstitutionRedirectUris(String uscc, List<String> uris) {
    return await(admin.setInstitutionRedirectUris(uscc, uris));
  }

  public Regulator addRegulator(String id, String name, ClientKey key) {
    return await(admin.regulators().add(id, name, key));
  }

  public Operator addOperator(String id, String name, ClientKey key) {
    return await(admin.operators().add(id, name, key));
  }

  @Override
  public void close() {
    sessions.close();
    Blocking.await(vertx.close(), WAIT);
  }
}
