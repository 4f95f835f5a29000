package org.consentgateway.audit;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** What end-to-end tests do with a gateway's public checkpoint and the proofs checked against it. */
public final class PublishedCheckpoints {

  private PublishedCheckpoints() {}

  /**
   * The first checkpoint {@code fetch} answers ({@code GET /v1/audit/checkpoint}) that covers at
   * least {@code size} entries; the checkpointer signs in the background, so this waits up to 20 s.
   */
  public static Checkpoint atLeast(long size, Callable<HttpResponse<String>> fetch) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = fetch.call();
      if (response.statusCode() == 200) {
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.parse(response.body()));
        if (checkpoint.size() >= size) {
          return checkpoint;
        }
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    throw new AssertionError("no checkpoint of size " + size + " within 20 s");
  }

  /** The {@code hashes} of a proof answer, decoded. */
  public static List<byte[]> hashes(JsonObject proof) {
    return proof.getJsonArray("hashes").stream().map(hash -> Base64.getDecoder().decode((String) hash)).toList();
  }
}
