package org.consentgateway.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.consentgateway.audit.AuditLog;
import org.consentgateway.audit.AuditStore;
import org.consentgateway.audit.InclusionProof;
import org.consentgateway.audit.NoteVerifier;
import org.consentgateway.audit.PublicCheckpoint;
import org.consentgateway.audit.Sha256Hash;
import org.consentgateway.audit.StoredEntry;
import org.consentgateway.audit.TilePath;
import org.consentgateway.audit.Tiles;
import org.consentgateway.error.ErrorCode;
import org.consentgateway.error.ProblemException;
import org.consentgateway.value.Principal;

/**
 * The audit log over HTTP (docs/api.md "Regulator"). Public: the latest signed checkpoint and the
 * verifier key, so anyone can check a proof. Regulator (guarded by AccessRules): entries,
 * checkpoints, inclusion and consistency proofs. Each regulator read is itself an audit entry,
 * committed before the answer leaves; if it cannot be recorded, nothing is disclosed (503).
 */
public final class AuditRoutes {

  public static final String CHECKPOINT_PATH = "/v1/audit/checkpoint";
  /** Where the log's tiles are (C2SP tlog-tiles, with {@code /v1/audit} as the prefix). */
  public static final String TILE_PREFIX = "/v1/audit/tile/";
  private static final String TILE_TYPE = "application/octet-stream";
  private static final String NO_TILE = "No such tile: the log does not hold it (yet), or the path is not a tile's.";
  public static final String VERIFIER_KEY_PATH = "/v1/audit/verifier-key";
  /** The most entries one page returns; a client reads on from the last index it got. */
  public static final int MAX_PAGE = 1000;

  private final AuditStore store;
  private final RegulatorReads reads;
  private final String verifierKey;
  private final PublicCheckpoint publicCheckpoint;
  private final Tiles tiles;

  public AuditRoutes(AuditStore store, AuditLog log, NoteVerifier verifier, PublicCheckpoint publicCheckpoint, Tiles tiles,
      Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.reads = new RegulatorReads(log, clock);
    this.verifierKey = requireNonNull(verifier, "verifier is null").verifierKey();
    this.publicCheckpoint = requireNonNull(publicCheckpoint, "publicCheckpoint is null");
    this.tiles = requireNonNull(tiles, "tiles is null");
  }

  public void mount(Router router) {
    router.get(CHECKPOINT_PATH).handler(this::checkpoint);
    router.get(VERIFIER_KEY_PATH).handler(context -> text(context, verifierKey + "\n"));
    router.get("/v1/audit/entries").handler(this::entries);
    router.get("/v1/audit/checkpoints").handler(this::checkpoints);
    router.get("/v1/audit/proofs/inclusion").handler(this::inclusion);
    router.get("/v1/audit/proofs/consistency").handler(this::consistency);
    // Entry bundles first: "entries" would also match a hash tile's level.
    ENTRY_BUNDLE_PATHS.forEach(path -> router.get(path).handler(this::entryBundle));
    HASH_TILE_PATHS.forEach(path -> router.get(path).handler(this::hashTile));
  }

  /**
   * The C2SP tlog-tiles paths as route templates, one per depth: an index of one to three groups,
   * then {@code .p/<width>} on a partial tile; the handlers parse the rest strictly.
   */
  public static final List<String> HASH_TILE_PATHS = tilePaths(TILE_PREFIX + ":level");
  public static final List<String> ENTRY_BUNDLE_PATHS = tilePaths(TILE_PREFIX + "entries");

  private static List<String> tilePaths(String start) {
    List<String> paths = new java.util.ArrayList<>();
    StringBuilder path = new StringBuilder(start);
    for (int segment = 1; segment <= TilePath.MAX_GROUPS + 1; segment++) {
      paths.add(path.append("/:t").append(segment).toString());
    }
    return List.copyOf(paths);
  }

  private void hashTile(RoutingContext context) {
    Optional<TilePath> tile = tileOf(context).filter(parsed -> !parsed.isEntries());
    if (tile.isEmpty()) {
      throw new ProblemException(ErrorCode.NOT_FOUND, NO_TILE);
    }
    tiles.hashes(tile.get()).onComplete(result -> {
      if (result.failed()) {
        context.fail(unavailable());
      } else if (result.result().isEmpty()) {
        context.fail(new ProblemException(ErrorCode.NOT_FOUND, NO_TILE));
      } else {
        // Public and immutable: these bytes never change, and reveal only hashes.
        context.response().putHeader("Cache-Control", "public, max-age=31536000, immutable");
        JsonRoutes.replyBytes(context, TILE_TYPE, Future.succeededFuture(result.result().get()));
      }
    });
  }

  private void entryBundle(RoutingContext context) {
    Optional<TilePath> tile = tileOf(context).filter(TilePath::isEntries);
    if (tile.isEmpty()) {
      throw new ProblemException(ErrorCode.NOT_FOUND, NO_TILE);
    }
    Principal reader = Caller.of(context);
    Future<byte[]> bundle = tiles.entries(tile.get()).compose(found -> found.isEmpty()
        ? Future.failedFuture(new ProblemException(ErrorCode.NOT_FOUND, NO_TILE))
        : reads.record(reader, "entries", found.get()).map(appended -> found.get()));
    context.response().putHeader("Cache-Control", "private, max-age=31536000, immutable");
    JsonRoutes.replyBytes(context, TILE_TYPE, bundle.recover(failure -> Future.failedFuture(
        failure instanceof ProblemException problem ? problem : unavailable())));
  }

  private static Optional<TilePath> tileOf(RoutingContext context) {
    String path = context.normalizedPath();
    return path.startsWith(TILE_PREFIX) ? TilePath.parse(path.substring(TILE_PREFIX.length())) : Optional.empty();
  }

  private void checkpoint(RoutingContext context) {
    publicCheckpoint.latest().onComplete(result -> {
      if (result.failed()) {
        context.fail(unavailable());
      } else if (result.result().isEmpty()) {
        context.fail(new ProblemException(ErrorCode.NOT_FOUND, publicCheckpoint.whyNone()));
      } else {
        text(context, result.result().get().note());
      }
    });
  }

  private void entries(RoutingContext context) {
    long start = parameter(context, "start");
    long end = parameter(context, "end");
    if (end <= start) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "end must be greater than start (end is exclusive).");
    }
    Future<ArrayNode> page = store.size()
        .compose(size -> start >= size ? Future.succeededFuture(List.<StoredEntry>of())
            : store.entries(start, Math.min(Math.min(end, start + MAX_PAGE), size)))
        .map(AuditRoutes::entriesJson);
    disclose(context, page, "entries");
  }

  private void checkpoints(RoutingContext context) {
    Future<ArrayNode> body = store.checkpoints().map(all -> {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      all.forEach(c -> array.addObject().put("size", c.size()).put("rootHash", c.root().base64()).put("note", c.note()));
      return array;
    });
    disclose(context, body, "checkpoints");
  }

  private void inclusion(RoutingContext context) {
    long index = parameter(context, "index");
    long size = parameter(context, "size");
    disclose(context, inclusionBody(index, size), "inclusionProof");
  }

  /** {@code {"index", "size", "hashes"}}: the body of an inclusion proof ({@link InclusionProof}). */
  private Future<ObjectNode> inclusionBody(long index, long size) {
    return store.inclusionProof(index, size).map(hashes -> new InclusionProof(index, size, hashes).toJson());
  }

  private void consistency(RoutingContext context) {
    long from = parameter(context, "from");
    long to = parameter(context, "to");
    Future<ObjectNode> body = store.consistencyProof(from, to).map(hashes -> {
      ObjectNode json = JsonNodeFactory.instance.objectNode().put("from", from).put("to", to);
      json.set("hashes", base64(hashes));
      return json;
    });
    disclose(context, body, "consistencyProof");
  }

  /** Records the read (with the hash of exactly the bytes disclosed), waits for it to be durable, then answers with those bytes. */
  private void disclose(RoutingContext context, Future<? extends JsonNode> body, String disclosed) {
    reads.disclose(context, body, disclosed);
  }


  static ArrayNode entriesJson(List<StoredEntry> entries) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (StoredEntry entry : entries) {
      ObjectNode json = array.addObject()
          .put("index", entry.index())
          .put("leafInput", Base64.getEncoder().encodeToString(entry.leafInput()));
      json.set("entry", JsonRoutes.parse(entry.leafInput()));
      json.put("leafHash", entry.leafHash().base64()).put("chainHash", entry.chainHash().base64());
    }
    return array;
  }

  private static ArrayNode base64(List<Sha256Hash> hashes) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    hashes.forEach(hash -> array.add(hash.base64()));
    return array;
  }

  /** A required whole-number query parameter, 0 or more; else 400 {@code invalid_request}. */
  static long parameter(RoutingContext context, String name) {
    String text = context.request().getParam(name);
    if (text == null) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "Query parameter " + name + " is required.");
    }
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ProblemException(ErrorCode.INVALID_REQUEST, "Query parameter " + name + " must be a whole number, 0 or more.");
    }
  }

  private static ProblemException unavailable() {
    return new ProblemException(ErrorCode.UNAVAILABLE, "The audit log is not reachable; nothing was disclosed.");
  }

  private static void text(RoutingContext context, String body) {
    JsonRoutes.replyText(context, "text/plain; charset=utf-8", body);
  }
}
