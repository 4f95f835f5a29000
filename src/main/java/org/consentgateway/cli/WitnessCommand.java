package org.consentgateway.cli;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.consentgateway.audit.Cosigner;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.witness.Witness;
import org.consentgateway.witness.WitnessServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gateway witness}: run a witness that cosigns the audit log's checkpoints (C2SP tlog-witness). */
@Command(name = "witness", mixinStandardHelpOptions = true,
    description = "Run a witness of audit logs (C2SP tlog-witness), or make its key. See docs/audit.md.",
    subcommands = {WitnessCommand.Serve.class, WitnessCommand.NewKey.class})
final class WitnessCommand {

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Serve POST /add-checkpoint until SIGTERM or Ctrl-C, cosigning the followed logs' consistent checkpoints.")
  static final class Serve implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Serve.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The witness's Ed25519 private key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The witness's name, e.g. witness.regulator.example/w1.")
    String name;

    @Option(names = "--log", required = true, paramLabel = "ORIGIN=VKEY",
        description = "A log to follow: its origin and the verifier key of its checkpoints (repeat for more).")
    List<String> logs;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder for the witness's state (created if missing).")
    Path data;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8091", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
      StopSignals signals = StopSignals.install();
      Cosigner cosigner = Cosigner.of(name, PemFiles.readPrivateKey(key));
      Witness witness = new Witness(followedLogs(), data, cosigner, Clock.systemUTC());
      Vertx vertx = Vertx.vertx();
      try {
        HttpServer server = new WitnessServer(vertx, witness).listen(host, port).toCompletionStage().toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
        LOG.info("witness {} listening on http://{}:{}/add-checkpoint for {}", cosigner.key().vkey(), host, server.actualPort(),
            String.join(", ", followedLogs().keySet()));
        LOG.info("{} received: stopping", signals.await());
      } finally {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      return 0;
    }

    private Map<String, NoteVerifier> followedLogs() {
      Map<String, NoteVerifier> followed = new LinkedHashMap<>();
      for (String log : logs) {
        int equals = log.indexOf('=');
        if (equals <= 0) {
          throw new ParameterException(spec.commandLine(), "--log is ORIGIN=VKEY: " + log);
        }
        followed.put(log.substring(0, equals), NoteVerifier.parse(log.substring(equals + 1)));
      }
      return followed;
    }
  }

  @Command(name = "new-key", mixinStandardHelpOptions = true,
      description = "Make a witness key: writes the private key (PKCS#8 PEM, owner-only) and prints the verifier key to publish.")
  static final class NewKey implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The witness's name.")
    String name;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the private key (must not exist).")
    Path out;

    @Override
    public Integer call() throws Exception {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Cosigner cosigner = Cosigner.of(name, pair.getPrivate(), pair.getPublic());
      PemFiles.writePrivateKey(out, pair.getPrivate());
      spec.commandLine().getOut().println(cosigner.key().vkey());
      return 0;
    }
  }
}
