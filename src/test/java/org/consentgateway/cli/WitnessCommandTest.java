package org.consentgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.consentgateway.audit.Checkpoint;
import org.consentgateway.audit.CosignerKey;
import org.consentgateway.audit.MemoryTree;
import org.consentgateway.audit.NoteSigner;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.SignedNote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway witness serve} as a regulator runs it, in its own JVM: the C2SP tlog-witness
 * answers over HTTP, and its memory surviving {@code kill -9}.
 */
class WitnessCommandTest {

  private static final String ORIGIN = "consent-gateway.local/audit";

  @TempDir
  Path folder;

  private final NoteSigner log = NoteSigner.generate(ORIGIN);
  private final MemoryTree tree = new MemoryTree();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> started = new ArrayList<>();
  private int port;

  @AfterEach
  void stopWitnesses() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly().waitFor();
    }
  }

  private CosignerKey newKey() throws Exception {
    GatewayProcess.Outcome made = new GatewayInProcess(folder).run(60, "witness", "new-key", "--name", "witness.regulator.example",
        "--out", folder.resolve("witness.pem").toString());
    assertThat(made.exitCode()).as(made.output()).isZero();
    String vkey = made.output().lines().filter(line -> line.startsWith("witness.regulator.example+")).findFirst().orElseThrow();
    return CosignerKey.parse(vkey);
  }

  private void startWitness() throws Exception {
    GatewayProcess.Started witness = new GatewayProcess(folder).startUntilPrinted("listening on", Duration.ofSeconds(60),
        "witness", "serve", "--key", folder.resolve("witness.pem").toString(), "--name", "witness.regulator.example",
        "--log", ORIGIN + "=" + log.verifier().verifierKey(), "--data", folder.resolve("state").toString(),
        "--port", Integer.toString(port));
    started.add(witness.process());
  }

  private void grow(int entries) {
    for (int i = 0; i < entries; i++) {
      tree.appendData(("entry " + tree.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  private SignedNote checkpoint() {
    return Checkpoint.of(ORIGIN, tree.size(), tree.rootHash()).sign(log);
  }

  private HttpResponse<String> add(long oldSize, SignedNote checkpoint) throws Exception {
    long size = Checkpoint.parse(checkpoint).size();
    List<Sha256Hash> proof = oldSize == 0 || oldSize >= size || size > tree.size() ? List.of() : tree.consistencyProof(oldSize, size);
    return addAsync(oldSize, proof, checkpoint).join();
  }

  private CompletableFuture<HttpResponse<String>> addAsync(long oldSize, List<Sha256Hash> proof, SignedNote checkpoint) {
    StringBuilder body = new StringBuilder("old ").append(oldSize).append('\n');
    proof.forEach(hash -> body.append(hash.base64()).append('\n'));
    body.append('\n').append(checkpoint.encode());
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/add-checkpoint"))
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void cosignsOverHttpAndRemembersThroughKillMinus9() throws Exception {
    CosignerKey key = newKey();
    assertThat(Files.readString(folder.resolve("witness.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
    port = GatewayProcess.freePort();
    startWitness();

    grow(10);
    SignedNote first = checkpoint();
    HttpResponse<String> cosigned = add(0, first);
    assertThat(cosigned.statusCode()).isEqualTo(200);
    SignedNote withCosignature = SignedNote.parse(first.encode() + cosigned.body());
    assertThat(key.cosignedAt(withCosignature.textBytes(), withCosignature.signatures().get(1))).isPresent();

    // Each refusal as C2SP tlog-witness gives it.
    HttpResponse<String> conflict = add(3, first);
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.headers().firstValue("Content-Type")).contains("text/x.tlog.size");
    assertThat(conflict.body()).isEqualTo("10\n");
    SignedNote fork = Checkpoint.of(ORIGIN, 10, Sha256Hash.digest(new byte[] {1})).sign(log);
    assertThat(add(10, fork).statusCode()).isEqualTo(409);
    assertThat(add(0, Checkpoint.of("elsewhere.example/log", 1, Sha256Hash.digest(new byte[] {1}))
        .sign(NoteSigner.generate("elsewhere.example/log"))).statusCode()).isEqualTo(404);
    assertThat(add(10, Checkpoint.of(ORIGIN, 10, tree.rootHash()).sign(NoteSigner.generate(ORIGIN))).statusCode()).isEqualTo(403);
    assertThat(add(11, first).statusCode()).isEqualTo(400);
    grow(5);
    List<Sha256Hash> wrongProof = new ArrayList<>(tree.consistencyProof(10, 15));
    wrongProof.set(0, Sha256Hash.digest(new byte[] {2}));
    assertThat(addAsync(10, wrongProof, checkpoint()).join().statusCode()).isEqualTo(422);

    // Two submissions from one old size at once: one is cosigned, the other finds the state moved.
    SignedNote at15 = checkpoint();
    List<Sha256Hash> proofTo15 = tree.consistencyProof(10, 15);
    grow(5);
    SignedNote at20 = checkpoint();
    List<Sha256Hash> proofTo20 = tree.consistencyProof(10, 20);
    var racing = List.of(addAsync(10, proofTo15, at15), addAsync(10, proofTo20, at20));
    List<Integer> statuses = racing.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();
    assertThat(statuses).containsExactly(200, 409);

    started.get(0).destroyForcibly().waitFor(); // SIGKILL: no shutdown of any kind
    startWitness();
    HttpResponse<String> afterKill = add(0, at20);
    assertThat(afterKill.statusCode()).isEqualTo(409);
    long held = Long.parseLong(afterKill.body().strip());
    assertThat(held).isIn(15L, 20L);
    grow(1);
    assertThat(add(held, checkpoint()).statusCode()).isEqualTo(200);
  }
}
