package org.consentgateway.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.consentgateway.audit.AuditFormatException;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.audit.SignedNote;
import org.consentgateway.audit.TileMirror;
import org.consentgateway.audit.TilePath;
import org.consentgateway.audit.TiledTree;
import org.consentgateway.audit.Verdict;
import org.consentgateway.crypto.PemFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gateway audit mirror}: copies the log's tiles (C2SP tlog-tiles) with plain HTTP GETs into a
 * folder laid out as the log serves them, checking as it goes that they are the tree the signed
 * checkpoint vouches for. Hash tiles are public; entry bundles need a regulator's sign-in.
 */
@Command(name = "mirror", mixinStandardHelpOptions = true,
    description = "Copy the log's tiles and, with a regulator's key, its entry bundles into a folder, verifying them against the "
        + "signed checkpoint. `gateway audit verify --export DIR` checks the copy again offline.")
final class AuditMirrorCommand implements Callable<Integer> {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TILES = "/v1/audit/tile/";

  @Spec
  CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The gateway (its address, e.g. https://gateway).")
  URI url;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (created if missing).")
  Path out;

  @Option(names = "--verifier-key", required = true, paramLabel = "KEY",
      description = "The log's verifier key, or a file holding it. Get it from a source you trust.")
  String verifierKey;

  @ArgGroup(exclusive = false)
  Regulator regulator;

  static final class Regulator {
    @Option(names = "--client-id", required = true, paramLabel = "ID", description = "Your regulator id, to copy the entries too.")
    String clientId;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Your regulator private key (PKCS#8 PEM).")
    Path key;

    @Option(names = "--aud", paramLabel = "URL", description = "The gateway's issuer URL, if it differs from --url.")
    String audience;
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  @Override
  public Integer call() throws Exception {
    NoteVerifier key = AuditCommand.verifierKey(verifierKey);
    String note = new String(get("/v1/audit/checkpoint"), StandardCharsets.UTF_8);
    SignedNote signed = SignedNote.parse(note);
    Verdict signature = signed.verify(key);
    if (!signature.isValid()) {
      spec.commandLine().getOut().println("FAIL checkpoint: not signed by the verifier key " + key.name() + " (" + signature.detail() + ")");
      return 1;
    }
    Checkpoint checkpoint = Checkpoint.parse(signed);
    TiledTree tree = new TiledTree(checkpoint.size());
    Map<TilePath, byte[]> tiles = new HashMap<>();
    for (TilePath tile : tree.hashTiles()) {
      byte[] bytes = get(TILES + tile.path());
      tiles.put(tile, bytes);
      TileMirror.writeTile(out, tile, bytes);
    }
    Verdict verdict = tree.verify(tiles, checkpoint.rootHash());
    if (!verdict.isValid()) {
      spec.commandLine().getOut().println("FAIL tiles: " + verdict.detail());
      return 1;
    }
    Optional<GatewayApiClient> reader = Optional.empty();
    if (regulator != null) {
      String audience = regulator.audience != null ? regulator.audience : url.toString().replaceAll("/$", "");
      reader = Optional.of(GatewayApiClient.signIn(url, regulator.clientId, PemFiles.readPrivateKey(regulator.key), audience));
      for (TilePath bundle : tree.entryBundles()) {
        byte[] bytes = reader.get().getBytes(TILES + bundle.path());
        try {
          TiledTree.entriesOf(bundle, bytes, tiles.get(new TilePath(0, bundle.index(), bundle.width())));
        } catch (AuditFormatException e) {
          spec.commandLine().getOut().println("FAIL " + e.getMessage());
          return 1;
        }
        TileMirror.writeTile(out, bundle, bytes);
      }
    }
    TileMirror.writeCheckpoint(out, note);
    spec.commandLine().getOut().printf("mirrored %s at size %d: %d tiles%s, verified against the signed checkpoint%n",
        checkpoint.origin(), checkpoint.size(), tiles.size(),
        reader.isPresent() ? " and " + tree.entryBundles().size() + " entry bundles" : " (no entries: give --client-id and --key)");
    return 0;
  }

  private byte[] get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url.resolve(path)).timeout(TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode());
    }
    return response.body();
  }
}
