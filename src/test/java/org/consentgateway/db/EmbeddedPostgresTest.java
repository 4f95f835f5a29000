package org.consentgateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** Starts real PostgreSQL servers from the bundled binaries; nothing is mocked. */
class EmbeddedPostgresTest {

  private static final String EXTRACTS = "extracts-binaries";

  /** Binaries extracted once for the class; most tests link them in instead of extracting again. */
  @TempDir static Path sharedDir;
  static Path sharedBinaries;

  @TempDir Path tempDir;
  Path dataDir;
  /** Where the server's files live: the data folder, unless a test moves them. */
  Path serverDir;

  @BeforeAll
  static void extractBinariesOnce() throws IOException {
    makeEnterable(sharedDir);
    sharedBinaries = PostgresBinaries.ensureExtracted(sharedDir.resolve("postgres-binaries"), ServerUser.detect());
  }

  @BeforeEach
  void linkExtractedBinaries(TestInfo test) throws IOException {
    makeEnterable(tempDir);
    dataDir = tempDir.resolve("data");
    serverDir = dataDir;
    if (!test.getTags().contains(EXTRACTS)) {
      linkTree(sharedBinaries, dataDir.resolve("postgres-binaries").resolve(sharedBinaries.getFileName()));
    }
  }

  /** Whatever a failed assertion skipped, no server outlives its test. */
  @AfterEach
  void stopLeftoverServer() throws IOException, InterruptedException {
    if (!postmasters(serverDir).isEmpty()) {
      new PostgresProcess(sharedBinaries, ServerUser.detect()).stop(serverDir.resolve("postgres"));
    }
  }

  @Test
  @Tag(EXTRACTS)
  void firstStartInitialisesTheClusterAndCloseLeavesNothingRunning() throws Exception {
    Path killedExtraction = Files.createDirectories(dataDir.resolve("postgres-binaries/17.0.0.partial-killed/bin"));

    EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, freePort());

    DatabaseCoordinates db = postgres.coordinates();
    assertThat(postgres.startedHere()).isTrue();
    assertThat(db.host()).isEqualTo("127.0.0.1");
    assertThat(db.database()).isEqualTo("gateway");
    assertThat(db.user()).isEqualTo("gateway");
    assertThat(db.password()).hasSizeGreaterThanOrEqualTo(24);
    assertThat(queryText(db, "select current_database() || ' ' || current_setting('listen_addresses')"
        + " || ' [' || current_setting('unix_socket_directories') || ']'")).isEqualTo("gateway 127.0.0.1 []");
    assertThat(killedExtraction.getParent()).doesNotExist();
    Path passwordFile = dataDir.resolve("postgres.password");
    assertThat(Files.readString(passwordFile).strip()).isEqualTo(db.password());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    assertThat(Files.getAttribute(passwordFile, "unix:uid")).isEqualTo(Files.getAttribute(tempDir, "unix:uid"));
    assertThat(postmasters(dataDir)).hasSize(1);

    postgres.close();

    assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    assertThat(postmasters(dataDir)).isEmpty();
    assertThat(Files.readString(dataDir.resolve("postgres.log"))).doesNotContain(db.password());
    postgres.close(); // idempotent
  }

  @Test
  void dataAndPasswordSurviveARestartEvenOverAStalePidFile() throws Exception {
    String password;
    try (EmbeddedPostgres first = EmbeddedPostgres.start(dataDir, freePort())) {
      password = first.coordinates().password();
      execute(first.coordinates(), "create table kept (note text); insert into kept values ('still here')");
    }
    // A postmaster.pid left by a crash, naming a process that no longer exists.
    Path pidFile = dataDir.resolve("postgres/postmaster.pid");
    Files.write(pidFile, List.of(Long.toString(deadPid()), dataDir.resolve("postgres").toString(), "0", "5432", "", "127.0.0.1"));

    try (EmbeddedPostgres second = EmbeddedPostgres.start(dataDir, freePort())) {
      assertThat(second.startedHere()).isTrue();
      assertThat(second.coordinates().password()).isEqualTo(password);
      assertThat(queryText(second.coordinates(), "select note from kept")).isEqualTo("still here");
      assertThat(postmasters(dataDir)).hasSize(1);
    }
    assertThat(postmasters(dataDir)).isEmpty();
    assertThat(Files.list(dataDir.resolve("postgres-binaries"))).hasSize(1);
  }

  @Test
  void aServerThatWillNotStartIsExplainedWithTheEndOfItsLog() throws Exception {
    EmbeddedPostgres.start(dataDir, freePort()).close();
    Files.writeString(dataDir.resolve("postgres/postgresql.conf"), "shared_buffers = plenty\n", StandardOpenOption.APPEND);

    assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, freePort()))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageContaining("pg_ctl start failed")
        .hasMessageContaining("last lines of " + dataDir.resolve("postgres.log"))
        .hasMessageContaining("shared_buffers");
    assertThat(postmasters(dataDir)).isEmpty();
  }

  @Test
  void aSecondHandleBorrowsTheServerOfALiveOwnerAndLeavesItRunning() throws Exception {
    try (EmbeddedPostgres owner = EmbeddedPostgres.start(dataDir, freePort())) {
      EmbeddedPostgres borrower = EmbeddedPostgres.start(dataDir, freePort());

      assertThat(borrower.startedHere()).isFalse();
      assertThat(borrower.coordinates()).isEqualTo(owner.coordinates());
      borrower.close();
      assertThat(queryText(owner.coordinates(), "select 'up'")).isEqualTo("up");
      assertThat(postmasters(dataDir)).hasSize(1);
    }
    assertThat(postmasters(dataDir)).isEmpty();
  }

  @Test
  void theServerOfAKilledGatewayIsBorrowedWhileItLivesThenAdoptedAndStopped() throws Exception {
    int port = freePort();
    Process gateway = startGatewayInChildJvm(port);
    try {
      String postmaster = postmasters(dataDir).get(0);

      try (EmbeddedPostgres whileGatewayRuns = EmbeddedPostgres.start(dataDir, freePort())) {
        assertThat(whileGatewayRuns.startedHere()).isFalse();
        assertThat(whileGatewayRuns.coordinates().port()).isEqualTo(port);
      }
      assertThat(postmasters(dataDir)).containsExactly(postmaster);

      gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

      try (EmbeddedPostgres afterKill = EmbeddedPostgres.start(dataDir, freePort())) {
        assertThat(afterKill.startedHere()).isTrue();
        assertThat(afterKill.coordinates().port()).isEqualTo(port);
        assertThat(postmasters(dataDir)).containsExactly(postmaster);
        assertThat(Files.readString(dataDir.resolve("postgres.owner"))).startsWith(ProcessHandle.current().pid() + " ");
      }
      assertThat(postmasters(dataDir)).isEmpty();
      assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    } finally {
      gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aServerWhoseOwnerIsAZombieNotYetReapedIsAdopted() throws Exception {
    // The shell execs into sleep, which never reaps its finished child: a zombie, as a killed
    // gateway is until its parent (say, a slow container init) reaps it.
    Process parentOfZombie = new ProcessBuilder("sh", "-c", "true & echo $!; exec sleep 60").start();
    try {
      long zombie = Long.parseLong(new BufferedReader(new InputStreamReader(parentOfZombie.getInputStream(),
          StandardCharsets.UTF_8)).readLine().strip());
      EmbeddedPostgres forgotten = EmbeddedPostgres.start(dataDir, freePort());
      Files.writeString(dataDir.resolve("postgres.owner"), zombie + " -1\n");

      try (EmbeddedPostgres next = EmbeddedPostgres.start(dataDir, freePort())) {
        assertThat(next.startedHere()).isTrue();
        assertThat(next.coordinates().port()).isEqualTo(forgotten.coordinates().port());
        assertThat(postmasters(dataDir)).hasSize(1);
      }
      assertThat(postmasters(dataDir)).isEmpty();
    } finally {
      parentOfZombie.destroyForcibly();
    }
  }

  @Test
  void aPortTakenByAnotherProgramIsNamed() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = squatter.getLocalPort();

      assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir, port))
          .isInstanceOf(EmbeddedPostgresException.class)
          .hasMessageContaining("port " + port + " ")
          .hasMessageContaining("already in use");
    }
    assertThat(dataDir.resolve("postgres")).doesNotExist();
  }

  @Test
  void asRootADataFolderTheServerUserCannotEnterGetsAServerFolderOfItsOwn() throws Exception {
    assumeThat(Files.getAttribute(tempDir, "unix:uid")).as("only root switches to uid 65534").isEqualTo(0);
    Path fallbackRoot = tempDir.resolve("var-lib-consent-gateway");
    dataDir = Files.createDirectories(privateFolder("home").resolve("gateway/data"));
    serverDir = fallbackRoot.resolve(ServerHome.folderName(dataDir.toRealPath()));
    makeEnterable(Files.createDirectories(serverDir));
    makeEnterable(fallbackRoot);
    linkTree(sharedBinaries, serverDir.resolve("postgres-binaries").resolve(sharedBinaries.getFileName()));

    String password;
    try (EmbeddedPostgres first = EmbeddedPostgres.start(dataDir, freePort(), fallbackRoot)) {
      assertThat(first.startedHere()).isTrue();
      password = first.coordinates().password();
      execute(first.coordinates(), "create table kept (note text); insert into kept values ('still here')");
      assertThat(postmasters(serverDir)).hasSize(1);
      try (Stream<Path> inDataFolder = Files.list(dataDir)) {
        assertThat(inDataFolder.map(path -> path.getFileName().toString())).containsExactly("postgres.lock");
      }
      assertThat(Files.readString(serverDir.resolve("data-folder")).strip()).isEqualTo(dataDir.toRealPath().toString());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(serverDir.resolve("postgres.password"))))
          .isEqualTo("rw-------");

      // Another process of the same data folder finds the same server through the same lock.
      try (EmbeddedPostgres borrower = EmbeddedPostgres.start(dataDir, freePort(), fallbackRoot)) {
        assertThat(borrower.startedHere()).isFalse();
        assertThat(borrower.coordinates()).isEqualTo(first.coordinates());
      }
    }
    assertThat(postmasters(serverDir)).isEmpty();

    try (EmbeddedPostgres second = EmbeddedPostgres.start(dataDir, freePort(), fallbackRoot)) {
      assertThat(second.coordinates().password()).isEqualTo(password);
      assertThat(queryText(second.coordinates(), "select note from kept")).isEqualTo("still here");
    }
    assertThat(postmasters(serverDir)).isEmpty();
  }

  @Test
  void aServerFolderNameIsStablePerDataFolderAndNeverShared() {
    assertThat(ServerHome.folderName(Path.of("/root/consent-gateway/data")))
        .isEqualTo(ServerHome.folderName(Path.of("/root/consent-gateway/data")))
        .matches("data-[0-9a-f]{32}")
        .isNotEqualTo(ServerHome.folderName(Path.of("/root/other/data")));
    assertThat(ServerHome.folderName(Path.of("/"))).startsWith("root-");
    assertThat(ServerHome.folderName(Path.of("/srv/my gateway"))).startsWith("my_gateway-");
  }

  @Test
  void asRootAFolderTheServerUserCannotEnterIsNamed() throws Exception {
    assumeThat(Files.getAttribute(tempDir, "unix:uid")).as("only root switches to uid 65534").isEqualTo(0);
    Path closed = Files.createDirectory(tempDir.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
    // Where the server's files would go instead is out of reach too.
    Path unusableFallback = privateFolder("var-lib").resolve("consent-gateway");

    assertThatThrownBy(() -> EmbeddedPostgres.start(closed.resolve("gateway/data"), freePort(), unusableFallback))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageContaining("cannot enter " + closed + " ")
        .hasMessageContaining("GATEWAY_DATA_DIR");
  }

  @Test
  void theBinariesArePickedByPlatformAndAMissingPlatformIsExplained() {
    assertThat(PostgresBinaries.resourceName("Linux", "amd64")).isEqualTo("postgres-linux-x86_64.txz");
    assertThat(PostgresBinaries.resourceName("Linux", "aarch64")).isEqualTo("postgres-linux-arm_64.txz");
    assertThat(PostgresBinaries.resourceName("Mac OS X", "x86_64")).isEqualTo("postgres-darwin-x86_64.txz");
    assertThat(PostgresBinaries.resourceName("Mac OS X", "aarch64")).isEqualTo("postgres-darwin-arm_64.txz");

    assertThatThrownBy(() -> PostgresBinaries.resource(PostgresBinaries.resourceName("SunOS", "sparcv9")))
        .isInstanceOf(EmbeddedPostgresException.class)
        .hasMessageContaining("this build carries no PostgreSQL binaries for sunos-sparcv9")
        .hasMessageContaining("set GATEWAY_DB_URL to use an external PostgreSQL");
  }

  /** A gateway in another JVM: starts the server, reports, then waits to be killed. */
  static final class ChildGateway {
    public static void main(String[] args) throws Exception {
      EmbeddedPostgres postgres = EmbeddedPostgres.start(Path.of(args[0]), Integer.parseInt(args[1]));
      System.out.println("started " + postgres.startedHere());
      System.out.flush();
      Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }
  }

  private Process startGatewayInChildJvm(int port) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
    command.addAll(TestDatabase.childJvmLogOptions());
    command.addAll(List.of(ChildGateway.class.getName(), dataDir.toString(), Integer.toString(port)));
    Process child = new ProcessBuilder(command)
        .redirectError(tempDir.resolve("child.log").toFile())
        .start();
    BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = output.readLine();
    assertThat(line).as("child gateway output; see %s", tempDir.resolve("child.log")).isEqualTo("started true");
    return child;
  }

  /** A folder only its owner may enter, as root's home is. */
  private Path privateFolder(String name) throws IOException {
    Path folder = Files.createDirectory(tempDir.resolve(name));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    return folder;
  }

  /** @TempDir is 0700; as root the server runs as uid 65534, which must be able to enter it. */
  static void makeEnterable(Path dir) throws IOException {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Copies a tree as hard links (instant, no extra space), keeping symbolic links as they are. */
  static void linkTree(Path source, Path target) throws IOException {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path path : paths.toList()) {
        Path copy = target.resolve(source.relativize(path).toString());
        if (Files.isSymbolicLink(path)) {
          Files.createSymbolicLink(copy, Files.readSymbolicLink(path));
        } else if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
          Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(path));
        } else {
          Files.createLink(copy, path);
        }
      }
    }
  }

  /** The postmaster processes serving this data folder ({@code postgres -D <pgdata>}). */
  static List<String> postmasters(Path dataDir) throws IOException, InterruptedException {
    Process ps = new ProcessBuilder("ps", "-eo", "pid,args").redirectErrorStream(true).start();
    String output = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor();
    String needle = "-D " + dataDir.toAbsolutePath().resolve("postgres");
    return output.lines()
        .filter(line -> line.endsWith(needle) || line.contains(needle + " "))
        .filter(line -> !line.contains("pg_ctl"))
        .map(String::strip)
        .toList();
  }

  private static long deadPid() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    return finished.pid();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      return socket.getLocalPort();
    }
  }

  static String queryText(DatabaseCoordinates db, String sql) throws SQLException {
    try (Connection connection = ServerProbe.connect(db); Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  static void execute(DatabaseCoordinates db, String sql) throws SQLException {
    try (Connection connection = ServerProbe.connect(db); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
