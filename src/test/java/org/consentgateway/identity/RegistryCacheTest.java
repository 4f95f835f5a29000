package org.consentgateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.consentgateway.db.Blocking;
import org.consentgateway.db.ChannelListener;
import org.consentgateway.db.DatabaseCoordinates;
import org.consentgateway.db.Polling;
import org.consentgateway.db.PoolTimeouts;
import org.consentgateway.db.ReactiveDatabase;
import org.consentgateway.db.Sessions;
import org.consentgateway.db.TestDatabase;
import org.consentgateway.value.UnifiedSocialCreditCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry cache against real PostgreSQL: what it serves while it listens, what a change's
 * notification does, and that nothing cached is served once the listening connection is lost.
 * A change "unheard" is made with the registry's trigger disabled, so only a cache would miss it.
 * The cache listens as a role of its own, {@value #LISTENER}, so a test can cut it off and keep it
 * from connecting again for as long as it needs.
 */
@ExtendWith(TestDatabase.class)
class RegistryCacheTest {

  private static final String BANK = "91350100M000100Y43";
  private static final UnifiedSocialCreditCode USCC = UnifiedSocialCreditCode.parse(BANK);
  private static final ClientKey KEY = ClientKey.read(Path.of("keys-example", "institution.pub.pem"));
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String LISTENER = "registry_cache_test_listener";

  private final Vertx vertx = Vertx.vertx();
  private DatabaseCoordinates database;
  private Sessions sessions;
  private RegistryCache cache;
  private ClientRegistry registry;
  private ChannelListener listener;

  @BeforeEach
  void listen(DatabaseCoordinates database) throws Exception {
    this.database = database;
    sql("delete from institutions");
    try (TestRegistry admin = TestRegistry.open(database)) {
      admin.addInstitution(BANK, "Demo Bank", KEY, List.of("LOAN_APPROVAL"), "SUMMARY");
    }
    sessions = ReactiveDatabase.sessions(vertx, database, 2, ClientRegistry.ENTITIES);
    cache = new RegistryCache();
    registry = new ClientRegistry(sessions, cache);
    sql("do $$ begin if not exists (select from pg_roles where rolname = '" + LISTENER + "') then create role " + LISTENER
        + " login password '" + LISTENER + "'; end if; end $$");
    sql("alter role " + LISTENER + " login");
    DatabaseCoordinates asListener = new DatabaseCoordinates(database.host(), database.port(), database.database(), LISTENER,
        LISTENER);
    listener = ChannelListener.start(vertx, asListener, PoolTimeouts.DEFAULTS, RegistryCache.CHANNEL, cache);
    Polling.until("the cache listens", cache::trusted);
  }

  @AfterEach
  void close() throws Exception {
    listener.close();
    Polling.until("the listener has gone", () -> count("select count(*) from pg_stat_activity where usename = '" + LISTENER + "'") == 0);
    sql("drop role " + LISTENER);
    sessions.close();
    Blocking.await(vertx.close(), WAIT);
  }

  @Test
  void servesWhatItReadUntilAChangeIsNotified() throws Exception {
    assertThat(active()).isTrue();
    unheard("update institutions set status = 'DISABLED'");
    assertThat(active()).as("served from the cache: no notification came").isTrue();

    sql("update institutions set name = 'Demo Bank (renamed)'");

    Polling.until("the change is heard", () -> !active());
    assertThat(name()).isEqualTo("Demo Bank (renamed)");
  }

  @Test
  void servesAWebhookUrlUntilAChangeIsNotified() throws Exception {
    unheard("update institutions set webhook_url = 'https://bank.example/consents'");
    assertThat(webhook()).contains("https://bank.example/consents");
    unheard("update institutions set webhook_url = null");
    assertThat(webhook()).as("served from the cache: no notification came").contains("https://bank.example/consents");

    sql("update institutions set webhook_url = 'https://bank.example/v2/consents'");

    Polling.until("the change is heard", () -> webhook().equals(Optional.of("https://bank.example/v2/consents")));
  }

  @Test
  void aLookupAfreshReadsTheDatabaseAndCachesWhatItRead() throws Exception {
    assertThat(Blocking.await(registry.find(BANK), WAIT).orElseThrow().active()).isTrue();
    unheard("update institutions set status = 'DISABLED'");
    assertThat(Blocking.await(registry.find(BANK), WAIT).orElseThrow().active()).as("cached").isTrue();

    assertThat(Blocking.await(registry.findAfresh(BANK), WAIT).orElseThrow().active()).isFalse();
    assertThat(Blocking.await(registry.find(BANK), WAIT).orElseThrow().active()).as("cached afresh").isFalse();
  }

  @Test
  void anInstitutionRegisteredAfterALookupFoundNothingIsFound() throws Exception {
    String other = UnifiedSocialCreditCode.of("91350100M00020000").value();
    assertThat(Blocking.await(registry.find(other), WAIT)).isEmpty();

    try (TestRegistry admin = TestRegistry.open(database)) {
      admin.addInstitution(other, "Other Bank", KEY, List.of("LOAN_APPROVAL"), "BASIC");
    }

    Polling.until("the registration is heard", () -> Blocking.await(registry.find(other), WAIT).isPresent());
  }

  @Test
  void servesNothingCachedOnceTheListeningConnectionIsLostAndClearsItWhenListeningAgain() throws Exception {
    assertThat(active()).isTrue();

    sql("alter role " + LISTENER + " nologin");
    sql("select pg_terminate_backend(pid) from pg_stat_activity where usename = '" + LISTENER + "'");
    Polling.until("the loss is noticed", () -> !cache.trusted());
    unheard("update institutions set status = 'DISABLED'");
    assertThat(active()).as("read from the database while nothing listens").isFalse();
    unheard("update institutions set status = 'ACTIVE'");
    assertThat(active()).isTrue();
    assertThat(cache.trusted()).as("still cut off").isFalse();

    sql("alter role " + LISTENER + " login");
    Polling.until("listening again", cache::trusted);
    unheard("update institutions set status = 'DISABLED'");
    assertThat(active()).as("nothing cached before listening again is served").isFalse();
  }

  @Test
  void aListeningConnectionThatStopsAnsweringWithoutClosingCountsAsLost() throws Exception {
    assertThat(active()).isTrue();
    long backend = count("select pid from pg_stat_activity where usename = '" + LISTENER + "'");

    // Its server process frozen: the socket stays open and silent, as behind a dropped network.
    signal("STOP", backend);
    try {
      Polling.until("the silence is noticed by the heartbeat", () -> !cache.trusted());
      unheard("update institutions set status = 'DISABLED'");
      assertThat(active()).as("read from the database while the listener is silent").isFalse();
    } finally {
      signal("CONT", backend);
    }
    Polling.until("listening again", cache::trusted);
  }

  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).as("kill -" + name).isZero();
  }

  private boolean active() {
    return Blocking.await(registry.findInstitution(USCC), WAIT).orElseThrow().active();
  }

  private Optional<String> webhook() {
    return Blocking.await(registry.webhookUrl(BANK), WAIT);
  }

  private String name() {
    return Blocking.await(registry.findInstitution(USCC), WAIT).orElseThrow().name();
  }

  /** A change no cache hears of: the registry's trigger is off while it is made. */
  private void unheard(String update) throws Exception {
    sql("alter table institutions disable trigger institutions_changed");
    try {
      sql(update);
    } finally {
      sql("alter table institutions enable trigger institutions_changed");
    }
  }

  private long count(String query) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement run = connection.createStatement();
        ResultSet rows = run.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void sql(String statement) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement run = connection.createStatement()) {
      if (run.execute(statement)) {
        try (ResultSet ignored = run.getResultSet()) {
          // the rows of a select are not needed
        }
      }
    }
  }
}
