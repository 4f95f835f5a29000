package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server of a gateway data folder. Its files live in the server folder
 * (see {@link DataLayout}, chosen by {@link ServerHome}): normally the data folder itself, with
 * {@code PGDATA = <dataDir>/postgres}, binaries extracted once into
 * {@code <dataDir>/postgres-binaries/<version>/}, the generated password of role {@code gateway} in
 * {@code <dataDir>/postgres.password} (mode 0600) and the server log in {@code <dataDir>/postgres.log}.
 * The server listens on 127.0.0.1 only.
 *
 * <p>At most one server runs per data folder. {@link #start} reuses a running one: if the process
 * that started it is still alive (a {@code gateway serve} while {@code gateway records import}
 * runs), this handle only borrows it ({@link #startedHere()} is false, {@link #close()} leaves it
 * running); if that process is gone (a killed gateway), this handle adopts it and stops it on
 * close. Start and stop decisions, and the choice of the server folder, are serialised across
 * processes by a file lock on {@code <dataDir>/postgres.lock}.
 *
 * <p>When the gateway runs as root the server runs as uid/gid {@value ServerUser#UNPRIVILEGED_ID}
 * (PostgreSQL refuses root), which must be able to enter every parent folder of the server folder.
 * When it cannot reach the data folder (one inside {@code /root}, say), the server folder is a folder
 * of its own under {@value ServerHome#DEFAULT_FALLBACK_ROOT}.
 *
 * <p>Blocking: call at start-up or shutdown, never on an event loop. Thread-safe.
 */
public final class EmbeddedPostgres implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String LOOPBACK = "127.0.0.1";
  /** Made by initdb; exists before the gateway's own database does. */
  private static final String MAINTENANCE_DATABASE = "postgres";
  /** A JVM holds a FileChannel lock once; threads of one JVM queue here before taking it. */
  private static final Object JVM_LOCK = new Object();

  private final DataLayout layout;
  private final DatabaseCoordinates coordinates;
  /** Present only when this handle stops the server on close. */
  private final Optional<PostgresProcess> stopper;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A handle that borrows a server another live process owns: closing it leaves the server running. */
  private EmbeddedPostgres(DataLayout layout, DatabaseCoordinates coordinates) {
    this.layout = layout;
    this.coordinates = coordinates;
    this.stopper = Optional.empty();
  }

  /** A handle that owns the server: closing it stops the server with {@code stopper}. */
  private EmbeddedPostgres(DataLayout layout, DatabaseCoordinates coordinates, PostgresProcess stopper) {
    this.layout = layout;
    this.coordinates = coordinates;
    this.stopper = Optional.of(stopper);
  }

  /**
   * Starts (or reuses) the embedded server of the data folder {@code dataDir}; returns once it
   * accepts connections.
   *
   * @param preferredPort the port a newly started server listens on; a running server keeps its own
   * @throws EmbeddedPostgresException with what to do, when the server cannot be started or reused
   */
  public static EmbeddedPostgres start(Path dataDir, int preferredPort) throws EmbeddedPostgresException {
    return start(dataDir, preferredPort, Path.of(ServerHome.DEFAULT_FALLBACK_ROOT));
  }

  /** As {@link #start(Path, int)}, with server folders that leave the data folder going under {@code fallbackRoot}. */
  static EmbeddedPostgres start(Path dataDir, int preferredPort, Path fallbackRoot) throws EmbeddedPostgresException {
    requireNonNull(dataDir, "dataDir is null");
    requireNonNull(fallbackRoot, "fallbackRoot is null");
    if (preferredPort < 1 || preferredPort > 65535) {
      throw new IllegalArgumentException("preferredPort must be 1..65535, was " + preferredPort);
    }
    Path folder = dataDir.toAbsolutePath().normalize();
    ServerUser user = ServerUser.detect();
    createDataDir(folder);
    return underLock(DataLayout.lockFile(folder), () -> {
      DataLayout layout = ServerHome.locate(folder, user, fallbackRoot);
      user.requireTraversable(layout.serverDir());
      new Cluster(layout, user).requireNotForeign();
      return RunningServer.find(layout.pgdata())
          .map(running -> attach(layout, user, running))
          .orElseGet(() -> startNew(layout, user, preferredPort));
    });
  }

  /** Where to connect: 127.0.0.1, the server's port, database and role {@code gateway}. */
  public DatabaseCoordinates coordinates() {
    return coordinates;
  }

  /** True when this handle started or adopted the server and so stops it on {@link #close()}. */
  public boolean startedHere() {
    return stopper.isPresent();
  }

  /**
   * Stops the server ({@code pg_ctl stop -m fast}, waiting until it is down) if {@link
   * #startedHere()}; otherwise leaves it to its owner. Safe to call more than once.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true) || stopper.isEmpty()) {
      return;
    }
    underLock(layout.lockFile(), () -> {
      if (RunningServer.find(layout.pgdata()).isPresent()) {
        stopper.get().stop(layout.pgdata());
        LOG.info("Stopped the embedded PostgreSQL on port {}", coordinates.port());
      } else {
        LOG.info("The embedded PostgreSQL on port {} had already stopped", coordinates.port());
      }
      ServerOwner.release(layout.ownerFile());
      return null;
    });
  }

  /**
   * True when the server's postmaster is alive. A frozen one (SIGSTOP) counts as alive: waiting for
   * it is the pools' timeouts' business, not a reason to start a second server on its data.
   */
  public boolean isRunning() {
    return RunningServer.find(layout.pgdata()).isPresent();
  }

  /**
   * Starts the server again, on the same port and data, when it has stopped while this handle owns
   * it (its postmaster killed, or dead of a fault it could not recover from on its own); returns
   * once it accepts connections. Crash recovery of the data is PostgreSQL's own: whatever it had
   * committed is there again. Blocking; call it from a thread of its own ({@link PostgresSupervisor}).
   *
   * @return true when the server was down and runs again; false when it was running, when its
   *     dead postmaster has not been reaped yet (try again later), when this handle only borrows it
   *     (its owner restarts it), or after {@link #close()}
   * @throws EmbeddedPostgresException when it cannot be started; the message's first line says why
   *     without the server log, which follows it
   */
  public boolean restartIfStopped() {
    if (stopper.isEmpty()) {
      return false;
    }
    return underLock(layout.lockFile(), () -> {
      // close() marks the handle before it takes the lock: a stopped server stays stopped.
      if (closed.get() || isRunning() || RunningServer.awaitsReaping(layout.pgdata())) {
        return false;
      }
      launch(layout, stopper.get(), coordinates);
      return true;
    });
  }

  @Override
  public String toString() {
    return "EmbeddedPostgres[" + coordinates + ", dataDir=" + layout.dataDir() + ", serverDir=" + layout.serverDir()
        + ", startedHere=" + startedHere() + "]";
  }

  /** A server already running on this data folder: borrow it, or adopt it if its owner is gone. */
  private static EmbeddedPostgres attach(DataLayout layout, ServerUser user, RunningServer running) {
    DatabaseCoordinates coordinates = coordinates(running.port(), new Cluster(layout, user).readPassword());
    // It may still be starting up or recovering after its owner was killed.
    ServerProbe.awaitAcceptingConnections(coordinates.withDatabase(MAINTENANCE_DATABASE), PostgresProcess.START_TIMEOUT,
        layout.logFile());
    // Its owner may have been killed between starting it and creating the database.
    ServerProbe.ensureDatabase(coordinates);
    Optional<Long> owner = ServerOwner.live(layout.ownerFile());
    if (owner.isPresent()) {
      LOG.info("Reusing the embedded PostgreSQL already running on port {} (pid {}); process {} owns it and will stop it",
          running.port(), running.pid(), owner.get());
      return new EmbeddedPostgres(layout, coordinates);
    }
    PostgresProcess postgres = new PostgresProcess(PostgresBinaries.ensureExtracted(layout.binariesRoot(), user), user);
    ServerOwner.claim(layout.ownerFile());
    LOG.info("Adopted the embedded PostgreSQL left running on port {} (pid {}) by a process that is gone; it stops with this one",
        running.port(), running.pid());
    return new EmbeddedPostgres(layout, coordinates, postgres);
  }

  private static EmbeddedPostgres startNew(DataLayout layout, ServerUser user, int port) {
    requirePortFree(port);
    Path binaries = PostgresBinaries.ensureExtracted(layout.binariesRoot(), user);
    user.requireTraversable(binaries);
    PostgresProcess postgres = new PostgresProcess(binaries, user);
    Cluster cluster = new Cluster(layout, user);
    if (!cluster.isInitialised()) {
      cluster.initialise(postgres);
    }
    cluster.handToServerUser();
    DatabaseCoordinates coordinates = coordinates(port, cluster.readPassword());
    prepareLogFile(layout, user);
    launch(layout, postgres, coordinates);
    LOG.info("Started the embedded PostgreSQL on {}:{} (data {})", LOOPBACK, port, layout.pgdata());
    return new EmbeddedPostgres(layout, coordinates, postgres);
  }

  /** Starts the server on an initialised cluster, waits for it and claims it; stops it again if any step fails. */
  private static void launch(DataLayout layout, PostgresProcess postgres, DatabaseCoordinates coordinates) {
    try {
      postgres.start(layout.pgdata(), coordinates.port(), layout.logFile());
    } catch (EmbeddedPostgresException e) {
      EmbeddedPostgresException failure =
          new EmbeddedPostgresException(e.getMessage() + ServerProbe.logTail(layout.logFile()), e);
      if (RunningServer.find(layout.pgdata()).isPresent()) {
        stopQuietly(postgres, layout, failure); // pg_ctl gave up waiting, the server may yet come up
      }
      throw failure;
    }
    try {
      ServerProbe.awaitAcceptingConnections(coordinates.withDatabase(MAINTENANCE_DATABASE), PostgresProcess.START_TIMEOUT,
          layout.logFile());
      ServerProbe.ensureDatabase(coordinates);
      ServerOwner.claim(layout.ownerFile());
    } catch (RuntimeException e) {
      stopQuietly(postgres, layout, e);
      throw e;
    }
  }

  private static DatabaseCoordinates coordinates(int port, String password) {
    return new DatabaseCoordinates(LOOPBACK, port, PostgresProcess.GATEWAY_ROLE, PostgresProcess.GATEWAY_ROLE, password);
  }

  /** A fresh start never moves to another port silently: the caller configured this one. */
  private static void requirePortFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As PostgreSQL does: connections of a previous server in TIME_WAIT must not count as "in use".
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
    } catch (IOException e) {
      throw new EmbeddedPostgresException("port " + port + " on " + LOOPBACK + " is already in use by another program ("
          + e.getMessage() + "), so the embedded PostgreSQL cannot listen on it; stop that program, choose another port "
          + "(GATEWAY_DB_EMBEDDED_PORT), or set GATEWAY_DB_URL to use an external PostgreSQL", e);
    }
  }

  /** pg_ctl opens the log as the server user, who may not create files in the data folder. */
  private static void prepareLogFile(DataLayout layout, ServerUser user) {
    try {
      if (!Files.exists(layout.logFile())) {
        Files.createFile(layout.logFile());
      }
      user.chown(layout.logFile());
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot create " + layout.logFile() + ": " + e.getMessage(), e);
    }
  }

  private static void createDataDir(Path dataDir) {
    try {
      PostgresBinaries.createTraversableDirectory(dataDir);
    } catch (IOException e) {
      throw new EmbeddedPostgresException("cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static void stopQuietly(PostgresProcess postgres, DataLayout layout, RuntimeException failure) {
    try {
      postgres.stop(layout.pgdata());
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static <T> T underLock(Path lockFile, Supplier<T> action) {
    synchronized (JVM_LOCK) {
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        channel.lock(); // released when the channel closes, also if this JVM dies
        return action.get();
      } catch (IOException e) {
        throw new EmbeddedPostgresException("cannot lock " + lockFile + ": " + e.getMessage(), e);
      }
    }
  }
}
