package org.consentgateway.witness;

import static java.util.Objects.requireNonNull;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The witness's HTTP interface: {@code POST /add-checkpoint} exactly as C2SP tlog-witness answers
 * it, and {@code GET /} with the witness's verifier key, for whoever configures a policy. The rule
 * runs on a worker thread (it writes and forces files), never on the event loop.
 */
public final class WitnessServer {

  /** Far above a checkpoint with 63 proof lines and a hundred signatures. */
  static final long MAX_BODY_BYTES = 64 * 1024;

  private static final String TEXT = "text/plain; charset=utf-8";

  private final Vertx vertx;
  private final Witness witness;

  public WitnessServer(Vertx vertx, Witness witness) {
    this.vertx = requireNonNull(vertx, "vertx is null");
    this.witness = requireNonNull(witness, "witness is null");
  }

  /** Starts listening; the future holds the server, whose {@code actualPort()} is the port taken. */
  public Future<HttpServer> listen(String host, int port) {
    Router router = Router.router(vertx);
    router.post("/add-checkpoint").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
    router.post("/add-checkpoint").handler(this::addCheckpoint);
    router.get("/").handler(context -> context.response().putHeader("Content-Type", TEXT)
        .end(witness.cosigner().key().vkey() + "\n"));
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(router)
        .listen();
  }

  private void addCheckpoint(RoutingContext context) {
    byte[] body = context.body().buffer() == null ? new byte[0] : context.body().buffer().getBytes();
    vertx.executeBlocking(() -> witness.submit(body), false)
        .onSuccess(submission -> answer(context.response(), submission))
        .onFailure(failure -> context.response().setStatusCode(503).putHeader("Content-Type", TEXT)
            .end("the witness cannot record its state now\n"));
  }

  private static void answer(HttpServerResponse response, Submission submission) {
    int status = switch (submission.outcome()) {
      case COSIGNED -> 200;
      case CONFLICT -> 409;
      case UNKNOWN_LOG -> 404;
      case NOT_SIGNED_BY_LOG -> 403;
      case BAD_REQUEST -> 400;
      case BAD_PROOF -> 422;
    };
    String type = submission.outcome() == Submission.Outcome.CONFLICT ? "text/x.tlog.size" : TEXT;
    // Cosignature lines end in a newline already; the other texts get one.
    String body = submission.outcome() == Submission.Outcome.COSIGNED ? submission.text() : submission.text() + "\n";
    response.setStatusCode(status).putHeader("Content-Type", type).end(body);
  }
}
