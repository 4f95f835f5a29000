package org.consentgateway.db;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the gateway talks to: the configured external server, or else the embedded one
 * under the data folder (started, reused or adopted; see {@link EmbeddedPostgres}). Closing stops
 * the embedded server only if this process is the one that runs it.
 */
public final class DatabaseServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseServer.class);

  private final DatabaseCoordinates coordinates;
  private final Optional<EmbeddedPostgres> embedded;

  private DatabaseServer(DatabaseCoordinates external) {
    this.coordinates = external;
    this.embedded = Optional.empty();
  }

  private DatabaseServer(EmbeddedPostgres embedded) {
    this.coordinates = embedded.coordinates();
    this.embedded = Optional.of(embedded);
  }

  /** Blocking: may start a server and wait for it. */
  public static DatabaseServer open(DatabaseConfig config) {
    requireNonNull(config, "config is null");
    if (config.url().isPresent()) {
      DatabaseCoordinates external = DatabaseCoordinates.parse(config.url().get(), config.user(), config.password());
      LOG.info("using external PostgreSQL at {}", external);
      return new DatabaseServer(external);
    }
    return new DatabaseServer(EmbeddedPostgres.start(config.dataDir().toAbsolutePath().normalize(), config.embeddedPort()));
  }

  public DatabaseCoordinates coordinates() {
    return coordinates;
  }

  public boolean embedded() {
    return embedded.isPresent();
  }

  /**
   * Keeps the embedded server running while the returned handle is open ({@link PostgresSupervisor});
   * does nothing for an external server, or for an embedded one another live process owns (that
   * process supervises it). Close it before this.
   */
  public AutoCloseable supervise() {
    if (embedded.isEmpty() || !embedded.get().startedHere()) {
      return () -> { };
    }
    return PostgresSupervisor.start(embedded.get());
  }

  @Override
  public void close() {
    embedded.ifPresent(EmbeddedPostgres::close);
  }
}
