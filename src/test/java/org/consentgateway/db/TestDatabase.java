package org.consentgateway.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own clean, migrated PostgreSQL database:
 *
 * <pre>{@code
 * @ExtendWith(TestDatabase.class)
 * class SomeTest {
 *   @Test void x(DatabaseCoordinates db) { ... }
 * }
 * }</pre>
 *
 * <p>{@link DatabaseCoordinates} can be a parameter of test methods, constructors and
 * {@code @BeforeAll}/{@code @BeforeEach}/{@code @AfterEach}/{@code @AfterAll} methods; all of them
 * in one test class get the same database, created on first use (from a template migrated once per
 * run with {@link Migrations#migrate}) and dropped when the class has finished. A {@code @Nested}
 * class is a test class of its own and gets its own database.
 *
 * <p>The server is one per test run: the one named by {@code GATEWAY_TEST_DB_URL}
 * ({@code postgresql://user:password@host:port/db}, a role allowed to create databases) or else an
 * {@link EmbeddedPostgres} in a fresh folder under {@code java.io.tmpdir}, on a free port, stopped
 * and deleted when the run ends. It lives in the root extension store, which JUnit closes at the end
 * of the run (Surefire runs the whole suite as one run per fork), so no static state is needed; a
 * shutdown hook stops it even if the run is aborted.
 */
public final class TestDatabase implements ParameterResolver, AfterAllCallback {

  /** An external server for the suite; unset means an embedded one per run. */
  public static final String EXTERNAL_URL_VARIABLE = "GATEWAY_TEST_DB_URL";

  private static final Namespace NAMESPACE = Namespace.create(TestDatabase.class);

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == DatabaseCoordinates.class;
  }

  @Override
  public DatabaseCoordinates resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    ExtensionContext classContext = classContext(extensionContext);
    SharedServer server = extensionContext.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedServer.class, key -> SharedServer.start(), SharedServer.class);
    Class<?> testClass = classContext.getRequiredTestClass();
    // Keyed by class: a @Nested class's store would otherwise find its enclosing class's database.
    return classContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(testClass, key -> server.createDatabase(testClass), ClassDatabase.class)
        .coordinates();
  }

  /**
   * Before a class's database is dropped, its audit log and the suite's log so far are scanned: no
   * test may leave a raw ID number or a personal name in either (privacy by construction, checked
   * across the whole suite). The messages say what kind of thing was found and where, never the thing.
   */
  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    Class<?> testClass = context.getRequiredTestClass();
    ClassDatabase database = context.getStore(NAMESPACE).get(testClass, ClassDatabase.class);
    if (database == null) {
      return;
    }
    List<String> leaks = PrivacyScan.personalDataInAuditLog(database.coordinates());
    if (!leaks.isEmpty()) {
      throw new AssertionError(testClass.getSimpleName() + " left personal data in the audit log: " + leaks);
    }
    String logFile = System.getProperty("gateway.test.log-file");
    if (logFile != null) {
      List<String> logged = PrivacyScan.personalDataInFile(java.nio.file.Path.of(logFile));
      if (!logged.isEmpty()) {
        throw new AssertionError("personal data was logged by the time " + testClass.getSimpleName()
            + " finished, in " + logFile + ": " + logged);
      }
    }
  }

  /** The nearest enclosing test-class context: its store closes when the class has finished. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (!(current.getElement().orElse(null) instanceof Class<?>)) {
      current = current.getParent()
          .orElseThrow(() -> new IllegalStateException("TestDatabase resolves parameters inside test classes only"));
    }
    return current;
  }

  /** A class's database; closing it (end of the class) drops it. */
  private record ClassDatabase(SharedServer server, DatabaseCoordinates coordinates) implements AutoCloseable {
    @Override
    public void close() {
      server.dropDatabase(coordinates.database());
    }
  }

  /** The run's server and its migrated template database. */
  private static final class SharedServer implements AutoCloseable {

    private static final Duration TEMPLATE_BUSY_RETRY = Duration.ofSeconds(10);
    private static final int MAX_CLASS_NAME_LENGTH = 40;

    private final DatabaseCoordinates admin;
    private final Optional<EmbeddedPostgres> embedded;
    private final Optional<Path> tempDir;
    private final String runId = UUID.randomUUID().toString().substring(0, 6);
    private final String template = "t_template_" + runId;
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::close, "test-database-shutdown");

    private SharedServer(DatabaseCoordinates admin, Optional<EmbeddedPostgres> embedded, Optional<Path> tempDir) {
      this.admin = admin;
      this.embedded = embedded;
      this.tempDir = tempDir;
    }

    static SharedServer start() {
      String url = System.getenv(EXTERNAL_URL_VARIABLE);
      SharedServer server = url == null || url.isBlank()
          ? startEmbedded()
          : new SharedServer(DatabaseCoordinates.parse(url, null, null), Optional.empty(), Optional.empty());
      Runtime.getRuntime().addShutdownHook(server.shutdownHook);
      String createTemplate = "create database \"" + server.template + "\"";
      try {
        server.execute(createTemplate);
        Migrations.migrate(server.admin.withDatabase(server.template));
      } catch (SQLException e) {
        server.close();
        throw server.failure(createTemplate, e);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    }

    private static SharedServer startEmbedded() {
      Path tempDir;
      try {
        tempDir = Files.createTempDirectory("consent-gateway-test-db-");
        // createTempDirectory makes it 0700; as root the server runs as uid 65534, which must enter it.
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwxr-xr-x"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.start(tempDir, TestDatabase.freePort());
        return new SharedServer(postgres.coordinates(), Optional.of(postgres), Optional.of(tempDir));
      } catch (RuntimeException e) {
        deleteQuietly(tempDir);
        throw e;
      }
    }

    ClassDatabase createDatabase(Class<?> testClass) {
      String name = databaseName(testClass);
      String sql = "create database \"" + name + "\" template \"" + template + "\"";
      long deadline = System.nanoTime() + TEMPLATE_BUSY_RETRY.toNanos();
      while (true) {
        try {
          execute(sql);
          return new ClassDatabase(this, admin.withDatabase(name));
        } catch (SQLException e) {
          // 55006: the template is briefly in use (a connection of the migration still closing).
          if (!"55006".equals(e.getSQLState()) || System.nanoTime() > deadline) {
            throw failure(sql, e);
          }
          sleep();
        }
      }
    }

    void dropDatabase(String name) {
      try {
        execute("drop database if exists \"" + name + "\" with (force)");
      } catch (SQLException e) {
        // best effort: the server goes away at the end of the run anyway
      }
    }

    /** {@code t_<class>_<run>_<n>}: unique on a shared external server too, within 63 bytes. */
    private String databaseName(Class<?> testClass) {
      String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
      if (simple.length() > MAX_CLASS_NAME_LENGTH) {
        simple = simple.substring(0, MAX_CLASS_NAME_LENGTH);
      }
      return "t_" + simple + "_" + runId + "_" + counter.incrementAndGet();
    }

    private void execute(String sql) throws SQLException {
      try (Connection connection = ServerProbe.connect(admin); Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    private IllegalStateException failure(String sql, SQLException e) {
      return new IllegalStateException(sql + " failed on " + admin + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try {
        if (embedded.isPresent()) {
          embedded.get().close();
        } else {
          dropDatabase(template);
        }
      } finally {
        tempDir.ifPresent(SharedServer::deleteQuietly);
        removeShutdownHook();
      }
    }

    private void removeShutdownHook() {
      if (Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down; the hook is running or will find this closed
        }
      }
    }

    private static void deleteQuietly(Path dir) {
      try {
        PostgresBinaries.deleteRecursively(dir);
      } catch (IOException e) {
        // java.io.tmpdir is cleaned by the system eventually
      }
    }

    private static void sleep() {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** A port on the loopback that nothing listens on now (a server of a test's own, or one that must refuse). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JVM options for a child JVM on the test classpath: it logs through logback-test.xml too, so it
   * should write into the suite's log, which the privacy scan reads, and append, never truncating
   * what the suite wrote before it.
   */
  public static List<String> childJvmLogOptions() {
    String suiteLog = System.getProperty("gateway.test.log-file");
    return suiteLog == null
        ? List.of("-Dgateway.test.log-append=true")
        : List.of("-Dgateway.test.log-append=true", "-Dgateway.test.log-file=" + suiteLog);
  }
}
