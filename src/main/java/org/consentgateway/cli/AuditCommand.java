package org.consentgateway.cli;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.consentgateway.audit.AuditExport;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.LogVerifier;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.audit.StoredCheckpoint;
import org.consentgateway.audit.TileMirror;
import org.consentgateway.audit.TlogProof;
import org.consentgateway.audit.WitnessPolicy;
import org.consentgateway.audit.WitnessedCheckpoints;
import org.consentgateway.crypto.GatewayKeys;
import org.consentgateway.crypto.PemFiles;
import org.consentgateway.db.Blocking;
import org.consentgateway.wiring.GatewayConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gateway audit}: export, verify and prove the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Export, verify and prove the audit log.",
    subcommands = {AuditCommand.Export.class, AuditCommand.Verify.class, AuditCommand.Proof.class, AuditMirrorCommand.class})
final class AuditCommand {

  private static final Duration TIMEOUT = CommandDatabase.TIMEOUT;


  /** Runs {@code work} against the configured database's audit store. */
  interface StoreWork<T> {
    T run(AuditStore store, NoteVerifier verifier) throws Exception;
  }

  static <T> T withStore(GatewayConfig config, StoreWork<T> work) throws Exception {
    NoteVerifier verifier = NoteVerifier.of(config.checkpointKeyName(), GatewayKeys.load(config.keysDir()).checkpointKeyPair().getPublic());
    return CommandDatabase.with(config, database -> work.run(new AuditStore(database.pool()), verifier));
  }

  /** A verifier key given as its text ({@code name+id+key}) or as a file holding it. */
  static NoteVerifier verifierKey(String value) throws java.io.IOException {
    Path file = Path.of(value);
    String text = !value.contains("+") && Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : value.trim();
    return NoteVerifier.parse(text);
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write the whole log (entries, signed checkpoints, consistency proofs) to a folder for offline verification.")
  static final class Export implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
      AuditExport.Summary summary = withStore(config.load(), (store, verifier) -> AuditExport.write(store, verifier, out));
      spec.commandLine().getOut().printf("exported %d entries and %d signed checkpoints to %s%n", summary.entries(),
          summary.checkpoints(), out);
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verify the log without trusting the gateway: every entry, the hash chain, the Merkle tree, every signed "
          + "checkpoint and the consistency between them; or, with --case, a case file's entries and proofs, offline. "
          + "Exit 0 only when everything holds.")
  static final class Verify implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verifier-key", paramLabel = "KEY",
        description = "The log's verifier key (name+id+key, as /v1/audit/verifier-key gives it), or a file holding it. "
            + "Get it from a source you trust. Required but with --case, where it pins the key the case must hold.")
    String verifierKey;

    @Option(names = "--witness-policy", paramLabel = "FILE",
        description = "A witness policy (log key, witnesses, quorum; see docs/audit.md): also require a checkpoint cosigned by a "
            + "quorum of witnesses, and every cosignature of a named witness to verify.")
    Path witnessPolicy;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
      @Option(names = "--export", paramLabel = "DIR",
          description = "An export made by `gateway audit export`, or a mirror made by `gateway audit mirror`.")
      Path export;

      @Option(names = "--case", paramLabel = "FILE.zip", description = "A case file made by POST /v1/audit/cases.")
      Path caseFile;

      @ArgGroup(exclusive = false)
      Live live;
    }

    static final class Live {
      @Option(names = "--url", required = true, paramLabel = "URL", description = "A running gateway.")
      URI url;

      @Option(names = "--client-id", required = true, paramLabel = "ID", description = "Your regulator id.")
      String clientId;

      @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your regulator private key (PKCS#8 PEM).")
      Path key;

      @Option(names = "--aud", paramLabel = "URL", description = "The gateway's issuer URL, if it differs from --url.")
      String audience;
    }

    @Override
    public Integer call() throws Exception {
      if (source.caseFile != null) {
        return CaseCheck.run(source.caseFile, verifierKey, spec.commandLine().getOut());
      }
      if (verifierKey == null) {
        throw new ParameterException(spec.commandLine(), "Missing required option: '--verifier-key=KEY'");
      }
      NoteVerifier key = verifierKey(verifierKey);
      Optional<WitnessPolicy> policy = witnessPolicy == null ? Optional.empty()
          : Optional.of(WitnessPolicy.parse(Files.readString(witnessPolicy, StandardCharsets.UTF_8)));
      if (policy.isPresent() && !policy.get().log().equals(key)) {
        throw new IllegalArgumentException("the witness policy names another log key than --verifier-key");
      }
      LogVerifier.Report report;
      List<String> notes;
      if (source.export != null && TileMirror.isMirror(source.export)) {
        report = TileMirror.verify(source.export, key);
        notes = List.of(Files.readString(source.export.resolve("checkpoint"), StandardCharsets.UTF_8));
      } else if (source.export != null) {
        report = AuditExport.verify(source.export, key);
        notes = AuditExport.checkpointNotes(source.export);
      } else {
        Live live = source.live;
        String audience = live.audience != null ? live.audience : live.url.toString().replaceAll("/$", "");
        AuditClient client = AuditClient.signIn(live.url, live.clientId, PemFiles.readPrivateKey(live.key), audience);
        report = client.verify(key);
        notes = client.checkpointNotes();
      }
      if (!report.valid() || policy.isEmpty()) {
        spec.commandLine().getOut().println(report.verdict());
        return report.valid() ? 0 : 1;
      }
      WitnessedCheckpoints.Outcome witnessed = WitnessedCheckpoints.check(notes, policy.get());
      spec.commandLine().getOut().println(witnessed.valid()
          ? report.verdict() + "; witnessed up to size " + witnessed.witnessedSize() + " (quorum " + policy.get().quorum() + " met)"
          : "FAIL " + witnessed.failure().orElseThrow());
      return witnessed.valid() ? 0 : 1;
    }
  }

  @Command(name = "proof", mixinStandardHelpOptions = true,
      description = "Print an offline inclusion proof of one entry in the C2SP tlog-proof format, against the latest signed checkpoint.")
  static final class Proof implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--index", required = true, paramLabel = "N", description = "The entry's index.")
    long index;

    @Override
    public Integer call() throws Exception {
      String proof = withStore(config.load(), (store, verifier) -> {
        StoredCheckpoint checkpoint = Blocking.await(store.latestCheckpoint(), TIMEOUT)
            .orElseThrow(() -> new IllegalStateException("no checkpoint has been signed yet"));
        if (index < 0 || index >= checkpoint.size()) {
          throw new IllegalArgumentException("index " + index + " is not covered by the latest checkpoint (size "
              + checkpoint.size() + "); try again after the next checkpoint");
        }
        return TlogProof.of(index, Blocking.await(store.inclusionProof(index, checkpoint.size()), TIMEOUT),
            checkpoint.signedNote()).encode();
      });
      spec.commandLine().getOut().print(proof);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
